// api.ts: the import feature's contract with the backend — POST /api/import (one file per
// request, dry run or real, with a column mapping by name or sent along), GET /api/imports and
// POST /api/imports/{id}/undo, GET /api/mappings, GET /api/export/template, and the team and
// program names of GET /api/overview for the default-team picker. Answers are decoded, not cast: the Go side may send null for an empty
// list, and text from files is kept as text.
import { useQuery } from '@tanstack/react-query';
import { apiGet, apiPost, apiPostForm, downloadFile, type MappingProfile } from '../../lib/backend';

/** Stage is a canonical workflow stage; "" is a status no mapping covers yet. */
export type Stage = 'backlog' | 'ready' | 'active' | 'waiting' | 'done' | 'removed';

/** STAGES are the canonical stages in flow order (the backend's list when it sends one). */
export const STAGES: readonly Stage[] = ['backlog', 'ready', 'active', 'waiting', 'done', 'removed'];

/** ImportProblem is one rejected row or warning: where (sheet, Excel row, column letter and header), the value and the fix. */
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  header: string;
  value: string;
  reason: string;
}

/** StatusReport is a raw status seen in a file, and the stage it maps to. */
export interface StatusReport {
  sourceSystem: string;
  team: string;
  status: string;
  category: string;
  count: number;
  firstRow: number;
  /** stage is "" when nothing maps the status yet. */
  stage: Stage | '';
  /** proposed: stage is a default the import will save (the user may change it). */
  proposed: boolean;
  /**
   * synthetic: the "Created" status a rebuilt history starts with (from the item's Created date)
   * when the file has no changelog, not a status the file names.
   */
  synthetic: boolean;
}

/** ItemType is one of Throughline's work-item types. */
export type ItemType = 'epic' | 'feature' | 'story' | 'bug' | 'enabler' | 'task' | 'risk' | 'debt' | 'subtask';

/** ITEM_TYPES are the item types, as the backend lists them (backend.ItemTypes). */
export const ITEM_TYPES: readonly ItemType[] = ['epic', 'feature', 'story', 'bug', 'enabler', 'task', 'risk', 'debt', 'subtask'];

/** isItemType tells whether a string is one of ITEM_TYPES. */
export function isItemType(value: string): value is ItemType {
  return (ITEM_TYPES as readonly string[]).includes(value);
}

/** UnknownType is a raw item type in a file that no built-in table knows, with how many rows have it. */
export interface UnknownType {
  sourceSystem: string;
  rawType: string;
  count: number;
  firstRow: number;
  /** type is what the choices sent (or saved by an earlier import) make of it; "" = its rows are rejected. */
  type: ItemType | '';
}

/** AmbiguousDateColumn is a date column whose values read both day-first and month-first. */
export interface AmbiguousDateColumn {
  column: string;
  header: string;
  examples: string[];
}

/** SheetPreview is the header and the first rows of a sheet as the file has them. */
export interface SheetPreview {
  /** columns read "A (Issue key)". */
  columns: string[];
  rows: string[][];
  /** rowNumbers are the rows' numbers as Excel or an editor shows them. */
  rowNumbers: number[];
}

/** SheetReport says how one sheet (or the one table of a text file) was read. */
export interface SheetReport {
  name: string;
  hidden: boolean;
  format: string;
  confidence: number;
  rowsRead: number;
  headerRow: number;
  /** skipped says why the sheet was not imported; "" when it was read. */
  skipped: string;
  preview: SheetPreview;
}

/** KindCounts are what an import did to one kind of record (deployments, incidents…). */
export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** FileReport is the outcome of one file, dry run or real. */
export interface FileReport {
  path: string;
  format: string;
  rowsRead: number;
  itemsCreated: number;
  itemsUpdated: number;
  itemsUnchanged: number;
  historyAdded: number;
  records: Record<string, KindCounts>;
  rejected: ImportProblem[];
  warnings: ImportProblem[];
  statuses: StatusReport[];
  ambiguousDates: AmbiguousDateColumn[];
  unknownTypes: UnknownType[];
  sheets: SheetReport[];
  sha256: string;
  encoding: string;
  delimiter: string;
  batchId: number;
  dryRun: boolean;
  /** stored is false for a dry run, a failed file, and a file already imported (nothing changed). */
  stored: boolean;
  /** error is a sentence when the file could not be read or stored at all; "" otherwise. */
  error: string;
  previouslyImportedAt: string;
}

/** ImportBatch is one entry of the import history. */
export interface ImportBatch {
  id: number;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  format: string;
  sheet: string;
  encoding: string;
  delimiter: string;
  rowsRead: number;
  rejected: number;
  appVersion: string;
  status: 'applied' | 'undone' | string;
  /** importedAt is an RFC 3339 time. */
  importedAt: string;
  result: {
    itemsCreated: number;
    itemsUpdated: number;
    itemsUnchanged: number;
    historyAdded: number;
    teamsCreated: number;
    programsCreated: number;
  };
}

/** StatusMapping is a stage chosen for a raw status; teamId 0 applies to every team of the source system. */
export interface StatusMapping {
  teamId: number;
  sourceSystem: string;
  rawStatus: string;
  stage: Stage;
}

/** DateOrder answers an ambiguous date column: day first (25/02) or month first (02/25). */
export type DateOrder = 'dmy' | 'mdy';

/** ImportOptions are the query parameters of POST /api/import. */
export interface ImportOptions {
  dryRun: boolean;
  team?: string;
  program?: string;
  /** format forces a layout; "auto" (or absent) detects it per sheet. */
  format?: string;
  dateOrder?: DateOrder;
  allOrNothing?: boolean;
  mappings?: StatusMapping[];
  /** types say which item type a raw type no built-in table knows is (raw type → item type). */
  types?: Record<string, ItemType>;
  /** profile names a saved column-mapping profile (query parameter "profile"). */
  profile?: string;
  /** profileInline is a column mapping made for this file, sent with it (form field "profile"); the backend uses it instead of profile. */
  profileInline?: MappingProfile;
  /** progress is a token GET /api/import/progress/{token} follows the request by (see progress.ts). */
  progress?: string;
}

/** TeamName is a team the default-team picker offers, with its program. */
export interface TeamName {
  id: number;
  name: string;
  program: string;
}

/** PortfolioNames are the existing teams and programs. */
export interface PortfolioNames {
  teams: TeamName[];
  programs: string[];
}

// ---------------------------------------------------------------------------
// Decoding

function rec(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function strings(value: unknown): string[] {
  return list(value).map((v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v)));
}

function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

function decodeProblem(value: unknown): ImportProblem {
  const v = rec(value);
  return { sheet: str(v.sheet), row: int(v.row), column: str(v.column), header: str(v.header), value: str(v.value), reason: str(v.reason) };
}

function decodeStatus(value: unknown): StatusReport {
  const v = rec(value);
  const stage = str(v.stage);
  return {
    sourceSystem: str(v.sourceSystem),
    team: str(v.team),
    status: str(v.status),
    category: str(v.category),
    count: int(v.count),
    firstRow: int(v.firstRow),
    stage: isStage(stage) ? stage : '',
    proposed: v.proposed === true,
    synthetic: v.synthetic === true,
  };
}

function decodeSheet(value: unknown): SheetReport {
  const v = rec(value);
  const p = rec(v.preview);
  return {
    name: str(v.name),
    hidden: v.hidden === true,
    format: str(v.format),
    confidence: int(v.confidence),
    rowsRead: int(v.rows_read),
    headerRow: int(v.header_row),
    skipped: str(v.skipped),
    preview: { columns: strings(p.columns), rows: list(p.rows).map(strings), rowNumbers: list(p.row_numbers).map(int) },
  };
}

/** decodeFileReport reads one entry of POST /api/import's `files`. */
export function decodeFileReport(value: unknown): FileReport {
  const v = rec(value);
  const records: Record<string, KindCounts> = {};
  for (const [kind, c] of Object.entries(rec(v.records))) {
    const k = rec(c);
    records[kind] = { created: int(k.created), updated: int(k.updated), unchanged: int(k.unchanged) };
  }
  return {
    path: str(v.path),
    format: str(v.format),
    rowsRead: int(v.rows_read),
    itemsCreated: int(v.items_created),
    itemsUpdated: int(v.items_updated),
    itemsUnchanged: int(v.items_unchanged),
    historyAdded: int(v.history_added),
    records,
    rejected: list(v.rejected).map(decodeProblem),
    warnings: list(v.warnings).map(decodeProblem),
    statuses: list(v.statuses).map(decodeStatus),
    ambiguousDates: list(v.ambiguous_dates).map((a) => {
      const x = rec(a);
      return { column: str(x.column), header: str(x.header), examples: strings(x.examples) };
    }),
    unknownTypes: list(v.unknown_types).map((u) => {
      const x = rec(u);
      const type = str(x.type);
      return { sourceSystem: str(x.sourceSystem), rawType: str(x.rawType), count: int(x.count), firstRow: int(x.firstRow), type: isItemType(type) ? type : '' };
    }),
    sheets: list(v.sheets).map(decodeSheet),
    sha256: str(v.sha256),
    encoding: str(v.encoding),
    delimiter: str(v.delimiter),
    batchId: int(v.batch_id),
    dryRun: v.dry_run === true,
    stored: v.stored === true,
    error: str(v.error),
    previouslyImportedAt: str(v.previously_imported_at),
  };
}

/** decodeImportBatch reads one entry of GET /api/imports. */
export function decodeImportBatch(value: unknown): ImportBatch {
  const v = rec(value);
  const r = rec(v.result);
  return {
    id: int(v.id),
    fileName: str(v.fileName),
    sha256: str(v.sha256),
    sizeBytes: int(v.sizeBytes),
    format: str(v.format),
    sheet: str(v.sheet),
    encoding: str(v.encoding),
    delimiter: str(v.delimiter),
    rowsRead: int(v.rowsRead),
    rejected: int(v.rejected),
    appVersion: str(v.appVersion),
    status: str(v.status),
    importedAt: str(v.importedAt),
    result: {
      itemsCreated: int(r.itemsCreated),
      itemsUpdated: int(r.itemsUpdated),
      itemsUnchanged: int(r.itemsUnchanged),
      historyAdded: int(r.historyAdded),
      teamsCreated: int(r.teamsCreated),
      programsCreated: int(r.programsCreated),
    },
  };
}

/** decodeNames reads the teams and programs of GET /api/overview. */
export function decodeNames(value: unknown): PortfolioNames {
  const teams: TeamName[] = [];
  const programs: string[] = [];
  for (const p of list(rec(value).programs)) {
    const program = str(rec(p).name);
    if (program) programs.push(program);
    for (const t of list(rec(p).teams)) {
      const name = str(rec(t).name);
      if (name) teams.push({ id: int(rec(t).id), name, program });
    }
  }
  return { teams, programs };
}

// ---------------------------------------------------------------------------
// Requests

/** importQuery writes the query string of POST /api/import. */
export function importQuery(opts: ImportOptions): string {
  const q = new URLSearchParams();
  q.set('dryRun', String(opts.dryRun));
  if (opts.team?.trim()) q.set('team', opts.team.trim());
  if (opts.program?.trim()) q.set('program', opts.program.trim());
  q.set('format', opts.format || 'auto');
  if (opts.dateOrder) q.set('dateOrder', opts.dateOrder);
  if (opts.allOrNothing) q.set('allOrNothing', 'true');
  if (opts.profile) q.set('profile', opts.profile);
  if (opts.progress) q.set('progress', opts.progress);
  return q.toString();
}

/**
 * importFile sends one file to POST /api/import (a dry run reads it and says what would change;
 * a real run stores it as one import batch). signal cancels the request.
 */
export async function importFile(file: File, opts: ImportOptions, signal?: AbortSignal): Promise<FileReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (opts.mappings && opts.mappings.length > 0) form.append('mappings', JSON.stringify(opts.mappings));
  if (opts.types && Object.keys(opts.types).length > 0) form.append('types', JSON.stringify(opts.types));
  if (opts.profileInline) form.append('profile', JSON.stringify(opts.profileInline));
  const body = await apiPostForm<unknown>(`/api/import?${importQuery(opts)}`, form, signal);
  const first = list(rec(body).files)[0];
  if (first === undefined) throw new Error(`The backend sent no report for ${file.name}.`);
  return decodeFileReport(first);
}

/** undoImport undoes one import batch (POST /api/imports/{id}/undo). */
export async function undoImport(id: number): Promise<void> {
  await apiPost<unknown>(`/api/imports/${encodeURIComponent(String(id))}/undo`);
}

/** TEMPLATE_FILE_NAME names the template when the answer does not. */
export const TEMPLATE_FILE_NAME = 'throughline-import-template.xlsx';

/** downloadTemplate saves the import template workbook; resolves to the file name. */
export function downloadTemplate(): Promise<string> {
  return downloadFile('/api/export/template', TEMPLATE_FILE_NAME);
}

export const importKeys = {
  history: ['imports', 'history'] as const,
  mappings: ['imports', 'mappings'] as const,
  names: ['imports', 'names'] as const,
};

/** useImportHistory loads the import history, newest first. */
export function useImportHistory() {
  return useQuery({
    queryKey: importKeys.history,
    queryFn: async () => {
      const batches = list(rec(await apiGet<unknown>('/api/imports')).imports).map(decodeImportBatch);
      const time = (b: ImportBatch) => Date.parse(b.importedAt) || 0;
      return batches.sort((a, b) => time(b) - time(a) || b.id - a.id);
    },
  });
}

/** useStages loads the canonical stages (GET /api/mappings); STAGES until it answers. */
export function useStages(): readonly Stage[] {
  const query = useQuery({
    queryKey: importKeys.mappings,
    queryFn: async () => strings(rec(await apiGet<unknown>('/api/mappings')).stages).filter(isStage),
  });
  return query.data && query.data.length > 0 ? query.data : STAGES;
}

/** usePortfolioNames loads the existing teams and programs for the default-team picker. */
export function usePortfolioNames() {
  return useQuery({
    queryKey: importKeys.names,
    queryFn: async () => decodeNames(await apiGet<unknown>('/api/overview')),
  });
}
