import { useId } from 'react';
import type { MappingFormat, TableColumn, TableColumns } from '../../../lib/backend';
import { roleLabel, type Columns, type SharedRole } from '../columnMapping';

/** MappingRowsProps: the sheet's columns, the format's roles, the mapping and what reads one column but is given several. */
export interface MappingRowsProps {
  sheet: TableColumns | undefined;
  format: MappingFormat;
  columns: Columns;
  shared: SharedRole[];
  onRole: (header: string, role: string) => void;
}

function describe(c: TableColumn): string {
  return c.header ? `column ${c.letter} (“${c.header}”)` : `column ${c.letter}`;
}

/**
 * MappingRows is the table of the dialog: one row per column with its letter, header and first
 * values, and a select of the format's roles. Columns with the same header share their role (the
 * mapping goes by header); a column without a header cannot be mapped.
 */
export function MappingRows({ sheet, format, columns, shared, onRole }: MappingRowsProps) {
  const base = useId();
  const cols = sheet?.columns ?? [];
  // Where each one-column role sits, to say so in the other selects.
  const firstWith = new Map<string, string>();
  for (const c of cols) {
    const role = c.header ? columns[c.header] : undefined;
    if (role && !firstWith.has(role)) firstWith.set(role, c.letter);
  }
  const firstOf = new Map<string, string>();
  for (const c of cols) if (c.header && !firstOf.has(c.header)) firstOf.set(c.header, c.letter);

  return (
    <div className="column-mapper__table-wrap" tabIndex={-1}>
      <table className="table table--compact column-mapper__table" data-testid="column-mapper-table">
        <caption className="visually-hidden">{`The columns of ${sheet?.sheet ? `sheet ${sheet.sheet}` : 'the file'} and what each holds`}</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Header</th>
            <th scope="col">First values</th>
            <th scope="col">Holds</th>
          </tr>
        </thead>
        <tbody>
          {cols.map((c) => {
            const role = c.header ? (columns[c.header] ?? '') : '';
            const clash = shared.find((s) => s.role.role === role);
            const sameAs = c.header ? firstOf.get(c.header) : undefined;
            const repeat = sameAs !== undefined && sameAs !== c.letter;
            const noteId = `${base}-${c.letter}`;
            const note = !c.header
              ? 'No header, so it cannot be mapped.'
              : repeat
                ? `Same header as column ${sameAs}: they are read together.`
                : clash
                  ? `${clash.role.name} reads one column; it is also given to ${clash.headers.filter((h) => h !== c.header).map((h) => `“${h}”`).join(', ')}.`
                  : '';
            return (
              <tr key={c.letter} data-testid="column-mapper-row" className={role ? 'column-mapper__row--mapped' : undefined}>
                <th scope="row" className="mono">
                  {c.letter}
                </th>
                <td>{c.header || <span className="column-mapper__none">no header</span>}</td>
                <td className="column-mapper__samples" title={c.samples.join('\n') || undefined}>
                  {c.samples.length > 0 ? c.samples.join(' · ') : <span className="column-mapper__none">empty</span>}
                </td>
                <td>
                  <select
                    className="form__input form__input--small column-mapper__role"
                    aria-label={`What ${describe(c)} holds`}
                    aria-invalid={clash ? true : undefined}
                    aria-describedby={note ? noteId : undefined}
                    data-testid={`column-mapper-role-${c.letter}`}
                    value={role}
                    disabled={!c.header}
                    onChange={(e) => onRole(c.header, e.currentTarget.value)}
                  >
                    <option value="">Not imported</option>
                    {format.roles.map((r) => {
                      const elsewhere = !r.repeated && r.role !== role ? firstWith.get(r.role) : undefined;
                      const extra = [r.required ? 'required' : '', elsewhere ? `now on column ${elsewhere}` : ''].filter(Boolean).join(', ');
                      return (
                        <option key={r.role} value={r.role}>
                          {extra ? `${roleLabel(r)} — ${extra}` : roleLabel(r)}
                        </option>
                      );
                    })}
                  </select>
                  {note ? (
                    <span id={noteId} className={clash ? 'column-mapper__note column-mapper__note--problem' : 'column-mapper__note'}>
                      {note}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
