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

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  if (!path.startsWith('/api/')) {
    throw new Error(`backend: ${path} is not an API path`);
  }
  let response: Response;
  try {
    // Same-origin relative URL: the Wails asset server, `throughline serve` and the Vite dev proxy
    // all route /api/ to the same handler.
    response = await fetch(path, {
      method,
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('network', 'Cannot reach the Throughline backend.', 0);
  }

  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
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

/** apiGet fetches GET /api/... and returns the decoded JSON body. */
export function apiGet<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

/** apiPost posts a JSON body to /api/... and returns the decoded JSON body. */
export function apiPost<T>(path: string, body: unknown): Promise<T> {
  return request<T>('POST', path, body);
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

/** reportSelfTest hands the self-test summary to Go; does nothing outside the desktop window. */
export async function reportSelfTest(summary: unknown): Promise<boolean> {
  const shell = desktopShell();
  if (!shell) return false;
  await shell.Report(JSON.stringify(summary));
  return true;
}
