// files.ts: which files an import takes, and how files arrive — chosen in a dialog, a whole
// folder chosen in a dialog, or dropped (files and folders, read recursively through the
// File and Directory Entries API that Chromium and WebKit implement).

/** ACCEPTED_EXTENSIONS are the file types Throughline reads (PRODUCT §7). */
export const ACCEPTED_EXTENSIONS = ['.xlsx', '.xlsm', '.csv', '.tsv', '.txt'] as const;

/** ACCEPT is the <input type=file accept> value. */
export const ACCEPT = ACCEPTED_EXTENSIONS.join(',');

/** MAX_FILES caps one drop (a folder of a whole share by mistake); the rest is reported, not added. */
export const MAX_FILES = 200;

/** Candidate is a file offered for import, with the path it had in a dropped or chosen folder. */
export interface Candidate {
  file: File;
  /** path is "folder/sub/file.csv" for files from a folder, else the file name. */
  path: string;
}

/** SkipReason says why a candidate was not added. */
export type SkipReason = 'lock' | 'hidden' | 'type' | 'duplicate' | 'too-many' | 'unreadable';

/** SkippedFile is a candidate left out, with the reason. */
export interface SkippedFile {
  path: string;
  reason: SkipReason;
  /** detail is the backend's sentence for an unreadable file (a picked file that is gone, a folder…). */
  detail?: string;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/**
 * classifyFile says whether a file is one to import: Excel's lock files ("~$Q3.xlsx", written
 * while the workbook is open) and LibreOffice's (".~lock.Q3.xlsx#") are skipped, so are hidden
 * files (".DS_Store", macOS "._" companions) and anything that is not .xlsx .xlsm .csv .tsv .txt.
 */
export function classifyFile(path: string): 'ok' | 'lock' | 'hidden' | 'type' {
  const name = baseName(path);
  if (name.startsWith('~$') || name.startsWith('.~lock.')) return 'lock';
  if (name.startsWith('.')) return 'hidden';
  return (ACCEPTED_EXTENSIONS as readonly string[]).includes(extension(name)) ? 'ok' : 'type';
}

/** fileIdentity tells two offers of the same file apart from two different files. */
export function fileIdentity(c: Candidate): string {
  return `${c.path}\u0000${c.file.size}\u0000${c.file.lastModified}`;
}

/**
 * sortCandidates keeps the files to import, in path order, and lists the others with the reason;
 * `known` holds the identities of files already in the list (offered again: "duplicate").
 */
export function sortCandidates(
  candidates: readonly Candidate[],
  known: ReadonlySet<string> = new Set(),
  room = MAX_FILES,
): { accepted: Candidate[]; skipped: SkippedFile[] } {
  const accepted: Candidate[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set(known);
  const ordered = [...candidates].sort((a, b) => a.path.localeCompare(b.path, 'en-GB', { numeric: true }));
  for (const c of ordered) {
    const kind = classifyFile(c.path);
    if (kind !== 'ok') {
      skipped.push({ path: c.path, reason: kind });
      continue;
    }
    const id = fileIdentity(c);
    if (seen.has(id)) {
      skipped.push({ path: c.path, reason: 'duplicate' });
      continue;
    }
    if (accepted.length >= room) {
      skipped.push({ path: c.path, reason: 'too-many' });
      continue;
    }
    seen.add(id);
    accepted.push(c);
  }
  return { accepted, skipped };
}

/** lockedWorkbook names the workbook an Excel or LibreOffice lock file stands for ("~$Q3.xlsx" → "Q3.xlsx"). */
export function lockedWorkbook(path: string): string {
  const name = baseName(path);
  if (name.startsWith('~$')) return name.slice(2);
  if (name.startsWith('.~lock.')) return name.slice('.~lock.'.length).replace(/#$/, '');
  return name;
}

/** skipNote explains in a sentence why a file was not added. */
export function skipNote(s: SkippedFile): string {
  switch (s.reason) {
    case 'lock':
      return `${s.path} is a lock file: ${lockedWorkbook(s.path)} is open in Excel or LibreOffice. Save it there, then add it.`;
    case 'hidden':
      return `${s.path} is a hidden system file.`;
    case 'type':
      return `${s.path} is not a file Throughline reads (${ACCEPTED_EXTENSIONS.join(' ')}).`;
    case 'duplicate':
      return `${s.path} is already in the list.`;
    case 'too-many':
      return `${s.path} was not added: at most ${MAX_FILES} files at a time.`;
    case 'unreadable':
      return `${s.path} was not added. ${s.detail || 'It could not be read; add it again.'}`;
  }
}

/** candidatesFromInput reads an <input type=file> (files, or a folder with webkitdirectory). */
export function candidatesFromInput(files: FileList | readonly File[] | null): Candidate[] {
  if (!files) return [];
  return Array.from(files).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

function readFile(entry: FileSystemFileEntry): Promise<File | null> {
  return new Promise((resolve) => entry.file(resolve, () => resolve(null)));
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve) => reader.readEntries(resolve, () => resolve([])));
}

/** readDirectory lists every entry of a folder: readEntries answers in batches until an empty one. */
async function readDirectory(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await readBatch(reader);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

/**
 * candidatesFromEntries walks dropped entries, folders recursively (hidden folders such as
 * ".git" or "__MACOSX" are not entered), and stops collecting after `limit` files.
 */
export async function candidatesFromEntries(entries: readonly FileSystemEntry[], limit = MAX_FILES * 5): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (out.length >= limit) return;
    if (isFile(entry)) {
      const file = await readFile(entry);
      if (file) out.push({ file, path: entry.fullPath.replace(/^\//, '') || file.name });
      return;
    }
    if (isDirectory(entry)) {
      if (entry.name.startsWith('.') || entry.name === '__MACOSX') return;
      for (const child of await readDirectory(entry)) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

/**
 * candidatesFromDataTransfer reads a drop. The entries must be taken while the drop event is
 * being handled, so this grabs them synchronously and walks the folders afterwards. Without the
 * entries API it falls back to the plain file list (files only, no folders).
 */
export function candidatesFromDataTransfer(dt: DataTransfer): Promise<Candidate[]> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  const items = dt.items ? Array.from(dt.items) : [];
  for (const item of items) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) {
      entries.push(entry);
    } else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  if (items.length === 0 && dt.files) loose.push(...Array.from(dt.files));
  const direct = loose.map((file) => ({ file, path: file.name }));
  return entries.length === 0 ? Promise.resolve(direct) : candidatesFromEntries(entries).then((found) => [...direct, ...found]);
}

/** hasFiles tells whether a drag carries files (not text or a link being dragged). */
export function hasFiles(dt: DataTransfer | null): boolean {
  return !!dt && Array.from(dt.types ?? []).includes('Files');
}

/** formatBytes writes a file size: "812 bytes", "12.4 KB", "3.1 MB" (1 KB = 1,024 bytes, as file managers show). */
export function formatBytes(size: number): string {
  if (!Number.isFinite(size) || size < 0) return '';
  if (size < 1024) return `${size} ${size === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
