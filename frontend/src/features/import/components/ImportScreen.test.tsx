import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi, type Reply, type Route, type RouteInit } from '../../../testing/api-mock';
import { demoOverview } from '../../../testing/fixtures';
import { adoReport, csvFile, importHistory, jiraReport, mappingsAnswer, storedReport, type ApiFileReport } from '../../../testing/import-fixtures';
import { renderWithApp } from '../../../testing/render';
import { ImportScreen } from './ImportScreen';

/** ImportCall is one POST /api/import as the backend received it. */
interface ImportCall {
  dryRun: boolean;
  query: URLSearchParams;
  file: string;
  mappings: unknown;
}

function fileOf(init: RouteInit): string {
  const f = init.form?.get('file');
  return f instanceof File ? f.name : '';
}

/**
 * routes answers the import API; dry runs from `previews` by file name, real imports from
 * `imports` (a function may hold its answer back to test progress and Cancel).
 */
function routes({
  previews = { 'jira.csv': jiraReport(), 'ado.tsv': adoReport() } as Record<string, ApiFileReport>,
  imports,
  history = importHistory as unknown,
  undo,
}: {
  previews?: Record<string, ApiFileReport>;
  imports?: (call: ImportCall, init: RouteInit) => Reply | Promise<Reply>;
  history?: unknown;
  undo?: Route;
} = {}) {
  const calls: ImportCall[] = [];
  const fetchMock = mockApi({
    'GET /api/overview': { body: demoOverview },
    'GET /api/mappings': { body: mappingsAnswer },
    'GET /api/imports': () => ({ body: history }),
    'POST /api/imports/3/undo': undo ?? { body: { undone: 3 } },
    'POST /api/imports/2/undo': undo ?? { body: { undone: 2 } },
    'POST /api/import': (init) => {
      const mappings = init.form?.get('mappings');
      const call: ImportCall = {
        dryRun: init.query.get('dryRun') === 'true',
        query: init.query,
        file: fileOf(init),
        mappings: typeof mappings === 'string' ? JSON.parse(mappings) : undefined,
      };
      calls.push(call);
      if (call.dryRun) return { body: { files: [previews[call.file] ?? jiraReport({ path: call.file })] } };
      if (imports) return imports(call, init);
      const report = previews[call.file] ?? jiraReport({ path: call.file });
      return { body: { files: [storedReport(report, 7)] } };
    },
  });
  return { fetchMock, calls };
}

async function addFiles(...names: string[]) {
  const user = userEvent.setup();
  await user.upload(screen.getByTestId('import-file-input'), names.map((n) => csvFile(n)));
  return user;
}

function cardOf(name: string): HTMLElement {
  const card = screen.getAllByTestId('import-file-card').find((c) => within(c).queryByRole('heading', { name }));
  if (!card) throw new Error(`no card for ${name}`);
  return card;
}

async function previewsDone() {
  await waitFor(() => expect(screen.getByTestId('import-run')).toBeEnabled());
}

describe('ImportScreen', () => {
  it('previews each file: format, encoding and delimiter, first rows, what would change and the problems', async () => {
    const { calls } = routes();
    renderWithApp(<ImportScreen />);
    await addFiles('jira.csv', 'ado.tsv');

    expect(screen.getAllByTestId('import-file-card')).toHaveLength(2);
    await previewsDone();
    // One dry run per file, in order, each with a single file.
    expect(calls.map((c) => [c.file, c.dryRun])).toEqual([
      ['ado.tsv', true],
      ['jira.csv', true],
    ]);
    expect(calls[0]!.query.get('format')).toBe('auto');

    const jira = cardOf('jira.csv');
    expect(jira).toHaveTextContent('Jira export — 24 rows, header on row 1');
    expect(jira).toHaveTextContent('UTF-8 · comma-separated');
    expect(jira).toHaveTextContent('Would add 20 items and 61 status changes; update 4 items.');
    const preview = within(jira).getByTestId('import-preview-table');
    expect(within(preview).getByRole('columnheader', { name: 'A (Issue key)' })).toBeInTheDocument();
    // Text from files is text: the markup shows as typed, no element is made of it.
    expect(within(preview).getByText('Zoë’s <b>checkout</b>')).toBeInTheDocument();
    expect(preview.querySelector('b')).toBeNull();
    expect(within(preview).getByRole('rowheader', { name: '2' })).toBeInTheDocument();

    const problems = within(jira).getByTestId('import-problems');
    expect(problems).toHaveTextContent('1 row rejected · 1 warning');
    const rows = within(problems).getAllByTestId('problem-row');
    expect(rows[0]).toHaveTextContent('Rejected');
    expect(rows[0]).toHaveTextContent('14');
    expect(rows[0]).toHaveTextContent('D (Created)');
    expect(rows[0]).toHaveTextContent('31/13/2026');
    expect(rows[0]).toHaveTextContent('write it as 2026-12-31');
    expect(rows[1]).toHaveTextContent('Warning');

    const ado = cardOf('ado.tsv');
    expect(ado).toHaveTextContent('Azure DevOps query export — 12 rows, header on row 1');
    expect(ado).toHaveTextContent('UTF-16LE · tab-separated');
    expect(within(ado).queryByTestId('import-problems')).toBeNull();
    expect(screen.getByTestId('import-run')).toHaveTextContent('Import 2 files');
  });

  it('says when a file cannot be read, and leaves it out of the import', async () => {
    routes({
      previews: {
        'jira.csv': jiraReport(),
        'broken.csv': jiraReport({ path: 'broken.csv', error: 'broken.csv, row 3: a quote is not closed.', sheets: [], statuses: [] }),
      },
    });
    renderWithApp(<ImportScreen />);
    await addFiles('jira.csv', 'broken.csv');
    await previewsDone();
    expect(within(cardOf('broken.csv')).getByRole('alert')).toHaveTextContent(
      'This file cannot be imported: broken.csv, row 3: a quote is not closed.',
    );
    expect(screen.getByTestId('import-run')).toHaveTextContent('Import 1 file');
    expect(screen.getByText(/broken\.csv cannot be imported and is left out/)).toBeInTheDocument();
  });

  it('shows an unmapped status in words with its select, and a proposed one labelled', async () => {
    routes();
    renderWithApp(<ImportScreen />);
    await addFiles('jira.csv');
    await previewsDone();

    const table = screen.getByTestId('import-statuses');
    const rows = within(table).getAllByTestId('status-row');
    // Unmapped first.
    expect(rows[0]).toHaveTextContent('Bereit zur Abnahme');
    expect(rows[0]).toHaveTextContent('Not mapped yet — choose a stage');
    const select = within(rows[0]!).getByTestId('status-stage-select');
    expect(select).toHaveValue('');
    expect(select).toHaveAccessibleName('Stage for “Bereit zur Abnahme” (Payments)');
    expect(within(select).getByRole('option', { name: 'Waiting (queue/blocked)' })).toBeInTheDocument();
    expect(within(select).getByRole('option', { name: 'Ready (committed)' })).toBeInTheDocument();
    const proposed = rows.find((r) => r.textContent?.includes('Ready for QA'))!;
    expect(proposed).toHaveTextContent('proposed');
    expect(within(proposed).getByTestId('status-stage-select')).toHaveValue('waiting');
    expect(screen.getByText(/1 status is not mapped to a stage yet/)).toBeInTheDocument();
  });

  it('sends the chosen stages as mappings with the real import, and the defaults', async () => {
    const { calls } = routes();
    renderWithApp(<ImportScreen />);
    const user = await addFiles('jira.csv');
    await previewsDone();

    const row = screen.getAllByTestId('status-row')[0]!;
    await user.selectOptions(within(row).getByTestId('status-stage-select'), 'waiting');
    expect(row).toHaveTextContent('your choice');
    expect(row).not.toHaveTextContent('Not mapped yet');

    // A default team: the preview is read again with it.
    await user.type(screen.getByLabelText('Default team'), 'Payments{Enter}');
    await waitFor(() => expect(calls.filter((c) => c.dryRun)).toHaveLength(2));
    expect(calls[1]!.query.get('team')).toBe('Payments');
    await previewsDone();
    expect(screen.getByText('An existing team, in Retail <b>Banking</b>.')).toBeInTheDocument();

    await user.click(screen.getByTestId('import-run'));
    await screen.findByTestId('import-result');
    const real = calls.filter((c) => !c.dryRun);
    expect(real).toHaveLength(1);
    expect(real[0]!.query.get('team')).toBe('Payments');
    expect(real[0]!.query.get('allOrNothing')).toBeNull();
    expect(real[0]!.mappings).toEqual([{ teamId: 11, sourceSystem: 'jira', rawStatus: 'Bereit zur Abnahme', stage: 'waiting' }]);
  });

  it('asks about ambiguous dates and reads the file again with the answer', async () => {
    const ambiguous = jiraReport({
      ambiguous_dates: [{ column: 'D', header: 'Created', examples: ['03/04/2026', '05/06/2026'] }],
      error: 'jira.csv has date columns whose day/month order cannot be told from the data.',
      items_created: 0,
      items_updated: 0,
    });
    const { calls } = mockAmbiguous(ambiguous);
    renderWithApp(<ImportScreen />);
    const user = await addFiles('jira.csv');
    const card = cardOf('jira.csv');
    await within(card).findByText('How are the dates in this file written? The data fits both ways.');
    expect(card).toHaveTextContent('Column D (Created): 03/04/2026, 05/06/2026');
    // The question replaces the backend's error sentence, and blocks the import until answered.
    expect(within(card).queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('import-run')).toBeDisabled();
    expect(screen.getByText(/Answer the question about dates in jira\.csv first/)).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Day first (25/02)' }));
    await previewsDone();
    expect(calls.map((c) => c.get('dateOrder'))).toEqual([null, 'dmy']);
    expect(card).toHaveTextContent('Dates that read both ways are read day first (25/02), as you said.');
    expect(within(card).queryByRole('group')).toBeNull();
    expect(card).toHaveTextContent('Would add 20 items');
  });

  it('imports one file per request with a progress bar that advances per file, then shows the results', async () => {
    const pending: ((r: Reply) => void)[] = [];
    const { calls, fetchMock } = routes({
      imports: () => new Promise<Reply>((resolve) => pending.push(resolve)),
    });
    const { client } = renderWithApp(<ImportScreen />);
    const user = await addFiles('jira.csv', 'ado.tsv');
    await previewsDone();
    await client.fetchQuery({ queryKey: ['overview-probe'], queryFn: () => 1 });

    await user.click(screen.getByTestId('import-run'));
    const bar = await screen.findByTestId('import-progress');
    expect(bar).toHaveAttribute('role', 'progressbar');
    expect(bar).toHaveAttribute('aria-valuemax', '2');
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(screen.getByText('Importing file 1 of 2:')).toBeInTheDocument();
    expect(screen.getByTestId('import-cancel')).toHaveFocus();

    await waitFor(() => expect(pending).toHaveLength(1));
    act(() => pending[0]!({ body: { files: [storedReport(adoReport(), 8)] } }));
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '1'));
    expect(screen.getByText('Importing file 2 of 2:')).toBeInTheDocument();

    await waitFor(() => expect(pending).toHaveLength(2));
    const before = fetchMock.mock.calls.length;
    act(() => pending[1]!({ body: { files: [storedReport(jiraReport(), 9)] } }));

    const result = await screen.findByTestId('import-result');
    expect(result).toHaveTextContent('Import finished');
    expect(result).toHaveTextContent('2 files of 2 imported.');
    const files = within(result).getAllByTestId('import-result-file');
    expect(files[0]).toHaveTextContent('ado.tsv');
    expect(files[0]).toHaveTextContent('Added 12 items and 30 status changes.');
    expect(files[1]).toHaveTextContent('Added 20 items and 61 status changes; updated 4 items. 1 row rejected.');
    expect(calls.filter((c) => !c.dryRun).map((c) => c.file)).toEqual(['ado.tsv', 'jira.csv']);
    // Imported files leave the list; everything cached is refreshed (history, names).
    expect(screen.queryAllByTestId('import-file-card')).toHaveLength(0);
    await waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThan(before + 1));
    expect(client.getQueryState(['overview-probe'])?.isInvalidated).toBe(true);
    expect(screen.getByText('Import finished: 2 files imported.')).toBeInTheDocument();
  });

  it('says "nothing changed" for a file that was already imported', async () => {
    routes({ imports: (call) => ({ body: { files: [{ ...jiraReport({ path: call.file }), dry_run: false, stored: false, items_created: 0, items_updated: 0, history_added: 0, items_unchanged: 24 }] } }) });
    renderWithApp(<ImportScreen />);
    const user = await addFiles('jira.csv');
    await previewsDone();
    await user.click(screen.getByTestId('import-run'));
    const result = await screen.findByTestId('import-result');
    expect(result).toHaveTextContent('Nothing changed — this file was already imported.');
  });

  it('cancels: the request in flight is aborted, the next file is not sent, and the imported one stays', async () => {
    let aborted = false;
    const { calls } = routes({
      imports: (call, init) => {
        if (call.file === 'ado.tsv') return { body: { files: [storedReport(adoReport(), 8)] } };
        init.signal?.addEventListener('abort', () => {
          aborted = true;
        });
        return new Promise<Reply>(() => {});
      },
      previews: { 'ado.tsv': adoReport(), 'jira.csv': jiraReport(), 'later.csv': jiraReport({ path: 'later.csv' }) },
    });
    renderWithApp(<ImportScreen />);
    const user = await addFiles('jira.csv', 'ado.tsv', 'later.csv');
    await previewsDone();
    await user.click(screen.getByTestId('import-run'));
    await waitFor(() => expect(screen.getByTestId('import-progress')).toHaveAttribute('aria-valuenow', '1'));
    await user.click(screen.getByTestId('import-cancel'));

    const result = await screen.findByTestId('import-result');
    expect(aborted).toBe(true);
    expect(result).toHaveTextContent('Import cancelled');
    expect(result).toHaveTextContent('1 file of 3 imported.');
    const outcomes = within(result).getAllByTestId('import-result-file');
    expect(outcomes[0]).toHaveTextContent('Imported');
    expect(outcomes[1]).toHaveTextContent('Stopped by Cancel while it was being imported.');
    expect(outcomes[2]).toHaveTextContent('Not imported: cancelled before its turn.');
    expect(calls.filter((c) => !c.dryRun).map((c) => c.file)).toEqual(['ado.tsv', 'jira.csv']);
    // The two files not imported stay in the list.
    expect(screen.getAllByTestId('import-file-card')).toHaveLength(2);
  });

  it('lists the history newest first and undoes an import after confirming', async () => {
    let history: unknown = importHistory;
    // The history answer changes with the undo.
    routesWithHistory(() => history, () => {
      history = { imports: importHistory.imports.map((b) => (b.id === 3 ? { ...b, status: 'undone' } : b)) };
      return { body: { undone: 3 } };
    });
    renderWithApp(<ImportScreen />);
    const table = await screen.findByTestId('import-history');
    const rows = within(table).getAllByTestId('import-history-row');
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['ado.tsv', 'jira.csv', 'old.xlsx']);
    expect(rows[0]).toHaveTextContent('Azure DevOps query export');
    expect(rows[1]).toHaveTextContent('24 (1 rejected)');
    expect(within(rows[2]!).queryByTestId('import-undo')).toBeNull();
    expect(rows[2]).toHaveTextContent('Undone');

    const user = userEvent.setup();
    await user.click(within(rows[0]!).getByTestId('import-undo'));
    const dialog = screen.getByRole('dialog', { name: 'Undo import' });
    expect(dialog).toHaveTextContent(
      'Undo the import of ado.tsv? The 12 items it created are deleted.',
    );
    expect(dialog).toHaveTextContent('Its 30 status changes are removed too.');
    // The safe answer has focus.
    expect(within(dialog).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Undo import' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('The import of ado.tsv was undone.')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByTestId('import-history')).getAllByTestId('import-undo')).toHaveLength(1));
    expect(screen.getByRole('heading', { name: 'Import history' })).toHaveFocus();
  });

  it('shows why an undo is refused in the dialog (a later import changed the same rows)', async () => {
    const message = 'Later imports changed the same data: 3 (ado.tsv). Undo them first.';
    routes({ undo: { status: 409, body: { error: { code: 'conflict', message } } } });
    renderWithApp(<ImportScreen />);
    const rows = await screen.findAllByTestId('import-history-row');
    const user = userEvent.setup();
    await user.click(within(rows[1]!).getByTestId('import-undo'));
    const dialog = screen.getByRole('dialog', { name: 'Undo import' });
    await user.click(within(dialog).getByRole('button', { name: 'Undo import' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(rows[1]!).getByTestId('import-undo')).toHaveFocus();
  });

  it('downloads the import template through the API', async () => {
    const fetchMock = mockApi({
      'GET /api/overview': { body: demoOverview },
      'GET /api/mappings': { body: mappingsAnswer },
      'GET /api/imports': { body: { imports: [] } },
      'GET /api/export/template': { body: 'PK' },
    });
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:t'), revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderWithApp(<ImportScreen />);
    expect(await screen.findByText(/No imports yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('import-template'));
    expect(await screen.findByText('Saved as throughline-import-template.xlsx in your downloads.')).toBeInTheDocument();
    expect(click).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls.some(([u]) => u === '/api/export/template')).toBe(true);
  });

  it('tells which files were not added and why', async () => {
    routes();
    renderWithApp(<ImportScreen />);
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(screen.getByTestId('import-file-input'), [csvFile('jira.csv'), csvFile('~$Q3.xlsx'), csvFile('notes.docx')]);
    expect(screen.getAllByTestId('import-file-card')).toHaveLength(1);
    expect(screen.getByText(/~\$Q3\.xlsx is a lock file: Q3\.xlsx is open in Excel or LibreOffice/)).toBeInTheDocument();
    expect(screen.getByText(/notes\.docx is not a file Throughline reads/)).toBeInTheDocument();
  });

  it('removes a file (aborting its preview) and moves focus to the next one', async () => {
    const seen: string[] = [];
    let aborted = 0;
    mockApi({
      'GET /api/overview': { body: demoOverview },
      'GET /api/mappings': { body: mappingsAnswer },
      'GET /api/imports': { body: { imports: [] } },
      'POST /api/import': (init) => {
        seen.push(fileOf(init));
        if (fileOf(init) === 'a.csv') {
          init.signal?.addEventListener('abort', () => aborted++);
          return new Promise<Reply>(() => {});
        }
        return { body: { files: [jiraReport({ path: fileOf(init) })] } };
      },
    });
    renderWithApp(<ImportScreen />);
    const user = await addFiles('a.csv', 'b.csv');
    await waitFor(() => expect(seen).toEqual(['a.csv']));
    await user.click(within(cardOf('a.csv')).getByRole('button', { name: 'Remove a.csv' }));
    expect(aborted).toBe(1);
    expect(screen.getAllByTestId('import-file-card')).toHaveLength(1);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'b.csv' })).toHaveFocus());
    await previewsDone();
    expect(seen).toEqual(['a.csv', 'b.csv']);
    await user.click(within(cardOf('b.csv')).getByRole('button', { name: 'Remove b.csv' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Files' })).toHaveFocus());
    expect(screen.queryByTestId('import-run')).not.toBeInTheDocument();
  });
});

/** mockAmbiguous answers the first dry run with ambiguous dates and the next (with dateOrder) with a clean report. */
function mockAmbiguous(ambiguous: ApiFileReport) {
  const calls: URLSearchParams[] = [];
  mockApi({
    'GET /api/overview': { body: demoOverview },
    'GET /api/mappings': { body: mappingsAnswer },
    'GET /api/imports': { body: { imports: [] } },
    'POST /api/import': ({ query }) => {
      calls.push(query);
      return { body: { files: [query.get('dateOrder') ? jiraReport() : ambiguous] } };
    },
  });
  return { calls };
}

/** routesWithHistory answers the history from a function, and the undo of import 3 from another. */
function routesWithHistory(history: () => unknown, undo: () => Reply) {
  return mockApi({
    'GET /api/overview': { body: demoOverview },
    'GET /api/mappings': { body: mappingsAnswer },
    'GET /api/imports': () => ({ body: history() }),
    'POST /api/imports/3/undo': () => undo(),
  });
}
