// progress.ts: how far a file in flight has come. The page makes a random token, sends it with
// POST /api/import (query parameter "progress"), and polls GET /api/import/progress/{token}
// meanwhile; the backend answers the latest rows read for that request.
import { apiGet } from '../../lib/backend';
import { formatCount } from '../../lib/format';

/**
 * ProgressStage is where the file stands: still arriving at the backend, being read (its rows
 * are stored as they come), being stored (every row read; links, history and commit), or done.
 */
export type ProgressStage = 'uploading' | 'reading' | 'storing' | 'done';

/** ImportProgress is the backend's latest word on one request. */
export interface ImportProgress {
  file: string;
  /** sheet is the workbook sheet being read; "" for a text file. */
  sheet: string;
  stage: ProgressStage;
  rowsRead: number;
  /** rowsTotal estimates the file's data rows; 0 when the backend has no estimate. */
  rowsTotal: number;
  /**
   * itemsStored counts the work items written so far (in the file's transaction). A workbook with
   * real date cells stores them while it is read; a table with dates as text, once it is all read;
   * a sheet of other records (registers, deployments) stores none here.
   */
  itemsStored: number;
}

/** PROGRESS_POLL_MS is how often the page asks while a file is in flight. */
export const PROGRESS_POLL_MS = 400;

const STAGES: readonly ProgressStage[] = ['uploading', 'reading', 'storing', 'done'];

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** decodeProgress reads GET /api/import/progress/{token}; null when nothing is known yet. */
export function decodeProgress(body: unknown): ImportProgress | null {
  const p = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).progress : null;
  if (typeof p !== 'object' || p === null) return null;
  const v = p as Record<string, unknown>;
  const stage = STAGES.find((s) => s === v.stage);
  if (!stage) return null;
  return {
    file: typeof v.file === 'string' ? v.file : '',
    sheet: typeof v.sheet === 'string' ? v.sheet : '',
    stage,
    rowsRead: count(v.rowsRead),
    rowsTotal: count(v.rowsTotal),
    itemsStored: count(v.itemsStored),
  };
}

/** newProgressToken makes a token no other request shares (24 hex digits). */
export function newProgressToken(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** fetchImportProgress asks how far the request sent with token has come. */
export async function fetchImportProgress(token: string, signal?: AbortSignal): Promise<ImportProgress | null> {
  return decodeProgress(await apiGet<unknown>(`/api/import/progress/${encodeURIComponent(token)}`, signal));
}

/**
 * progressPercent measures a file's way while it is read: half for the rows read, half for the
 * items stored, each against the estimated rows (so the bar never goes back, whether the items
 * follow the rows closely or only once they are all read). It stays under 100 until the file is
 * done; null (no measure) without an estimate, and while the store finishes the file.
 */
export function progressPercent(p: ImportProgress | null): number | null {
  if (!p) return null;
  if (p.stage === 'done') return 100;
  if (p.stage !== 'reading' || p.rowsTotal <= 0) return null;
  const share = (n: number) => Math.min(n, p.rowsTotal) / p.rowsTotal;
  return Math.min(99, Math.floor(50 * (share(p.rowsRead) + share(p.itemsStored))));
}

function rows(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'row' : 'rows'}`;
}

function items(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'item' : 'items'}`;
}

/** progressText says where the file stands, e.g. "Reading portfolio.xlsx — 120,000 rows". */
export function progressText(p: ImportProgress | null, fileName: string): string {
  const file = p?.file || fileName;
  if (!p || p.stage === 'uploading' || (p.stage === 'reading' && p.rowsRead === 0)) return `Opening ${file}…`;
  const where = p.sheet ? `${file} (sheet ${p.sheet})` : file;
  switch (p.stage) {
    case 'reading': {
      const read = p.rowsTotal > 0 ? `${formatCount(p.rowsRead)} of about ${rows(p.rowsTotal)}` : rows(p.rowsRead);
      return `Reading ${where} — ${read}${p.itemsStored > 0 ? `, ${items(p.itemsStored)} stored` : ''}`;
    }
    case 'storing':
      return `Finishing ${file} — ${rows(p.rowsRead)} read; writing history and links`;
    case 'done':
      return `Finishing ${file} — ${rows(p.rowsRead)} read`;
  }
}

/** progressValueText is the bar's value in words, for assistive technology. */
export function progressValueText(p: ImportProgress | null): string {
  const percent = progressPercent(p);
  const read = `${rows(p?.rowsRead ?? 0)} read`;
  const stored = p && p.itemsStored > 0 ? `, ${items(p.itemsStored)} stored` : '';
  return percent === null ? `${read}${stored}` : `${percent}%: ${read}${stored}`;
}
