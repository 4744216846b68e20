import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StagedFile } from '../../lib/backend';
import { mockApi } from '../../testing/api-mock';
import { demoOverview } from '../../testing/fixtures';
import { importHistory, jiraReport, mappingsAnswer } from '../../testing/import-fixtures';
import { renderWithApp } from '../../testing/render';
import { ImportScreen } from './components/ImportScreen';
import type { Candidate, SkippedFile } from './files';
import { stagedCandidates } from './staged';
import { useShellImportFiles } from './useShellImportFiles';

const CSV = 'Issue key,Issue Type\nOPS-1,Chore\n';

const picked: StagedFile[] = [
  { id: 'a1', name: 'jira.csv', size: CSV.length, modified: 1_700_000_000_000, error: '' },
  { id: '', name: 'exports', size: 0, modified: 0, error: 'It is a folder. Pick the files in it, or drop the folder on the window.' },
  { id: 'gone', name: 'old.csv', size: 3, modified: 1, error: '' },
];

/**
 * stubFetch answers GET /api/import/staged/{id} with the picked files' bytes (once each, like the
 * backend) and everything else from the API mock.
 */
function stubFetch(api?: ReturnType<typeof mockApi>) {
  const served = new Set<string>();
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const id = /^\/api\/import\/staged\/(.+)$/.exec(url)?.[1];
    if (id === undefined) {
      if (!api) throw new Error(`unexpected fetch ${url}`);
      return api(input, init);
    }
    if (id !== 'a1' || served.has(id)) {
      const message = id === 'gone' ? 'old.csv can no longer be read (no such file or directory). Check that it still exists, then pick it again.' : 'gone';
      return new Response(JSON.stringify({ error: { code: 'not_found', message } }), { status: 404 });
    }
    served.add(id);
    return new Response(CSV, { status: 200, headers: { 'Content-Type': 'application/octet-stream' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function importRoutes() {
  return mockApi({
    'GET /api/overview': { body: demoOverview },
    'GET /api/mappings': { body: mappingsAnswer },
    'GET /api/imports': { body: importHistory },
    'POST /api/import': (init) => {
      const f = init.form?.get('file');
      return { body: { files: [jiraReport({ path: f instanceof File ? f.name : '' })] } };
    },
  });
}

afterEach(() => {
  delete window.go;
  delete window.runtime;
});

describe('files picked in the desktop window', () => {
  it('are fetched once each into the same candidates a drop gives; the rest are listed with why', async () => {
    const fetchMock = stubFetch();
    const { candidates, skipped } = await stagedCandidates(picked);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]!.path).toBe('jira.csv');
    expect(candidates[0]!.file.name).toBe('jira.csv');
    expect(candidates[0]!.file.lastModified).toBe(1_700_000_000_000);
    expect(await candidates[0]!.file.text()).toBe(CSV);
    expect(skipped).toEqual<SkippedFile[]>([
      { path: 'exports', reason: 'unreadable', detail: 'It is a folder. Pick the files in it, or drop the folder on the window.' },
      { path: 'old.csv', reason: 'unreadable', detail: expect.stringContaining('old.csv can no longer be read') as unknown as string },
    ]);
    // The folder has no id: only the two files were asked for.
    expect(fetchMock.mock.calls.map(([u]) => String(u))).toEqual(['/api/import/staged/a1', '/api/import/staged/gone']);
  });

  it('arrive from the native menu through the "import:files" event', async () => {
    stubFetch();
    let emit: ((...data: unknown[]) => void) | undefined;
    const off = vi.fn();
    window.runtime = {
      EventsOn: vi.fn((name: string, cb: (...data: unknown[]) => void) => {
        if (name === 'import:files') emit = cb;
        return off;
      }),
    };
    const onFiles = vi.fn<(c: Candidate[], s: SkippedFile[]) => void>();
    function Harness() {
      useShellImportFiles(onFiles);
      return null;
    }
    const { unmount } = render(<Harness />);
    expect(emit).toBeDefined();
    emit!(picked);
    await waitFor(() => expect(onFiles).toHaveBeenCalledTimes(1));
    const [candidates, skipped] = onFiles.mock.calls[0]!;
    expect(candidates.map((c) => c.path)).toEqual(['jira.csv']);
    expect(skipped.map((s) => s.path)).toEqual(['exports', 'old.csv']);
    unmount();
    expect(off).toHaveBeenCalled();
  });

  it('"Choose files…" uses the native dialog in the desktop window and shows the files as if dropped', async () => {
    stubFetch(importRoutes());
    const dialog = vi.fn(async () => picked);
    window.go = { app: { Shell: { OpenPortfolioDialog: vi.fn(), NewPortfolioDialog: vi.fn(), Report: vi.fn(), ImportFilesDialog: dialog } } };
    renderWithApp(<ImportScreen />);
    const input = screen.getByTestId('import-file-input');
    const inputClick = vi.spyOn(input, 'click');

    await userEvent.click(screen.getByRole('button', { name: 'Choose files…' }));
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(inputClick).not.toHaveBeenCalled();
    const card = await screen.findByTestId('import-file-card');
    expect(within(card).getByRole('heading', { name: 'jira.csv' })).toBeInTheDocument();
    const notes = screen.getByText(/2 files were not added/).closest('.skipped') as HTMLElement;
    expect(notes).toHaveTextContent('exports was not added. It is a folder.');
    expect(notes).toHaveTextContent('old.csv was not added. old.csv can no longer be read');
    await waitFor(() => expect(screen.getByTestId('import-run')).toBeEnabled());
  });

  it('"Choose files…" says so when the native dialog fails', async () => {
    stubFetch(importRoutes());
    window.go = {
      app: {
        Shell: {
          OpenPortfolioDialog: vi.fn(),
          NewPortfolioDialog: vi.fn(),
          Report: vi.fn(),
          ImportFilesDialog: vi.fn(() => Promise.reject('the file dialog failed: no portal')),
        },
      },
    };
    renderWithApp(<ImportScreen />);
    await userEvent.click(screen.getByRole('button', { name: 'Choose files…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The file dialog could not be used: the file dialog failed: no portal');
  });

  it('"Choose files…" opens the page’s own file input in a browser', async () => {
    stubFetch(importRoutes());
    renderWithApp(<ImportScreen />);
    const inputClick = vi.spyOn(screen.getByTestId('import-file-input'), 'click');
    await userEvent.click(screen.getByRole('button', { name: 'Choose files…' }));
    expect(inputClick).toHaveBeenCalledTimes(1);
  });
});
