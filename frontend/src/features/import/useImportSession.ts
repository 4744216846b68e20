// useImportSession holds one import session: the files added, their previews (dry runs, one
// request per file, in sequence), the defaults and stage choices, and the real import (one
// request per file, cancellable between and during files).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { errorMessage } from '../../lib/backend';
import { importFile, type DateOrder, type FileReport, type ItemType, type Stage, type TeamName } from './api';
import { effectiveMapping, mappingOptions, type ColumnMapping } from './columnMapping';
import { fileIdentity, sortCandidates, type Candidate, type SkippedFile } from './files';
import { gatherTypes, reportHasType, typesToSend, type TypeChoice, type TypeRow } from './itemTypes';
import { newProgressToken } from './progress';
import { gatherStatuses, mappingsToSave, type StatusRow } from './statuses';

/** PreviewState is where a file's dry run stands; a file being read again keeps its last report to show. */
export type PreviewState =
  | { kind: 'waiting'; previous?: FileReport }
  | { kind: 'reading'; token: number; previous?: FileReport }
  | { kind: 'read'; report: FileReport }
  | { kind: 'failed'; message: string };

/** PendingFile is a file added to the session and not imported yet. */
export interface PendingFile {
  id: number;
  file: File;
  path: string;
  identity: string;
  /** format forces a layout ("auto" detects it). */
  format: string;
  /** dateOrder answers the file's ambiguous date columns. */
  dateOrder?: DateOrder;
  /** mapping is the file's own column mapping (Map columns…); it wins over the profile chosen for every file. */
  mapping?: ColumnMapping;
  preview: PreviewState;
}

/** FileReadiness sums up a file for the Import button. */
export type FileReadiness = 'reading' | 'ready' | 'needs-dates' | 'unreadable';

/** readiness tells whether a file can be imported as it stands. */
export function readiness(f: PendingFile): FileReadiness {
  const p = f.preview;
  if (p.kind === 'waiting' || p.kind === 'reading') return 'reading';
  if (p.kind === 'failed') return 'unreadable';
  if (p.report.ambiguousDates.length > 0 && !f.dateOrder) return 'needs-dates';
  return p.report.error ? 'unreadable' : 'ready';
}

/** shownReport is the report to show for a file: the current one, or the last while it is read again. */
export function shownReport(f: PendingFile): FileReport | undefined {
  const p = f.preview;
  return p.kind === 'read' ? p.report : p.kind === 'failed' ? undefined : p.previous;
}

/** Defaults are the options for rows whose file does not say. */
export interface Defaults {
  team: string;
  program: string;
}

/** FileOutcome is what the real import did with one file. */
export interface FileOutcome {
  id: number;
  path: string;
  outcome: 'imported' | 'unchanged' | 'failed' | 'cancelled' | 'not-run';
  report?: FileReport;
  message?: string;
}

/**
 * RunState is the real import: running (file i of n; progressToken follows the file in flight, see
 * useImportProgress), or finished with an outcome per file.
 */
export type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; total: number; done: number; current: string; progressToken: string; cancelling: boolean; outcomes: FileOutcome[] }
  | { kind: 'finished'; total: number; cancelled: boolean; outcomes: FileOutcome[] };

type Action =
  | { type: 'add'; files: PendingFile[] }
  | { type: 'remove'; ids: readonly number[] }
  | { type: 'reading'; id: number; token: number }
  | { type: 'read'; id: number; token: number; report: FileReport }
  | { type: 'failed'; id: number; token: number; message: string }
  | { type: 'requeue'; ids?: readonly number[] }
  | { type: 'set'; id: number; dateOrder?: DateOrder; format?: string; mapping?: ColumnMapping | null }
  | { type: 'requeue-unmapped' };

function requeue(f: PendingFile): PendingFile {
  const previous = shownReport(f);
  return { ...f, preview: previous ? { kind: 'waiting', previous } : { kind: 'waiting' } };
}

function reducer(files: PendingFile[], action: Action): PendingFile[] {
  switch (action.type) {
    case 'add':
      return [...files, ...action.files];
    case 'remove':
      return files.filter((f) => !action.ids.includes(f.id));
    case 'reading':
      return files.map((f) => (f.id === action.id ? { ...f, preview: { kind: 'reading', token: action.token, previous: shownReport(f) } } : f));
    case 'read':
    case 'failed':
      return files.map((f) => {
        if (f.id !== action.id || f.preview.kind !== 'reading' || f.preview.token !== action.token) return f;
        return { ...f, preview: action.type === 'read' ? { kind: 'read', report: action.report } : { kind: 'failed', message: action.message } };
      });
    case 'requeue':
      return files.map((f) => (!action.ids || action.ids.includes(f.id) ? requeue(f) : f));
    case 'set':
      return files.map((f) =>
        f.id === action.id
          ? requeue({
              ...f,
              dateOrder: action.dateOrder ?? f.dateOrder,
              format: action.format ?? f.format,
              mapping: action.mapping === undefined ? f.mapping : (action.mapping ?? undefined),
            })
          : f,
      );
    case 'requeue-unmapped':
      // The files without a mapping of their own, and the one whose reading was stopped.
      return files.map((f) => (f.mapping && f.preview.kind !== 'reading' ? f : requeue(f)));
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** useImportSession is the state and the actions of the Import screen. */
export function useImportSession(teams: readonly TeamName[]) {
  const queryClient = useQueryClient();
  const [files, dispatch] = useReducer(reducer, []);
  const [skipped, setSkipped] = useState<SkippedFile[]>([]);
  const [defaults, setDefaultsState] = useState<Defaults>({ team: '', program: '' });
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [choices, setChoices] = useState<ReadonlyMap<string, Stage>>(new Map());
  // Item types chosen for raw types no table knows, by typeKey; the ref is for requests.
  const [typeChoices, setTypeChoices] = useState<ReadonlyMap<string, TypeChoice>>(new Map());
  const typeChoicesRef = useRef(typeChoices);
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const nextId = useRef(1);
  const nextToken = useRef(1);
  const previewAbort = useRef<{ id: number; controller: AbortController } | null>(null);
  const runAbort = useRef<AbortController | null>(null);
  // The defaults as of the last change, for requests started outside a render.
  const defaultsRef = useRef(defaults);
  // The saved profile that maps every file without a mapping of its own ("" = none).
  const [profile, setProfileState] = useState('');
  const profileRef = useRef(profile);

  // Previews run one at a time, in the order the files were added.
  useEffect(() => {
    if (run.kind === 'running') return;
    if (files.some((f) => f.preview.kind === 'reading')) return;
    const next = files.find((f) => f.preview.kind === 'waiting');
    if (!next) return;
    const token = nextToken.current++;
    const controller = new AbortController();
    previewAbort.current = { id: next.id, controller };
    dispatch({ type: 'reading', id: next.id, token });
    const { team, program } = defaultsRef.current;
    const types = typesToSend(typeChoicesRef.current);
    const mapping = mappingOptions(effectiveMapping(next.mapping, profileRef.current));
    importFile(next.file, { dryRun: true, team, program, format: next.format, dateOrder: next.dateOrder, types, ...mapping }, controller.signal).then(
      (report) => dispatch({ type: 'read', id: next.id, token, report }),
      (err: unknown) => {
        if (!isAbort(err)) dispatch({ type: 'failed', id: next.id, token, message: errorMessage(err) });
      },
    );
  }, [files, run.kind]);

  // Leaving for good stops whatever is in flight.
  useEffect(
    () => () => {
      previewAbort.current?.controller.abort();
      runAbort.current?.abort();
    },
    [],
  );

  const abortPreviewOf = useCallback((ids?: readonly number[]) => {
    const current = previewAbort.current;
    if (current && (!ids || ids.includes(current.id))) {
      current.controller.abort();
      previewAbort.current = null;
    }
  }, []);

  const addCandidates = useCallback(
    (candidates: readonly Candidate[], alsoSkipped: readonly SkippedFile[] = []) => {
      const known = new Set(files.map((f) => f.identity));
      const { accepted, skipped: left } = sortCandidates(candidates, known);
      setSkipped([...alsoSkipped, ...left]);
      if (accepted.length === 0) return;
      dispatch({
        type: 'add',
        files: accepted.map((c) => ({
          id: nextId.current++,
          file: c.file,
          path: c.path,
          identity: fileIdentity(c),
          format: 'auto',
          preview: { kind: 'waiting' },
        })),
      });
    },
    [files],
  );

  const removeFile = useCallback(
    (id: number) => {
      abortPreviewOf([id]);
      dispatch({ type: 'remove', ids: [id] });
    },
    [abortPreviewOf],
  );

  const removeAll = useCallback(() => {
    abortPreviewOf();
    dispatch({ type: 'remove', ids: files.map((f) => f.id) });
    setSkipped([]);
  }, [abortPreviewOf, files]);

  const setDateOrder = useCallback(
    (id: number, dateOrder: DateOrder) => {
      abortPreviewOf([id]);
      dispatch({ type: 'set', id, dateOrder });
    },
    [abortPreviewOf],
  );

  const setFormat = useCallback(
    (id: number, format: string) => {
      abortPreviewOf([id]);
      dispatch({ type: 'set', id, format });
    },
    [abortPreviewOf],
  );

  /** setMapping gives a file its own column mapping (null drops it); the file is read again with it. */
  const setMapping = useCallback(
    (id: number, mapping: ColumnMapping | null) => {
      abortPreviewOf([id]);
      dispatch({ type: 'set', id, mapping });
    },
    [abortPreviewOf],
  );

  /** setProfile chooses the saved profile for every file without a mapping of its own ("" = none); those are read again. */
  const setProfile = useCallback(
    (name: string) => {
      if (profileRef.current === name) return;
      profileRef.current = name;
      setProfileState(name);
      abortPreviewOf();
      dispatch({ type: 'requeue-unmapped' });
    },
    [abortPreviewOf],
  );

  /** setDefaults changes the defaults; the previews are read again with them. */
  const setDefaults = useCallback(
    (next: Defaults) => {
      const prev = defaultsRef.current;
      if (prev.team.trim() === next.team.trim() && prev.program.trim() === next.program.trim()) return;
      defaultsRef.current = next;
      setDefaultsState(next);
      abortPreviewOf();
      dispatch({ type: 'requeue' });
    },
    [abortPreviewOf],
  );

  const chooseStage = useCallback((key: string, stage: Stage) => {
    setChoices((prev) => new Map(prev).set(key, stage));
  }, []);

  /** chooseType settles a raw type; the files that have it (or are being read) are read again with the choice. */
  const chooseType = useCallback(
    (key: string, rawType: string, type: ItemType) => {
      const next = new Map(typeChoicesRef.current).set(key, { rawType, type });
      typeChoicesRef.current = next;
      setTypeChoices(next);
      const ids = files.filter((f) => f.preview.kind === 'reading' || reportHasType(shownReport(f), key)).map((f) => f.id);
      if (ids.length === 0) return;
      abortPreviewOf(ids);
      dispatch({ type: 'requeue', ids });
    },
    [files, abortPreviewOf],
  );

  const types: TypeRow[] = useMemo(
    () =>
      gatherTypes(
        files.flatMap((f) => {
          const report = shownReport(f);
          return report && !report.error ? [{ name: f.path, report }] : [];
        }),
      ),
    [files],
  );

  const statuses: StatusRow[] = useMemo(
    () =>
      gatherStatuses(
        files.flatMap((f) => {
          const report = shownReport(f);
          return report && !report.error ? [{ name: f.path, report }] : [];
        }),
      ),
    [files],
  );

  const previewing = files.some((f) => readiness(f) === 'reading');
  const ready = files.filter((f) => readiness(f) === 'ready');
  const needDates = files.filter((f) => readiness(f) === 'needs-dates');
  const unreadable = files.filter((f) => readiness(f) === 'unreadable');

  /** start imports the ready files, one request each, in order; cancel stops it. */
  const start = useCallback(async () => {
    if (run.kind === 'running' || previewing || needDates.length > 0 || ready.length === 0) return;
    const queue = ready;
    const controller = new AbortController();
    runAbort.current = controller;
    const mappings = mappingsToSave(statuses, choices, teams);
    const types = typesToSend(typeChoicesRef.current);
    const outcomes: FileOutcome[] = [];
    const total = queue.length;
    const { team, program } = defaultsRef.current;
    let cancelled = false;
    for (const [i, f] of queue.entries()) {
      if (controller.signal.aborted) {
        cancelled = true;
        break;
      }
      const progress = newProgressToken();
      setRun({ kind: 'running', total, done: i, current: f.path, progressToken: progress, cancelling: false, outcomes: [...outcomes] });
      try {
        const mapping = mappingOptions(effectiveMapping(f.mapping, profileRef.current));
        const report = await importFile(
          f.file,
          { dryRun: false, team, program, format: f.format, dateOrder: f.dateOrder, allOrNothing, mappings, types, ...mapping, progress },
          controller.signal,
        );
        outcomes.push({
          id: f.id,
          path: f.path,
          report,
          outcome: report.error ? 'failed' : report.stored ? 'imported' : 'unchanged',
          message: report.error || undefined,
        });
      } catch (err) {
        if (isAbort(err) || controller.signal.aborted) {
          outcomes.push({ id: f.id, path: f.path, outcome: 'cancelled' });
          cancelled = true;
          break;
        }
        outcomes.push({ id: f.id, path: f.path, outcome: 'failed', message: errorMessage(err) });
      }
    }
    for (const f of queue) {
      if (!outcomes.some((o) => o.id === f.id)) outcomes.push({ id: f.id, path: f.path, outcome: 'not-run' });
    }
    runAbort.current = null;
    setRun({ kind: 'finished', total, cancelled, outcomes });
    // Files that went in leave the list; the rest stay, to fix or try again.
    const done = outcomes.filter((o) => o.outcome === 'imported' || o.outcome === 'unchanged').map((o) => o.id);
    dispatch({ type: 'remove', ids: done });
    // Every cached figure may have changed (a cancelled file may have been stored before the cancel arrived).
    await queryClient.invalidateQueries();
    // What is left was previewed against the portfolio before the import.
    if (done.length > 0) dispatch({ type: 'requeue' });
  }, [run.kind, previewing, needDates.length, ready, statuses, choices, teams, allOrNothing, queryClient]);

  const cancel = useCallback(() => {
    const controller = runAbort.current;
    if (!controller) return;
    controller.abort();
    setRun((r) => (r.kind === 'running' ? { ...r, cancelling: true } : r));
  }, []);

  const dismissRun = useCallback(() => setRun({ kind: 'idle' }), []);
  const dismissSkipped = useCallback(() => setSkipped([]), []);

  return {
    files,
    skipped,
    defaults,
    allOrNothing,
    choices,
    statuses,
    typeChoices,
    types,
    run,
    previewing,
    ready,
    needDates,
    unreadable,
    addCandidates,
    removeFile,
    removeAll,
    setDateOrder,
    setFormat,
    setMapping,
    profile,
    setProfile,
    setDefaults,
    setAllOrNothing,
    chooseStage,
    chooseType,
    start,
    cancel,
    dismissRun,
    dismissSkipped,
  };
}

/** ImportSession is what useImportSession returns. */
export type ImportSession = ReturnType<typeof useImportSession>;
