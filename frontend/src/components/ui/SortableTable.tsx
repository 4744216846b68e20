import { useMemo, useState, type ReactNode } from 'react';
import { formatCount } from '../../lib/format';

/** SortValue is what a column sorts by; null sorts last in either direction. */
export type SortValue = string | number | null;

/** Column describes one column: its header, its sort value and how a cell shows. */
export interface Column<Row> {
  id: string;
  header: string;
  value: (row: Row) => SortValue;
  /** render shows the cell; by default the value as text ("" for null). */
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
  className?: string;
  /** title gives a cell a tooltip (e.g. the full text of a truncated title). */
  title?: (row: Row) => string | undefined;
}

/** SortState is the column sorted by and its direction. */
export interface SortState {
  column: string;
  direction: 'ascending' | 'descending';
}

/** SortableTableProps: at most `limit` rows are drawn, after sorting all of them. */
export interface SortableTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  initialSort?: SortState;
  limit?: number;
  testId?: string;
  rowTestId?: string;
  /** noun names the rows in the "showing 500 of N" line ("items"). */
  noun?: string;
}

/** DEFAULT_ROW_LIMIT caps the rows drawn at once, so a 40,000-row trace stays responsive. */
export const DEFAULT_ROW_LIMIT = 500;

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** compareValues orders numbers numerically, text naturally ("CAT-99" before "CAT-100"). */
export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** sortRows returns the rows sorted by one column, nulls and empty text last, ties in input order. */
export function sortRows<Row>(rows: readonly Row[], value: (row: Row) => SortValue, direction: SortState['direction']): Row[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const missing = (v: SortValue) => v === null || v === '';
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((x, y) => {
      const mx = missing(x.v);
      const my = missing(y.v);
      if (mx || my) return mx === my ? x.index - y.index : mx ? 1 : -1;
      return sign * compareValues(x.v, y.v) || x.index - y.index;
    })
    .map((entry) => entry.row);
}

/**
 * SortableTable is a table whose column headers sort it (click or Enter on the header; again
 * to reverse). It sorts every row but draws at most `limit`, saying so under the table.
 */
export function SortableTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort,
  limit = DEFAULT_ROW_LIMIT,
  testId,
  rowTestId,
  noun = 'rows',
}: SortableTableProps<Row>) {
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const sorted = useMemo(() => {
    const column = sort ? columns.find((c) => c.id === sort.column) : undefined;
    return column && sort ? sortRows(rows, column.value, sort.direction) : [...rows];
  }, [rows, columns, sort]);
  const shown = sorted.length > limit ? sorted.slice(0, limit) : sorted;

  const toggle = (id: string) =>
    setSort((prev) =>
      prev?.column === id
        ? { column: id, direction: prev.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column: id, direction: 'ascending' },
    );

  return (
    <div className="sortable">
      <div className="table-wrap sortable__scroll">
        <table className="table table--compact" data-testid={testId}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const direction = sort?.column === column.id ? sort.direction : undefined;
                return (
                  <th
                    key={column.id}
                    scope="col"
                    className={[column.numeric ? 'num' : '', column.className ?? ''].join(' ').trim() || undefined}
                    aria-sort={direction ?? 'none'}
                  >
                    <button type="button" className="sort-button" onClick={() => toggle(column.id)}>
                      <span>{column.header}</span>
                      <span className={`sort-button__icon sort-button__icon--${direction ?? 'none'}`} aria-hidden="true" />
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)} data-testid={rowTestId}>
                {columns.map((column) => {
                  const value = column.value(row);
                  return (
                    <td
                      key={column.id}
                      className={[column.numeric ? 'num' : '', column.className ?? ''].join(' ').trim() || undefined}
                      title={column.title?.(row)}
                    >
                      {column.render ? column.render(row) : value === null ? '' : String(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > shown.length ? (
        <p className="sortable__more" role="status">
          {`Showing ${formatCount(shown.length)} of ${formatCount(sorted.length)} ${noun}. Sort by a column to bring others to the top.`}
        </p>
      ) : null}
    </div>
  );
}
