// backend.ts is the only module that talks to the Throughline backend: the HTTP
// JSON API under /api/ (the same in the desktop window and under
// `throughline serve`) and, inside the Wails window, the few native affordances
// bound on window.go.app.Shell. Features build their query hooks on top of it.

/** ShellBridge is the Go `app.Shell` bound by Wails; present only in the desktop window. */
export interface ShellBridge {
  /** Shows the native open dialog and opens the chosen portfolio in Go; false when cancelled. */
  OpenPortfolioDialog(): Promise<boolean>;
  /** Shows the native save dialog and creates an empty portfolio there; false when cancelled. */
  NewPortfolioDialog(): Promise<boolean>;
  /** Self-test hook: receives a JSON summary of what the overview rendered. */
  Report(json: string): Promise<void>;
  /** Shows the native dialog for files to import; resolves to the picked files, staged (see StagedFile). */
  ImportFilesDialog?(): Promise<unknown>;
}

/** WailsRuntime is the part of the injected Wails runtime (window.runtime) we use. */
interface WailsRuntime {
  EventsOn?: (eventName: string, callback: (...data: unknown[]) => void) => (() => void) | void;
}

declare global {
  interface Window {
    go?: { app?: { Shell?: ShellBridge } };
    runtime?: WailsRuntime;
  }
}

/** ApiError is an error reported by the backend (or by the transport), ready to show to the user. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** code is the backend's machine-readable error code, or a transport code such as "network". */
  readonly code: string;
  /** status is the HTTP status, or 0 when the request never got an answer. */
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** errorMessage turns anything thrown by the backend layer into a sentence for the user. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === 'string' && err) return err;
  return 'Something went wrong.';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function apiErrorFromBody(body: unknown, status: number): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message } = body.error;
    if (typeof message === 'string' && message) {
      return new ApiError(typeof code === 'string' ? code : 'error', message, status);
    }
  }
  return new ApiError('http', `The backend answered with HTTP ${status}.`, status);
}

/** RequestBody is a JSON value, or a multipart form (file uploads) sent as the browser encodes it. */
type RequestBody = { json: unknown } | { form: FormData } | undefined;

async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: RequestBody, signal?: AbortSignal): Promise<T> {
  if (!path.startsWith('/api/')) {
    throw new Error(`backend: ${path} is not an API path`);
  }
  let response: Response;
  try {
    // Same-origin relative URL: the Wails asset server, `throughline serve` and the Vite dev proxy
    // all route /api/ to the same handler. A form gets no Content-Type here: the browser writes it
    // with the multipart boundary.
    response = await fetch(path, {
      method,
      headers:
        body !== undefined && 'json' in body
          ? { Accept: 'application/json', 'Content-Type': 'application/json' }
          : { Accept: 'application/json' },
      body: body === undefined ? undefined : 'json' in body ? JSON.stringify(body.json) : body.form,
      signal,
    });
  } catch (err) {
    // A cancelled request (the panel that wanted it closed) stays an AbortError for the query cache.
    if (signal?.aborted) throw err;
    throw new ApiError('network', 'Cannot reach the Throughline backend.', 0);
  }

  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch (err) {
    if (signal?.aborted) throw err;
    parsed = undefined;
  }
  if (!response.ok) {
    throw apiErrorFromBody(parsed, response.status);
  }
  if (parsed === undefined) {
    throw new ApiError('bad_response', 'The backend sent a response that is not JSON.', response.status);
  }
  return parsed as T;
}

/**
 * getBinary fetches GET /api/... whose body is a file, not JSON. A failed answer's JSON body becomes the
 * ApiError, as in request; a cancelled request stays an AbortError.
 */
async function getBinary(path: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'GET', signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError('network', 'Cannot reach the Throughline backend.', 0);
  }
  if (!response.ok) {
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      parsed = undefined;
    }
    throw apiErrorFromBody(parsed, response.status);
  }
  return response;
}

/** apiGet fetches GET /api/... and returns the decoded JSON body; signal cancels it. */
export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, undefined, signal);
}

/** apiPost posts a JSON body (none when body is undefined) to /api/... and returns the decoded JSON body. */
export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return request<T>('POST', path, body === undefined ? undefined : { json: body });
}

/**
 * apiPostForm posts a multipart form (file uploads) to /api/... and returns the decoded JSON
 * body; signal cancels it (the promise then rejects with the AbortError).
 */
export function apiPostForm<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  return request<T>('POST', path, { form }, signal);
}

/** attachmentName reads the file name of a Content-Disposition header, or returns null. */
export function attachmentName(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2] ?? '').trim();
  // Only the last path segment: a header must not choose a folder.
  const base = name.split(/[\\/]/).pop() ?? '';
  return base || null;
}

/**
 * downloadFile fetches a file the backend writes (GET /api/...) and hands it to the browser as a
 * download named by the answer's Content-Disposition (or fallbackName). A plain link to the API
 * does not download inside the desktop window, so the file is fetched, wrapped in a Blob and
 * saved through a temporary <a download>, which works in WebKitGTK and Chromium alike.
 * It resolves to the file name used.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  if (!path.startsWith('/api/')) {
    throw new Error(`backend: ${path} is not an API path`);
  }
  const response = await getBinary(path);
  const blob = await response.blob();
  const name = attachmentName(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The click starts the download asynchronously; give it time before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return name;
}

/** desktopShell returns the Wails bridge, or null in a plain browser. */
export function desktopShell(): ShellBridge | null {
  if (typeof window === 'undefined') return null;
  return window.go?.app?.Shell ?? null;
}

/** isDesktop tells whether the frontend runs inside the Wails desktop window. */
export function isDesktop(): boolean {
  return desktopShell() !== null;
}

/**
 * onPortfolioChanged subscribes to the desktop "portfolio:changed" event (emitted by Go when the
 * native menu opens or creates a portfolio) and returns the unsubscribe function. A no-op in a browser.
 */
export function onPortfolioChanged(callback: () => void): () => void {
  const eventsOn = typeof window === 'undefined' ? undefined : window.runtime?.EventsOn;
  if (typeof eventsOn !== 'function') return () => {};
  const off = eventsOn('portfolio:changed', () => callback());
  return typeof off === 'function' ? off : () => {};
}

/**
 * StagedFile is a file picked in the desktop window's native dialog (File › Import Files…, or the
 * Import screen's button): Go keeps its path and gives the page an id good for one fetch of its
 * bytes. error says why it cannot be imported (a folder, gone, too large); then id is "".
 */
export interface StagedFile {
  id: string;
  name: string;
  size: number;
  /** modified is the file's modification time in milliseconds, as File.lastModified. */
  modified: number;
  error: string;
}

/** decodeStagedFiles reads the list Go sends with "import:files" or returns from ImportFilesDialog. */
export function decodeStagedFiles(value: unknown): StagedFile[] {
  if (!Array.isArray(value)) return [];
  return value.map((f) => {
    const v = isRecord(f) ? f : {};
    const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
    return {
      id: typeof v.id === 'string' ? v.id : '',
      name: typeof v.name === 'string' ? v.name : '',
      size: n(v.size),
      modified: n(v.modified),
      error: typeof v.error === 'string' ? v.error : '',
    };
  });
}

/**
 * nativeFilePicker returns the desktop window's "pick files to import" call (the native dialog),
 * or null in a browser, where an <input type=file> does the job.
 */
export function nativeFilePicker(): (() => Promise<StagedFile[]>) | null {
  const shell = desktopShell();
  const pick = shell?.ImportFilesDialog;
  if (!shell || typeof pick !== 'function') return null;
  return async () => decodeStagedFiles(await pick.call(shell));
}

/**
 * onImportFiles subscribes to the desktop "import:files" event (File › Import Files… in the native
 * menu) and returns the unsubscribe function. A no-op in a browser.
 */
export function onImportFiles(callback: (files: StagedFile[]) => void): () => void {
  const eventsOn = typeof window === 'undefined' ? undefined : window.runtime?.EventsOn;
  if (typeof eventsOn !== 'function') return () => {};
  const off = eventsOn('import:files', (data) => callback(decodeStagedFiles(data)));
  return typeof off === 'function' ? off : () => {};
}

/** fetchStagedFile fetches a picked file's bytes (once: the id is then spent) as a File named as on disk. */
export async function fetchStagedFile(staged: StagedFile, signal?: AbortSignal): Promise<File> {
  const response = await getBinary(`/api/import/staged/${encodeURIComponent(staged.id)}`, signal);
  const bytes = await response.arrayBuffer();
  return new File([bytes], staged.name, { lastModified: staged.modified || Date.now() });
}

/** reportSelfTest hands the self-test summary to Go; does nothing outside the desktop window. */
export async function reportSelfTest(summary: unknown): Promise<boolean> {
  const shell = desktopShell();
  if (!shell) return false;
  await shell.Report(JSON.stringify(summary));
  return true;
}

// ---------------------------------------------------------------------------
// Metrics: GET /api/metrics, /api/metrics/trace and /api/docs/metrics.
//
// The types keep the API's own (snake_case) key names: the report's `notes` and the
// documentation's `metrics` lists refer to figures by those names ("cycle_time_days",
// "dora.change_failure_rate"). Answers are decoded, not cast: any figure that is not a
// finite number becomes null (shown as "n/a", never 0), and missing lists become empty.

/** Figure is a number the backend may be unable to compute (null, with the reason in `notes`). */
export type Figure = number | null;

/** PercentileSummary is a distribution's size and its 50th, 85th and 95th percentiles. */
export interface PercentileSummary {
  count: number;
  p50: Figure;
  p85: Figure;
  p95: Figure;
}

/** FlowMix is the share of items per flow type (0–1). */
export interface FlowMix {
  feature: Figure;
  defect: Figure;
  risk: Figure;
  debt: Figure;
}

/** VelocityRow is one sprint's committed and completed points. */
export interface VelocityRow {
  sprint: string;
  start: string;
  end: string;
  committed: Figure;
  completed: Figure;
  say_do: Figure;
}

/** DoraFigures are the four keys for the level's production deployments. */
export interface DoraFigures {
  deployments: Figure;
  deployments_per_week: Figure;
  /** frequency_band is "daily", "weekly", "monthly", "yearly"…; "" when there were no deployments. */
  frequency_band: string;
  change_failure_rate: Figure;
  lead_time_for_changes_hours_p50: Figure;
  time_to_restore_hours_p50: Figure;
  failed_deployment_recovery_hours_p50: Figure;
}

/** LevelMetrics are one level's figures over the report's period (the API's "M" object). */
export interface LevelMetrics {
  items: { total: Figure; done: Figure; by_type: Record<string, number> };
  throughput: { total: Figure; per_week: { week: string; count: Figure }[] };
  cycle_time_days: PercentileSummary;
  lead_time_days: PercentileSummary;
  /** wip.limit is 0 (or null) when no limit is set. */
  wip: { current: Figure; average: Figure; limit: Figure };
  /** Ratios (0–1): flow_efficiency, say_do, …, dependency_resolution_rate. */
  flow_efficiency: Figure;
  flow_distribution: { done: FlowMix; wip: FlowMix };
  velocity: VelocityRow[];
  say_do: Figure;
  sprint_goal_attainment: Figure;
  predictability: Figure;
  okr_progress: Figure;
  benefit_realization: Figure;
  dora: DoraFigures;
  defect_escape_rate: Figure;
  dependency_resolution_rate: Figure;
  /** csat is a 1–5 score, nps −100 to 100. */
  csat: Figure;
  nps: Figure;
  /** notes gives the reason for a null figure, keyed by its report key ("dora.change_failure_rate"). */
  notes: Record<string, string>;
}

/** TeamMetrics is a team's figures. */
export interface TeamMetrics extends LevelMetrics {
  id: number;
  name: string;
}

/** ProgramMetrics is a program's figures and its teams'. */
export interface ProgramMetrics extends TeamMetrics {
  teams: TeamMetrics[];
}

/** MetricsReport is GET /api/metrics. Dates are civil dates "YYYY-MM-DD"; from and to are both included. */
export interface MetricsReport {
  as_of: string;
  from: string;
  to: string;
  /** conventions says in words how figures are computed, keyed by topic ("cycle_time", "percentiles"). */
  conventions: Record<string, string>;
  portfolio: LevelMetrics;
  programs: ProgramMetrics[];
}

/** MetricsPeriod narrows a report or trace; every part is optional (the backend defaults to 90 days). */
export interface MetricsPeriod {
  from?: string;
  to?: string;
  asOf?: string;
}

/** TRACE_METRICS are the figures GET /api/metrics/trace can explain. */
export const TRACE_METRICS = [
  'items',
  'done',
  'delivery_done',
  'throughput',
  'cycle_time',
  'lead_time',
  'wip',
  'flow_efficiency',
  'aging_wip',
  'deployments',
  'change_failure_rate',
  'time_to_restore',
  'predictability',
] as const;

/** TraceMetric is one of TRACE_METRICS. */
export type TraceMetric = (typeof TRACE_METRICS)[number];

/** TraceQuery asks for the rows behind one figure at one level. */
export interface TraceQuery extends MetricsPeriod {
  metric: TraceMetric;
  level: 'portfolio' | 'program' | 'team';
  /** id is the program's or team's id; unused for the portfolio. */
  id?: number;
  /** week ("2026-W07") narrows throughput, cycle time, lead time and flow efficiency to one ISO week. */
  week?: string;
}

/** TraceItem is one work item behind a figure, with what it contributed. */
export interface TraceItem {
  id: number;
  key: string;
  title: string;
  type: string;
  status: string;
  team_id: number | null;
  created: string;
  /** start, done: civil dates, or "" when the item has none. */
  start: string;
  done: string;
  /** cycle_days, lead_days: null unless the item is done. */
  cycle_days: Figure;
  lead_days: Figure;
  /** active_hours, waiting_hours: null unless the item is done (then an absent value is 0 hours). */
  active_hours: Figure;
  waiting_hours: Figure;
  /** no_start: done without ever being in progress, so start = done (a data-quality flag). */
  no_start: boolean;
}

/** MetricTrace is GET /api/metrics/trace: the rule in words and the rows it selects. */
export interface MetricTrace {
  metric: string;
  level: { kind: string; id: number };
  from: string;
  to: string;
  as_of: string;
  rule: string;
  /** items is null for traces that list other rows (deployments, incidents, objectives). */
  items: TraceItem[] | null;
  deployment_ids: number[];
  incident_ids: number[];
  objective_ids: number[];
}

/** MetricsDocSection is one "## " section of docs/metrics.md. */
export interface MetricsDocSection {
  id: string;
  title: string;
  /** metrics are the report keys the section explains ("cycle_time_days"). */
  metrics: string[];
  /** text is the section's markdown, without its heading. */
  text: string;
}

const ITEM_TRACES: ReadonlySet<string> = new Set<TraceMetric>([
  'items',
  'done',
  'delivery_done',
  'throughput',
  'cycle_time',
  'lead_time',
  'wip',
  'flow_efficiency',
  'aging_wip',
]);

function num(value: unknown): Figure {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function rec(value: unknown): Record<string, unknown> {
  return isRecord(value) && !Array.isArray(value) ? value : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

function countMap(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(rec(value))) {
    const n = num(v);
    if (n !== null) out[k] = n;
  }
  return out;
}

function summary(value: unknown): PercentileSummary {
  const v = rec(value);
  return { count: num(v.count) ?? 0, p50: num(v.p50), p85: num(v.p85), p95: num(v.p95) };
}

function flowMix(value: unknown): FlowMix {
  const v = rec(value);
  return { feature: num(v.feature), defect: num(v.defect), risk: num(v.risk), debt: num(v.debt) };
}

function ids(value: unknown): number[] {
  return list(value).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
}

/** decodeLevelMetrics reads one "M" object of the metrics report. */
export function decodeLevelMetrics(value: unknown): LevelMetrics {
  const v = rec(value);
  const items = rec(v.items);
  const throughput = rec(v.throughput);
  const wip = rec(v.wip);
  const distribution = rec(v.flow_distribution);
  const dora = rec(v.dora);
  return {
    items: { total: num(items.total), done: num(items.done), by_type: countMap(items.by_type) },
    throughput: {
      total: num(throughput.total),
      per_week: list(throughput.per_week).map((w) => ({ week: str(rec(w).week), count: num(rec(w).count) })),
    },
    cycle_time_days: summary(v.cycle_time_days),
    lead_time_days: summary(v.lead_time_days),
    wip: { current: num(wip.current), average: num(wip.average), limit: num(wip.limit) },
    flow_efficiency: num(v.flow_efficiency),
    flow_distribution: { done: flowMix(distribution.done), wip: flowMix(distribution.wip) },
    velocity: list(v.velocity).map((row) => {
      const r = rec(row);
      return {
        sprint: str(r.sprint),
        start: str(r.start),
        end: str(r.end),
        committed: num(r.committed),
        completed: num(r.completed),
        say_do: num(r.say_do),
      };
    }),
    say_do: num(v.say_do),
    sprint_goal_attainment: num(v.sprint_goal_attainment),
    predictability: num(v.predictability),
    okr_progress: num(v.okr_progress),
    benefit_realization: num(v.benefit_realization),
    dora: {
      deployments: num(dora.deployments),
      deployments_per_week: num(dora.deployments_per_week),
      frequency_band: str(dora.frequency_band),
      change_failure_rate: num(dora.change_failure_rate),
      lead_time_for_changes_hours_p50: num(dora.lead_time_for_changes_hours_p50),
      time_to_restore_hours_p50: num(dora.time_to_restore_hours_p50),
      failed_deployment_recovery_hours_p50: num(dora.failed_deployment_recovery_hours_p50),
    },
    defect_escape_rate: num(v.defect_escape_rate),
    dependency_resolution_rate: num(v.dependency_resolution_rate),
    csat: num(v.csat),
    nps: num(v.nps),
    notes: stringMap(v.notes),
  };
}

function decodeTeam(value: unknown): TeamMetrics {
  const v = rec(value);
  return { id: num(v.id) ?? 0, name: str(v.name), ...decodeLevelMetrics(v) };
}

/** decodeMetricsReport reads GET /api/metrics. */
export function decodeMetricsReport(value: unknown): MetricsReport {
  const v = rec(value);
  return {
    as_of: str(v.as_of),
    from: str(v.from),
    to: str(v.to),
    conventions: stringMap(v.conventions),
    portfolio: decodeLevelMetrics(v.portfolio),
    programs: list(v.programs).map((p) => ({ ...decodeTeam(p), teams: list(rec(p).teams).map(decodeTeam) })),
  };
}

function decodeTraceItem(value: unknown): TraceItem {
  const v = rec(value);
  const done = str(v.done);
  // The API leaves out zero hours (omitempty); for a done item an absent figure is 0.
  const hours = (x: unknown) => num(x) ?? (done ? 0 : null);
  return {
    id: num(v.id) ?? 0,
    key: str(v.key),
    title: str(v.title),
    type: str(v.type),
    status: str(v.status),
    team_id: num(v.team_id),
    created: str(v.created),
    start: str(v.start),
    done,
    cycle_days: num(v.cycle_days),
    lead_days: num(v.lead_days),
    active_hours: hours(v.active_hours),
    waiting_hours: hours(v.waiting_hours),
    no_start: v.no_start === true,
  };
}

/** decodeMetricTrace reads GET /api/metrics/trace; an item trace without rows has an empty list. */
export function decodeMetricTrace(value: unknown): MetricTrace {
  const v = rec(value);
  const level = rec(v.level);
  const metric = str(v.metric);
  return {
    metric,
    level: { kind: str(level.kind), id: num(level.id) ?? 0 },
    from: str(v.from),
    to: str(v.to),
    as_of: str(v.as_of),
    rule: str(v.rule),
    items: Array.isArray(v.items) ? v.items.map(decodeTraceItem) : ITEM_TRACES.has(metric) ? [] : null,
    deployment_ids: ids(v.deployment_ids),
    incident_ids: ids(v.incident_ids),
    objective_ids: ids(v.objective_ids),
  };
}

/** decodeMetricsDocs reads GET /api/docs/metrics into its sections. */
export function decodeMetricsDocs(value: unknown): MetricsDocSection[] {
  return list(rec(value).sections).map((s) => {
    const v = rec(s);
    return {
      id: str(v.id),
      title: str(v.title),
      metrics: list(v.metrics).filter((m): m is string => typeof m === 'string'),
      text: str(v.text),
    };
  });
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** getMetrics loads the metrics report for a period (default: the 90 days ending on the as-of date). */
export async function getMetrics(period: MetricsPeriod = {}): Promise<MetricsReport> {
  const body = await apiGet<unknown>(`/api/metrics${query({ from: period.from, to: period.to, asOf: period.asOf })}`);
  return decodeMetricsReport(body);
}

/** getMetricTrace loads the rows behind one figure (tens of megabytes on a large portfolio: signal cancels it). */
export async function getMetricTrace(q: TraceQuery, signal?: AbortSignal): Promise<MetricTrace> {
  const body = await apiGet<unknown>(
    `/api/metrics/trace${query({
      metric: q.metric,
      level: q.level,
      id: q.level === 'portfolio' ? undefined : q.id,
      week: q.week,
      from: q.from,
      to: q.to,
      asOf: q.asOf,
    })}`,
    signal,
  );
  return decodeMetricTrace(body);
}

/** getMetricsDocs loads docs/metrics.md, cut into sections. */
export async function getMetricsDocs(): Promise<MetricsDocSection[]> {
  return decodeMetricsDocs(await apiGet<unknown>('/api/docs/metrics'));
}

// ---------------------------------------------------------------------------
// Column mapping: GET /api/import/formats, POST /api/import/columns and the saved profiles under
// /api/mappings/profiles. A profile maps a table's headers (as the file writes them) to the roles
// of one format, for tables no format recognises (PRODUCT §7).

/** MappingRole is a role a column can play in a format ("key", "title", "created"…). */
export interface MappingRole {
  role: string;
  /** name is the header the tool or Throughline's template writes for it ("Issue key"). */
  name: string;
  required: boolean;
  /** repeated: every column given the role is read (Jira's Sprint columns); otherwise one column. */
  repeated: boolean;
}

/** MappingFormat is a layout a table can be mapped to; jira_history comes once per variant. */
export interface MappingFormat {
  format: string;
  variant: string;
  name: string;
  /** kind is "items", "history", or the format's own name for the other sheets. */
  kind: string;
  /** anyOf: at least one of these roles must be mapped (empty when none). */
  anyOf: string[];
  roles: MappingRole[];
}

/** MappingProfile is a column mapping: header → role, for one format. */
export interface MappingProfile {
  name: string;
  format: string;
  columns: Record<string, string>;
}

/** SavedMappingProfile is a stored profile; problem says why it cannot be used as it is ("" when it can). */
export interface SavedMappingProfile extends MappingProfile {
  problem: string;
}

/** TableColumn is one column of a sheet: letter, header ("" when the header cell is empty), first values. */
export interface TableColumn {
  letter: string;
  header: string;
  samples: string[];
}

/** ColumnProposal is a starting mapping of a sheet for one format. */
export interface ColumnProposal {
  format: string;
  variant: string;
  columns: Record<string, string>;
}

/** TableColumns is one sheet (or a text file's table) as the mapping editor shows it. */
export interface TableColumns {
  sheet: string;
  headerRow: number;
  columns: TableColumn[];
  /** format, variant: what the headers were recognised as; "" when nothing recognised them. */
  format: string;
  variant: string;
  proposals: ColumnProposal[];
  /** error says why the sheet cannot be read; "" when it can. */
  error: string;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(value))) if (typeof v === 'string' && v) out[k] = v;
  return out;
}

function strList(value: unknown): string[] {
  return list(value).filter((x): x is string => typeof x === 'string');
}

function decodeMappingFormat(value: unknown): MappingFormat {
  const v = rec(value);
  return {
    format: str(v.format),
    variant: str(v.variant),
    name: str(v.name),
    kind: str(v.kind),
    anyOf: strList(v.anyOf),
    roles: list(v.roles).map((r) => {
      const x = rec(r);
      return { role: str(x.role), name: str(x.name), required: x.required === true, repeated: x.repeated === true };
    }),
  };
}

function decodeProfile(value: unknown): SavedMappingProfile {
  const v = rec(value);
  return { name: str(v.name), format: str(v.format), columns: stringRecord(v.columns), problem: str(v.problem) };
}

/** decodeTableColumns reads one sheet of POST /api/import/columns. */
export function decodeTableColumns(value: unknown): TableColumns {
  const v = rec(value);
  return {
    sheet: str(v.sheet),
    headerRow: num(v.headerRow) ?? 0,
    columns: list(v.columns).map((c) => {
      const x = rec(c);
      return { letter: str(x.letter), header: str(x.header), samples: strList(x.samples) };
    }),
    format: str(v.format),
    variant: str(v.variant),
    proposals: list(v.proposals).map((p) => {
      const x = rec(p);
      return { format: str(x.format), variant: str(x.variant), columns: stringRecord(x.columns) };
    }),
    error: str(v.error),
  };
}

/** getMappingFormats loads the formats a table can be mapped to, with their roles. */
export async function getMappingFormats(): Promise<MappingFormat[]> {
  return list(rec(await apiGet<unknown>('/api/import/formats')).formats).map(decodeMappingFormat);
}

/** readTableColumns reads a file's sheets for the mapping editor (columns, samples, proposals); nothing is stored. */
export async function readTableColumns(file: File, signal?: AbortSignal): Promise<TableColumns[]> {
  const form = new FormData();
  form.append('file', file, file.name);
  const body = await apiPostForm<unknown>('/api/import/columns', form, signal);
  return list(rec(body).sheets).map(decodeTableColumns);
}

/** getMappingProfiles loads the saved column-mapping profiles, by name. */
export async function getMappingProfiles(): Promise<SavedMappingProfile[]> {
  return list(rec(await apiGet<unknown>('/api/mappings/profiles')).profiles).map(decodeProfile);
}

/** saveMappingProfile saves (or replaces) a profile; resolves to it as saved (a name differing only in case keeps the saved spelling). */
export async function saveMappingProfile(profile: MappingProfile): Promise<MappingProfile> {
  const body = await request<unknown>('PUT', '/api/mappings/profiles', { json: profile });
  const { name, format, columns } = decodeProfile(rec(body).profile);
  return { name, format, columns };
}

/** deleteMappingProfile deletes a saved profile by name. */
export async function deleteMappingProfile(name: string): Promise<void> {
  await request<unknown>('DELETE', `/api/mappings/profiles/${encodeURIComponent(name)}`);
}
