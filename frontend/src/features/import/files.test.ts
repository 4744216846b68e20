import { describe, expect, it } from 'vitest';
import {
  candidatesFromDataTransfer,
  candidatesFromEntries,
  candidatesFromInput,
  classifyFile,
  formatBytes,
  lockedWorkbook,
  skipNote,
  sortCandidates,
  type Candidate,
} from './files';

function file(name: string, size = 10): File {
  return new File(['x'.repeat(size)], name, { lastModified: 1 });
}

function candidate(path: string, size = 10): Candidate {
  return { file: file(path.split('/').pop()!, size), path };
}

// A stand-in for the File and Directory Entries API: folders answer readEntries in batches
// (as Chromium does, 100 at a time) and then with an empty batch.
function fileEntry(fullPath: string): FileSystemFileEntry {
  const name = fullPath.split('/').pop()!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok: (f: File) => void) => ok(file(name)),
  } as unknown as FileSystemFileEntry;
}

function dirEntry(fullPath: string, children: FileSystemEntry[], batch = 2): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop()!,
    fullPath,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (entries: FileSystemEntry[]) => void) => {
          const next = children.slice(at, at + batch);
          at += batch;
          setTimeout(() => ok(next), 0);
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe('classifyFile', () => {
  it('takes spreadsheets and text exports, in any letter case', () => {
    for (const name of ['a.xlsx', 'b.XLSM', 'c.csv', 'd.tsv', 'e.txt', 'team/Q3 – Zoë.CSV']) expect(classifyFile(name)).toBe('ok');
  });

  it('skips Excel and LibreOffice lock files, hidden files and other types', () => {
    expect(classifyFile('~$Q3.xlsx')).toBe('lock');
    expect(classifyFile('exports/.~lock.Q3.xlsx#')).toBe('lock');
    expect(classifyFile('.DS_Store')).toBe('hidden');
    expect(classifyFile('__MACOSX/._jira.csv')).toBe('hidden');
    expect(classifyFile('notes.docx')).toBe('type');
    expect(classifyFile('old.xls')).toBe('type');
    expect(classifyFile('README')).toBe('type');
  });

  it('names the workbook behind a lock file', () => {
    expect(lockedWorkbook('~$Q3 plan.xlsx')).toBe('Q3 plan.xlsx');
    expect(lockedWorkbook('x/.~lock.Q3.xlsx#')).toBe('Q3.xlsx');
    expect(skipNote({ path: '~$Q3.xlsx', reason: 'lock' })).toBe(
      '~$Q3.xlsx is a lock file: Q3.xlsx is open in Excel or LibreOffice. Save it there, then add it.',
    );
  });
});

describe('sortCandidates', () => {
  it('keeps the files to import in path order and says why the others are left out', () => {
    const { accepted, skipped } = sortCandidates([
      candidate('week 12/ado.csv'),
      candidate('week 12/~$plan.xlsx'),
      candidate('week 12/jira.csv'),
      candidate('week 12/notes.pdf'),
      candidate('week 2/rally.xlsx'),
    ]);
    expect(accepted.map((c) => c.path)).toEqual(['week 2/rally.xlsx', 'week 12/ado.csv', 'week 12/jira.csv']);
    expect(skipped).toEqual([
      { path: 'week 12/~$plan.xlsx', reason: 'lock' },
      { path: 'week 12/notes.pdf', reason: 'type' },
    ]);
  });

  it('does not add a file twice, but takes two files of the same name from different folders', () => {
    const a = candidate('a/jira.csv');
    const known = new Set([`${a.path}\u0000${a.file.size}\u0000${a.file.lastModified}`]);
    const { accepted, skipped } = sortCandidates([a, candidate('b/jira.csv'), candidate('b/jira.csv')], known);
    expect(accepted.map((c) => c.path)).toEqual(['b/jira.csv']);
    expect(skipped).toEqual([
      { path: 'a/jira.csv', reason: 'duplicate' },
      { path: 'b/jira.csv', reason: 'duplicate' },
    ]);
  });

  it('stops at the room left and reports the rest', () => {
    const { accepted, skipped } = sortCandidates([candidate('1.csv'), candidate('2.csv'), candidate('3.csv')], new Set(), 2);
    expect(accepted).toHaveLength(2);
    expect(skipped).toEqual([{ path: '3.csv', reason: 'too-many' }]);
  });
});

describe('reading what arrives', () => {
  it('takes the folder-relative path of files chosen with the folder dialog', () => {
    const f = file('jira.csv');
    Object.defineProperty(f, 'webkitRelativePath', { value: 'exports/week 12/jira.csv' });
    expect(candidatesFromInput([f, file('ado.csv')]).map((c) => c.path)).toEqual(['exports/week 12/jira.csv', 'ado.csv']);
    expect(candidatesFromInput(null)).toEqual([]);
  });

  it('walks dropped folders to the bottom, through every batch, and skips hidden folders', async () => {
    const tree = dirEntry('/exports', [
      fileEntry('/exports/jira.csv'),
      dirEntry('/exports/week 12', [fileEntry('/exports/week 12/ado.csv'), fileEntry('/exports/week 12/~$plan.xlsx'), fileEntry('/exports/week 12/rally.xlsx')]),
      dirEntry('/exports/.git', [fileEntry('/exports/.git/config.txt')]),
      fileEntry('/exports/notes.docx'),
    ]);
    const found = await candidatesFromEntries([tree, fileEntry('/loose.tsv')]);
    expect(found.map((c) => c.path)).toEqual([
      'exports/jira.csv',
      'exports/week 12/ado.csv',
      'exports/week 12/~$plan.xlsx',
      'exports/week 12/rally.xlsx',
      'exports/notes.docx',
      'loose.tsv',
    ]);
    // Filtering is sortCandidates' job: the walk reports every file.
    const { accepted, skipped } = sortCandidates(found);
    expect(accepted.map((c) => c.path)).toEqual(['exports/jira.csv', 'exports/week 12/ado.csv', 'exports/week 12/rally.xlsx', 'loose.tsv']);
    expect(skipped.map((s) => s.reason)).toEqual(['type', 'lock']);
  });

  it('takes the entries of a drop while it is handled, and falls back to the file list without them', async () => {
    const entry = dirEntry('/team', [fileEntry('/team/a.csv')]);
    const items = [
      { kind: 'file', webkitGetAsEntry: () => entry, getAsFile: () => null },
      { kind: 'string', webkitGetAsEntry: () => null, getAsFile: () => null },
    ];
    const withEntries = candidatesFromDataTransfer({ items, files: [] } as unknown as DataTransfer);
    expect((await withEntries).map((c) => c.path)).toEqual(['team/a.csv']);

    const plain = { items: [{ kind: 'file', getAsFile: () => file('b.csv') }], files: [] } as unknown as DataTransfer;
    expect((await candidatesFromDataTransfer(plain)).map((c) => c.path)).toEqual(['b.csv']);
    const old = { files: [file('c.csv')] } as unknown as DataTransfer;
    expect((await candidatesFromDataTransfer(old)).map((c) => c.path)).toEqual(['c.csv']);
  });
});

describe('formatBytes', () => {
  it('writes sizes as file managers do', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(12_700)).toBe('12.4 KB');
    expect(formatBytes(3_250_000)).toBe('3.1 MB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
  });
});
