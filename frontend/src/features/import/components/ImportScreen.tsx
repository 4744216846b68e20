import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../../../lib/backend';
import { formatCount } from '../../../lib/format';
import { downloadTemplate, usePortfolioNames, useStages } from '../api';
import { skipNote, type Candidate, type SkippedFile } from '../files';
import { useMappingProfiles } from '../columnMapping';
import { useImportSession } from '../useImportSession';
import { useNativePick } from '../useNativePick';
import { ColumnMapper } from './ColumnMapper';
import { DropZone } from './DropZone';
import { FileCard } from './FileCard';
import { ImportHistory } from './ImportHistory';
import { ImportOptions } from './ImportOptions';
import { RunPanel, RunResults, runMessage } from './RunPanel';
import { StatusTable } from './StatusTable';
import { TypeTable } from './TypeTable';

/** IncomingFiles are files dropped on the window (perhaps on another screen) for this screen to add. */
export interface IncomingFiles {
  seq: number;
  candidates: Candidate[];
  /** skipped: picked files that could not be read (File › Import Files…), listed as not added. */
  skipped?: SkippedFile[];
}

/** ImportScreenProps: the shell hands over dropped files and File › Import… requests. */
export interface ImportScreenProps {
  /** dragging: files are being dragged over the window. */
  dragging?: boolean;
  incoming?: IncomingFiles | null;
  /** chooseRequest: a new value opens the file dialog (File › Import…). */
  chooseRequest?: number;
}

function TemplateButton() {
  const [state, setState] = useState<{ kind: 'idle' | 'saving' } | { kind: 'saved'; name: string } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });
  const save = () => {
    setState({ kind: 'saving' });
    downloadTemplate().then(
      (name) => setState({ kind: 'saved', name }),
      (err: unknown) => setState({ kind: 'failed', message: errorMessage(err) }),
    );
  };
  return (
    <div className="template">
      <button type="button" className="button" data-testid="import-template" disabled={state.kind === 'saving'} onClick={save}>
        {state.kind === 'saving' ? 'Preparing the template…' : 'Download the import template'}
      </button>
      <p className={state.kind === 'failed' ? 'template__note template__note--error' : 'template__note'} role="status">
        {state.kind === 'saved'
          ? `Saved as ${state.name} in your downloads.`
          : state.kind === 'failed'
            ? state.message
            : 'A workbook for teams to fill in: one sheet per kind, with dropdowns and an example row.'}
      </p>
    </div>
  );
}

/** Step is a section's number in the order the screen is worked through. */
function Step({ n }: { n: number }) {
  return (
    <span className="step" aria-hidden="true" data-testid="import-step">
      {n}
    </span>
  );
}

/**
 * importSteps numbers the sections: Files, then Item types when some file has a type Throughline
 * does not know, then Statuses, Options and Import — consecutive whichever are shown.
 */
function importSteps(withTypes: boolean): { files: number; types: number; statuses: number; options: number; run: number } {
  const t = withTypes ? 1 : 0;
  return { files: 1, types: withTypes ? 2 : 0, statuses: 2 + t, options: 3 + t, run: 4 + t };
}

/**
 * ImportScreen is the Import screen: add files (drop, or choose files or a folder), see each
 * previewed (format, first rows, what would change, problems), map statuses to stages, set the
 * defaults, import with progress and Cancel, and undo from the history.
 */
export function ImportScreen({ dragging = false, incoming, chooseRequest }: ImportScreenProps) {
  const titleId = useId();
  const filesTitleId = useId();
  const statusesTitleId = useId();
  const typesTitleId = useId();
  const optionsTitleId = useId();
  const runTitleId = useId();
  const names = usePortfolioNames();
  const teams = names.data?.teams ?? [];
  const stages = useStages();
  const session = useImportSession(teams);
  const running = session.run.kind === 'running';
  const { addCandidates } = session;
  const profiles = useMappingProfiles();
  // The file whose columns the mapping dialog is open for.
  const [mappingId, setMappingId] = useState<number | null>(null);
  const mappingFile = session.files.find((f) => f.id === mappingId);
  // The card (by position) whose heading takes the focus if nothing has it once the dialog is gone.
  const refocusAfterMapping = useRef<number | null>(null);
  // In the desktop window "Choose files…" shows the native dialog (as File › Import Files… does).
  const pickNatively = useNativePick(addCandidates);

  // Files dropped on the window are added once each.
  const consumed = useRef<number | null>(null);
  useEffect(() => {
    if (!incoming || consumed.current === incoming.seq) return;
    consumed.current = incoming.seq;
    addCandidates(incoming.candidates, incoming.skipped);
  }, [incoming, addCandidates]);

  // A removed file's card (and its Remove button) is gone: focus goes to the next card's
  // heading, or to the Files heading when it was the last.
  const filesHeadingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const { removeFile } = session;
  const remove = useCallback(
    (id: number) => {
      const index = session.files.findIndex((f) => f.id === id);
      removeFile(id);
      requestAnimationFrame(() => {
        const headings = listRef.current?.querySelectorAll<HTMLElement>('.file-card__title') ?? [];
        const next = headings[Math.min(index, headings.length - 1)];
        (next ?? filesHeadingRef.current)?.focus();
      });
    },
    [session.files, removeFile],
  );

  // The dialog gives focus back to the button that opened it. The prompt of an unrecognised file
  // goes once the file is mapped, so then the file's heading takes it. This runs after the dialog's
  // own clean-up, whenever the dialog closes (an Apply after saving a profile closes it later).
  useEffect(() => {
    const index = refocusAfterMapping.current;
    if (mappingId !== null || index === null) return;
    refocusAfterMapping.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    listRef.current?.querySelectorAll<HTMLElement>('.file-card__title')[index]?.focus();
  }, [mappingId]);

  const count = session.files.length;
  const step = importSteps(count > 0 && session.types.length > 0);
  const reading = session.files.filter((f) => f.preview.kind === 'reading' || f.preview.kind === 'waiting').length;

  return (
    <section className="page import" data-testid="import-screen" aria-labelledby={titleId}>
      <header className="page__header import__header">
        <h1 className="page__title" id={titleId}>
          Import
        </h1>
        <p className="page__meta">Team spreadsheets and tool exports, previewed before anything is stored.</p>
        <TemplateButton />
      </header>

      <section className="panel import__section" aria-labelledby={filesTitleId}>
        <header className="section__header">
          <h2 className="panel__title" id={filesTitleId} ref={filesHeadingRef} tabIndex={-1}>
            <Step n={step.files} />
            Files
          </h2>
          {count > 0 ? (
            <p className="section__meta" role="status">
              {reading > 0 ? `${formatCount(count)} files · reading ${formatCount(reading)}…` : `${formatCount(count)} ${count === 1 ? 'file' : 'files'}`}
            </p>
          ) : null}
          {count > 1 && !running ? (
            <button type="button" className="button button--small section__action" onClick={session.removeAll}>
              Remove all
            </button>
          ) : null}
        </header>
        <DropZone
          dragging={dragging}
          onCandidates={addCandidates}
          chooseRequest={chooseRequest}
          hasFiles={count > 0}
          pickNatively={pickNatively}
        />
        {session.skipped.length > 0 ? (
          <div className="skipped" role="status">
            <p className="skipped__title">
              {`${formatCount(session.skipped.length)} ${session.skipped.length === 1 ? 'file was' : 'files were'} not added:`}
            </p>
            <ul className="skipped__list">
              {session.skipped.map((s) => (
                <li key={`${s.path}-${s.reason}`}>{skipNote(s)}</li>
              ))}
            </ul>
            <button type="button" className="button button--small" onClick={session.dismissSkipped}>
              Dismiss
            </button>
          </div>
        ) : null}
        {count > 0 ? (
          <div className="file-list" ref={listRef}>
            {session.files.map((f) => (
              <FileCard
                key={f.id}
                file={f}
                allOrNothing={session.allOrNothing}
                busy={running}
                onRemove={remove}
                onDateOrder={session.setDateOrder}
                onFormat={session.setFormat}
                profile={session.profile}
                onMapColumns={setMappingId}
                onClearMapping={(id) => session.setMapping(id, null)}
              />
            ))}
          </div>
        ) : null}
      </section>

      {count > 0 ? (
        <>
          {session.types.length > 0 ? (
            <section className="panel import__section" aria-labelledby={typesTitleId}>
              <header className="section__header">
                <h2 className="panel__title" id={typesTitleId}>
                  <Step n={step.types} />
                  Item types
                </h2>
              </header>
              <TypeTable rows={session.types} choices={session.typeChoices} disabled={running} onChoose={session.chooseType} />
            </section>
          ) : null}
          <section className="panel import__section" aria-labelledby={statusesTitleId}>
            <header className="section__header">
              <h2 className="panel__title" id={statusesTitleId}>
                <Step n={step.statuses} />
                Statuses
              </h2>
            </header>
            {session.statuses.length > 0 ? (
              <StatusTable
                rows={session.statuses}
                stages={stages}
                choices={session.choices}
                teams={teams}
                disabled={running}
                onChoose={session.chooseStage}
              />
            ) : (
              <p className="section__intro">
                {reading > 0 ? 'The statuses appear as the files are read.' : 'These files have no work-item statuses to map.'}
              </p>
            )}
          </section>

          <section className="panel import__section" aria-labelledby={optionsTitleId}>
            <header className="section__header">
              <h2 className="panel__title" id={optionsTitleId}>
                <Step n={step.options} />
                Options
              </h2>
            </header>
            <ImportOptions
              names={names.data}
              defaults={session.defaults}
              allOrNothing={session.allOrNothing}
              disabled={running}
              onDefaults={session.setDefaults}
              onAllOrNothing={session.setAllOrNothing}
              profiles={profiles.data}
              profilesError={profiles.isError}
              profile={session.profile}
              onProfile={session.setProfile}
            />
          </section>
        </>
      ) : null}

      {count > 0 || session.run.kind === 'running' ? (
        <section className="panel import__section" aria-labelledby={runTitleId}>
          <header className="section__header">
            <h2 className="panel__title" id={runTitleId}>
              <Step n={step.run} />
              Import
            </h2>
          </header>
          <RunPanel
            run={session.run}
            ready={session.ready}
            needDates={session.needDates}
            unreadable={session.unreadable}
            previewing={session.previewing}
            allOrNothing={session.allOrNothing}
            onStart={() => void session.start()}
            onCancel={session.cancel}
          />
        </section>
      ) : null}

      <p className="visually-hidden" role="status" aria-live="polite">
        {runMessage(session.run)}
      </p>
      {session.run.kind === 'finished' ? <RunResults run={session.run} onDismiss={session.dismissRun} /> : null}

      <ImportHistory />
      {mappingFile ? (
        <ColumnMapper
          file={mappingFile.file}
          fileName={mappingFile.path}
          initial={mappingFile.mapping ?? (session.profile ? { kind: 'saved', name: session.profile } : undefined)}
          onApply={(mapping) => {
            refocusAfterMapping.current = session.files.indexOf(mappingFile);
            session.setMapping(mappingFile.id, mapping);
            setMappingId(null);
          }}
          onClose={() => setMappingId(null)}
        />
      ) : null}
    </section>
  );
}
