import { useId, useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Tabs } from '../../../components/ui/Tabs';
import { formatCivilDate, formatCount } from '../../../lib/format';
import type { AmbiguousDateColumn, DateOrder, FileReport, SheetReport } from '../api';
import { effectiveMapping, needsMapping } from '../columnMapping';
import { FORMAT_CHOICES, formatImportedAt, formatLabel, sheetSummary, textFileFacts, wouldChange } from '../describe';
import { formatBytes } from '../files';
import { readiness, shownReport, type PendingFile } from '../useImportSession';
import { ProblemsTable } from './ProblemsTable';

/** FileCardProps: one added file and what can be done with it. */
export interface FileCardProps {
  file: PendingFile;
  allOrNothing: boolean;
  /** busy: a real import is running; nothing may change. */
  busy: boolean;
  onRemove: (id: number) => void;
  onDateOrder: (id: number, order: DateOrder) => void;
  onFormat: (id: number, format: string) => void;
  /** profile is the saved profile chosen for every file without a mapping of its own ("" = none). */
  profile?: string;
  /** onMapColumns opens the column-mapping dialog for the file. */
  onMapColumns?: (id: number) => void;
  /** onClearMapping drops the file's own column mapping. */
  onClearMapping?: (id: number) => void;
}

/** MappingNote says which column mapping reads the file, with what can be done about it. */
function MappingNote({ file, profile, busy, onMap, onClear }: { file: PendingFile; profile: string; busy: boolean; onMap?: () => void; onClear?: () => void }) {
  const mapping = effectiveMapping(file.mapping, profile);
  if (!mapping) return null;
  const text =
    mapping.kind === 'saved'
      ? `Columns mapped by the saved profile “${mapping.name}” (chosen under Options for every file).`
      : `Columns mapped by you${mapping.profile.name ? ` (profile “${mapping.profile.name}”)` : ''} as ${formatLabel(mapping.profile.format)}.`;
  return (
    <p className="file-card__note file-card__mapping" data-testid="import-mapping-note">
      <span>{text}</span>
      {onMap ? (
        <button type="button" className="link-button" disabled={busy} onClick={onMap}>
          Change the mapping…
        </button>
      ) : null}
      {file.mapping && onClear ? (
        <button type="button" className="link-button" disabled={busy} onClick={onClear}>
          {profile ? `Use the profile “${profile}” instead` : 'Detect the format instead'}
        </button>
      ) : null}
    </p>
  );
}

function StatusBadge({ file }: { file: PendingFile }) {
  switch (readiness(file)) {
    case 'reading':
      return <Badge>{file.preview.kind === 'reading' ? 'Reading…' : 'Waiting to be read'}</Badge>;
    case 'needs-dates':
      return <Badge tone="warning">Question about dates</Badge>;
    case 'unreadable':
      return <Badge tone="warning">Cannot be imported</Badge>;
    case 'ready':
      return <Badge tone="accent">Ready to import</Badge>;
  }
}

/** PreviewTable shows a sheet's header and first rows, numbered as Excel or an editor numbers them. */
function PreviewTable({ sheet, fileName }: { sheet: SheetReport; fileName: string }) {
  const { columns, rows, rowNumbers } = sheet.preview;
  const where = sheet.name ? `sheet ${sheet.name} of ${fileName}` : fileName;
  return (
    <div className="preview" tabIndex={0} role="region" aria-label={`First rows of ${where}`}>
      <table className="table preview__table" data-testid="import-preview-table">
        <caption className="visually-hidden">{`First ${rows.length} rows of ${where}`}</caption>
        <thead>
          <tr>
            <th scope="col" className="num preview__rownum">
              Row
            </th>
            {columns.map((c, i) => (
              <th scope="col" key={i} title={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              <th scope="row" className="num preview__rownum">
                {rowNumbers[r] ?? ''}
              </th>
              {columns.map((_, c) => (
                <td key={c} title={row[c] || undefined}>
                  {row[c] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Previews({ report, fileName }: { report: FileReport; fileName: string }) {
  const sheets = report.sheets.filter((s) => !s.skipped && s.preview.columns.length > 0);
  const [selected, setSelected] = useState(sheets[0]?.name ?? '');
  if (sheets.length === 0) return null;
  if (sheets.length === 1) return <PreviewTable sheet={sheets[0]!} fileName={fileName} />;
  return (
    <Tabs
      label={`Sheets of ${fileName}`}
      selected={selected}
      onSelect={setSelected}
      tabs={sheets.map((s) => ({ id: s.name, label: s.name, content: <PreviewTable sheet={s} fileName={fileName} /> }))}
    />
  );
}

/** DateQuestion asks how a file writes its dates when the data cannot tell (03/04 could be either). */
function DateQuestion({
  columns,
  answer,
  disabled,
  onAnswer,
}: {
  columns: AmbiguousDateColumn[];
  answer?: DateOrder;
  disabled: boolean;
  onAnswer: (order: DateOrder) => void;
}) {
  const titleId = useId();
  return (
    <div className={answer ? 'question question--answered' : 'question'} role="group" aria-labelledby={titleId}>
      <p className="question__title" id={titleId}>
        {answer
          ? `Dates are read ${answer === 'dmy' ? 'day first (25/02)' : 'month first (02/25)'}.`
          : 'How are the dates in this file written? The data fits both ways.'}
      </p>
      <ul className="question__examples">
        {columns.map((c) => (
          <li key={c.column}>
            {`Column ${c.column}${c.header ? ` (${c.header})` : ''}: `}
            <span className="mono">{c.examples.join(', ')}</span>
          </li>
        ))}
      </ul>
      <div className="question__actions">
        <button
          type="button"
          className={answer === 'dmy' ? 'button button--primary' : 'button'}
          aria-pressed={answer === 'dmy'}
          disabled={disabled}
          onClick={() => onAnswer('dmy')}
        >
          Day first (25/02)
        </button>
        <button
          type="button"
          className={answer === 'mdy' ? 'button button--primary' : 'button'}
          aria-pressed={answer === 'mdy'}
          disabled={disabled}
          onClick={() => onAnswer('mdy')}
        >
          Month first (02/25)
        </button>
      </div>
    </div>
  );
}

function isTextFile(name: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(name);
}

/**
 * FileCard is one added file: its name and size, how each sheet was read (format, rows, header
 * row, skipped sheets with the reason), the encoding and delimiter of a text file, what the
 * import would change, the first rows, and the validation report.
 */
export function FileCard({ file, allOrNothing, busy, onRemove, onDateOrder, onFormat, profile = '', onMapColumns, onClearMapping }: FileCardProps) {
  const titleId = useId();
  const formatId = useId();
  const [open, setOpen] = useState(true);
  const report = shownReport(file);
  const state = readiness(file);
  const stale = file.preview.kind === 'waiting' || file.preview.kind === 'reading';
  const ambiguous = report?.ambiguousDates ?? [];
  // A file whose dates are ambiguous comes back with an error saying so: the question replaces it.
  const error = file.preview.kind === 'failed' ? file.preview.message : ambiguous.length > 0 ? '' : (report?.error ?? '');
  const facts = report && isTextFile(file.path) ? textFileFacts(report) : '';
  const mapped = effectiveMapping(file.mapping, profile) !== undefined;
  const map = onMapColumns ? () => onMapColumns(file.id) : undefined;

  return (
    <article className="file-card" data-testid="import-file-card" aria-labelledby={titleId} aria-busy={stale || undefined}>
      <header className="file-card__header">
        <button
          type="button"
          className="disclosure file-card__toggle"
          aria-expanded={open}
          aria-label={open ? `Hide the details of ${file.path}` : `Show the details of ${file.path}`}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="disclosure__chevron" aria-hidden="true" />
        </button>
        <div className="file-card__heading">
          <h3 className="file-card__title" id={titleId} title={file.path} tabIndex={-1}>
            {file.path}
          </h3>
          <p className="file-card__meta">
            {[formatBytes(file.file.size), facts].filter(Boolean).join(' · ')}
          </p>
        </div>
        <StatusBadge file={file} />
        <label className="file-card__format" htmlFor={formatId}>
          <span className="file-card__format-label">Read as</span>
          <select
            id={formatId}
            className="form__input form__input--small"
            value={file.format}
            disabled={busy || mapped}
            title={mapped ? 'A column mapping reads this file; change the mapping instead.' : undefined}
            onChange={(e) => onFormat(file.id, e.currentTarget.value)}
          >
            {FORMAT_CHOICES.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {map ? (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            aria-label={`Map the columns of ${file.path}`}
            data-testid="import-map-columns"
            onClick={map}
          >
            Map columns…
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          aria-label={`Remove ${file.path}`}
          onClick={() => onRemove(file.id)}
        >
          Remove
        </button>
      </header>

      {open ? (
        <div className="file-card__body">
          {stale && !report ? (
            <p className="file-card__reading" role="status">
              {file.preview.kind === 'reading' ? 'Reading the file…' : 'Waiting for the files before it…'}
            </p>
          ) : null}
          {error ? (
            <p className="file-card__error" role="alert">
              {`This file cannot be imported: ${error}`}
            </p>
          ) : null}
          {map && !mapped && !stale && needsMapping(report) ? (
            <p className="file-card__note file-card__mapping">
              <span>Tell Throughline what each column holds, and save that as a profile for the next export.</span>
              <button type="button" className="button button--small button--primary" disabled={busy} onClick={map} data-testid="import-map-prompt">
                Map the columns…
              </button>
            </p>
          ) : null}
          <MappingNote
            file={file}
            profile={profile}
            busy={busy}
            onMap={map}
            onClear={onClearMapping ? () => onClearMapping(file.id) : undefined}
          />
          {report ? (
            <div className={stale ? 'file-card__report file-card__report--stale' : 'file-card__report'}>
              {stale ? (
                <p className="file-card__reading" role="status">
                  Reading the file again…
                </p>
              ) : null}
              {report.sheets.length > 0 ? (
                <ul className="file-card__sheets">
                  {report.sheets.map((s, i) => (
                    <li key={`${s.name}-${i}`} className={s.skipped ? 'file-card__sheet file-card__sheet--skipped' : 'file-card__sheet'}>
                      {report.sheets.length > 1 || s.name ? <span className="file-card__sheet-name">{`Sheet “${s.name}”: `}</span> : null}
                      {sheetSummary(s)}
                    </li>
                  ))}
                </ul>
              ) : null}
              {ambiguous.length > 0 ? (
                <DateQuestion columns={ambiguous} answer={file.dateOrder} disabled={busy} onAnswer={(o) => onDateOrder(file.id, o)} />
              ) : file.dateOrder ? (
                <p className="file-card__note">
                  {`Dates that read both ways are read ${file.dateOrder === 'dmy' ? 'day first (25/02)' : 'month first (02/25)'}, as you said. `}
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    onClick={() => onDateOrder(file.id, file.dateOrder === 'dmy' ? 'mdy' : 'dmy')}
                  >
                    {file.dateOrder === 'dmy' ? 'Read them month first instead' : 'Read them day first instead'}
                  </button>
                </p>
              ) : null}
              {!report.error && state !== 'needs-dates' ? (
                <p className="file-card__change">
                  <strong>{wouldChange(report)}</strong>
                  {` ${formatCount(report.rowsRead)} ${report.rowsRead === 1 ? 'row' : 'rows'} read.`}
                </p>
              ) : null}
              {report.previouslyImportedAt ? (
                <p className="file-card__note">{`This exact file was imported before, on ${formatWhen(report.previouslyImportedAt)}.`}</p>
              ) : null}
              <Previews report={report} fileName={file.path} />
              <ProblemsTable
                fileName={file.path}
                rejected={report.rejected}
                warnings={report.warnings}
                allOrNothing={allOrNothing}
                testId="import-problems"
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function formatWhen(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCivilDate(value) : formatImportedAt(value);
}
