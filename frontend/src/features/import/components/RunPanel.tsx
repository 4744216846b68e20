import { useEffect, useId, useRef, useState } from 'react';
import { formatCount } from '../../../lib/format';
import { useImportHistory } from '../api';
import { didChange } from '../describe';
import { useImportProgress } from '../useImportProgress';
import type { FileOutcome, PendingFile, RunState } from '../useImportSession';
import { ProblemsTable, problemCounts } from './ProblemsTable';
import { RowProgress } from './RowProgress';

/** RunPanelProps: the files as they stand and the run. */
export interface RunPanelProps {
  run: RunState;
  ready: readonly PendingFile[];
  needDates: readonly PendingFile[];
  unreadable: readonly PendingFile[];
  previewing: boolean;
  allOrNothing: boolean;
  onStart: () => void;
  onCancel: () => void;
}

function filesWord(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'file' : 'files'}`;
}

function names(files: readonly PendingFile[]): string {
  return files.map((f) => f.path).join(', ');
}

/** runMessage is what the live region announces about the run. */
export function runMessage(run: RunState): string {
  if (run.kind === 'running') {
    if (run.cancelling) return 'Cancelling the import…';
    return `Importing file ${run.done + 1} of ${run.total}: ${run.current}`;
  }
  if (run.kind === 'finished') {
    const imported = run.outcomes.filter((o) => o.outcome === 'imported').length;
    const unchanged = run.outcomes.filter((o) => o.outcome === 'unchanged').length;
    const failed = run.outcomes.filter((o) => o.outcome === 'failed').length;
    const parts = [`${filesWord(imported)} imported`];
    if (unchanged) parts.push(`${formatCount(unchanged)} already imported`);
    if (failed) parts.push(`${formatCount(failed)} could not be imported`);
    return `${run.cancelled ? 'Import cancelled' : 'Import finished'}: ${parts.join(', ')}.`;
  }
  return '';
}

/**
 * RunPanel starts the real import and shows it going: a progress bar (file i of n and its
 * name), under it the rows read of the file in flight (RowProgress), with Cancel; then the
 * outcome of each file. Progress by file and the outcome are announced.
 */
export function RunPanel({ run, ready, needDates, unreadable, previewing, allOrNothing, onStart, onCancel }: RunPanelProps) {
  const hintId = useId();
  const running = run.kind === 'running';
  const blocked = previewing || needDates.length > 0 || ready.length === 0;
  const cancelRef = useRef<HTMLButtonElement>(null);
  // How far the file in flight has come (rows read), asked while it is in flight and not cancelled.
  const progress = useImportProgress(running && !run.cancelling ? run.progressToken : null);

  // While it runs, the Import button is gone: focus moves to Cancel (and to the results after).
  useEffect(() => {
    if (running) cancelRef.current?.focus();
  }, [running]);

  const hints: string[] = [];
  if (previewing) hints.push('Waiting for the previews to finish…');
  if (needDates.length > 0) hints.push(`Answer the question about dates in ${names(needDates)} first, or remove the file.`);
  if (unreadable.length > 0) hints.push(`${names(unreadable)} cannot be imported and ${unreadable.length === 1 ? 'is' : 'are'} left out.`);
  if (!previewing && ready.length === 0 && needDates.length === 0) hints.push('No file is ready to import.');

  return (
    <div className="run">
      {running ? (
        <div className="run__progress">
          <p className="run__label" id={hintId}>
            {run.cancelling ? 'Cancelling…' : `Importing file ${run.done + 1} of ${run.total}: `}
            {run.cancelling ? null : <span className="run__file">{run.current}</span>}
          </p>
          <div
            className="progress"
            role="progressbar"
            data-testid="import-progress"
            aria-labelledby={hintId}
            aria-valuemin={0}
            aria-valuemax={run.total}
            aria-valuenow={run.done}
            aria-valuetext={`${run.done} of ${run.total} files imported`}
          >
            <div className="progress__done" style={{ width: `${(100 * run.done) / run.total}%` }} />
            <div className="progress__current" style={{ width: `${100 / run.total}%`, left: `${(100 * run.done) / run.total}%` }} />
          </div>
          {run.cancelling ? null : <RowProgress progress={progress} fileName={run.current} />}
          <div className="run__actions">
            <button ref={cancelRef} type="button" className="button" data-testid="import-cancel" disabled={run.cancelling} onClick={onCancel}>
              {run.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
            <span className="form__hint">
              Cancel stops the file being imported and the ones after it. Files already imported stay, and can be undone in the import history.
            </span>
          </div>
        </div>
      ) : (
        <div className="run__start">
          <button
            type="button"
            className="button button--primary"
            data-testid="import-run"
            disabled={blocked}
            aria-describedby={hints.length > 0 ? hintId : undefined}
            onClick={onStart}
          >
            {`Import ${filesWord(ready.length)}`}
          </button>
          {hints.length > 0 ? (
            <p className="form__hint" id={hintId}>
              {hints.join(' ')}
            </p>
          ) : (
            <p className="form__hint">
              {allOrNothing
                ? 'Each file is one transaction: a file with rejected rows is not imported at all.'
                : 'Each file is one transaction, and each can be undone later.'}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function OutcomeText({ outcome }: { outcome: FileOutcome }) {
  const r = outcome.report;
  switch (outcome.outcome) {
    case 'imported':
      return (
        <>
          {r ? didChange(r) : 'Imported.'}
          {r && r.rejected.length > 0 ? ` ${problemCounts(r.rejected.length, 0)}.` : ''}
        </>
      );
    case 'unchanged':
      return <>Nothing changed — this file was already imported.</>;
    case 'failed':
      return <span className="outcome__error">{outcome.message ?? 'It could not be imported.'}</span>;
    case 'cancelled':
      return (
        <>
          Stopped by Cancel while it was being imported. If it finished first, it is in the import history and can be
          undone there.
        </>
      );
    case 'not-run':
      return <>Not imported: cancelled before its turn. It is still in the list above.</>;
  }
}

const OUTCOME_LABELS: Record<FileOutcome['outcome'], string> = {
  imported: 'Imported',
  unchanged: 'Already imported',
  failed: 'Not imported',
  cancelled: 'Cancelled',
  'not-run': 'Not imported',
};

function OutcomeRow({ outcome, undone }: { outcome: FileOutcome; undone: boolean }) {
  const [showProblems, setShowProblems] = useState(false);
  const r = outcome.report;
  const problems = r ? r.rejected.length + r.warnings.length : 0;
  return (
    <li className={`outcome outcome--${undone ? 'undone' : outcome.outcome}`} data-testid="import-result-file">
      <p className="outcome__line">
        <span className="outcome__label">{undone ? 'Undone' : OUTCOME_LABELS[outcome.outcome]}</span>
        <span className="outcome__file">{outcome.path}</span>
      </p>
      <p className="outcome__text">
        <OutcomeText outcome={outcome} />
        {undone ? ' This import has since been undone.' : ''}
      </p>
      {r && problems > 0 ? (
        <>
          <button type="button" className="link-button" aria-expanded={showProblems} onClick={() => setShowProblems((s) => !s)}>
            {showProblems ? 'Hide the problems' : `Show the problems (${problemCounts(r.rejected.length, r.warnings.length)})`}
          </button>
          {showProblems ? <ProblemsTable fileName={outcome.path} rejected={r.rejected} warnings={r.warnings} /> : null}
        </>
      ) : null}
    </li>
  );
}

/** RunResultsProps: a finished run. */
export interface RunResultsProps {
  run: Extract<RunState, { kind: 'finished' }>;
  onDismiss: () => void;
}

/** RunResults says what happened to each file of the last import. */
export function RunResults({ run, onDismiss }: RunResultsProps) {
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [run]);
  // An import undone since (in the history below) says so here too.
  const history = useImportHistory();
  const undone = new Set((history.data ?? []).filter((b) => b.status === 'undone').map((b) => b.id));
  const isUndone = (o: FileOutcome) => o.outcome === 'imported' && !!o.report?.batchId && undone.has(o.report.batchId);
  const stored = run.outcomes.filter((o) => o.outcome === 'imported').length;
  const applied = run.outcomes.filter((o) => o.outcome === 'imported' && !isUndone(o)).length;
  return (
    <section className="panel results" data-testid="import-result" aria-labelledby={titleId}>
      <header className="results__header">
        <h2 className="panel__title" id={titleId} ref={headingRef} tabIndex={-1}>
          {run.cancelled ? 'Import cancelled' : 'Import finished'}
        </h2>
        <button type="button" className="button button--small" onClick={onDismiss}>
          Dismiss
        </button>
      </header>
      <p className="section__intro">
        {`${filesWord(stored)} of ${formatCount(run.total)} imported.`}
        {applied > 0 ? ' The dashboards show the new data. Each import can be undone in the history below.' : ''}
      </p>
      <ul className="results__list">
        {run.outcomes.map((o) => (
          <OutcomeRow key={o.id} outcome={o} undone={isUndone(o)} />
        ))}
      </ul>
    </section>
  );
}
