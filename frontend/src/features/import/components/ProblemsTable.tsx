import { useMemo } from 'react';
import { SortableTable, type Column } from '../../../components/ui/SortableTable';
import { formatCount } from '../../../lib/format';
import type { ImportProblem } from '../api';
import { reasonText } from '../describe';

/** ProblemRow is a problem with its severity, as the table lists it. */
interface ProblemRow extends ImportProblem {
  id: number;
  severity: 'Rejected' | 'Warning';
}

/** columnLabel writes a column as Excel users find it: "D (Created)". */
export function columnLabel(p: Pick<ImportProblem, 'column' | 'header'>): string {
  if (p.column && p.header) return `${p.column} (${p.header})`;
  return p.column || p.header;
}

const COLUMNS: Column<ProblemRow>[] = [
  {
    id: 'severity',
    header: 'Kind',
    value: (p) => p.severity,
    className: 'col--kind',
    render: (p) => <span className={p.severity === 'Rejected' ? 'problem problem--rejected' : 'problem problem--warning'}>{p.severity}</span>,
  },
  { id: 'sheet', header: 'Sheet', value: (p) => p.sheet },
  { id: 'row', header: 'Row', value: (p) => (p.row > 0 ? p.row : null), numeric: true, className: 'col--row' },
  { id: 'column', header: 'Column', value: (p) => columnLabel(p) },
  { id: 'value', header: 'Value', value: (p) => p.value, className: 'col--value', title: (p) => p.value || undefined },
  { id: 'reason', header: 'What to do', value: (p) => reasonText(p), className: 'col--reason' },
];

/** problemCounts writes "3 rows rejected · 5 warnings". */
export function problemCounts(rejected: number, warnings: number): string {
  const parts: string[] = [];
  if (rejected) parts.push(`${formatCount(rejected)} ${rejected === 1 ? 'row' : 'rows'} rejected`);
  if (warnings) parts.push(`${formatCount(warnings)} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.join(' · ') || 'No problems';
}

/** ProblemsTableProps: the problems of one file, with a caption naming it. */
export interface ProblemsTableProps {
  fileName: string;
  rejected: readonly ImportProblem[];
  warnings: readonly ImportProblem[];
  /** allOrNothing adds that a rejected row keeps the whole file out. */
  allOrNothing?: boolean;
  testId?: string;
}

/**
 * ProblemsTable is a file's validation report: every rejected row and warning with its sheet,
 * row (as Excel numbers it), column (letter and header), value and what to do, rejected first.
 */
export function ProblemsTable({ fileName, rejected, warnings, allOrNothing = false, testId }: ProblemsTableProps) {
  const rows = useMemo<ProblemRow[]>(
    () => [
      ...rejected.map((p, i) => ({ ...p, id: i, severity: 'Rejected' as const })),
      ...warnings.map((p, i) => ({ ...p, id: rejected.length + i, severity: 'Warning' as const })),
    ],
    [rejected, warnings],
  );
  // A text file has no sheets: the column would stay empty.
  const columns = useMemo(() => (rows.some((p) => p.sheet) ? COLUMNS : COLUMNS.filter((c) => c.id !== 'sheet')), [rows]);
  if (rows.length === 0) return null;
  return (
    <section className="problems" data-testid={testId} aria-label={`Problems in ${fileName}`}>
      <p className="problems__summary">
        <strong>{problemCounts(rejected.length, warnings.length)}</strong>
        {rejected.length > 0
          ? allOrNothing
            ? '. With “import nothing from that file”, this file will not be imported until they are fixed.'
            : '. Rejected rows are left out; the other rows are imported.'
          : '. Warnings do not stop the import.'}
      </p>
      <SortableTable
        caption={`Rejected rows and warnings in ${fileName}`}
        columns={columns}
        rows={rows}
        rowKey={(p) => p.id}
        limit={200}
        noun="problems"
        rowTestId="problem-row"
      />
    </section>
  );
}
