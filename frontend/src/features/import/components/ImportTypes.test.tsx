import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../testing/api-mock';
import { demoOverview } from '../../../testing/fixtures';
import { csvFile, importHistory, jiraReport, mappingsAnswer, storedReport, type ApiFileReport } from '../../../testing/import-fixtures';
import { renderWithApp } from '../../../testing/render';
import { ImportScreen } from './ImportScreen';

/** steps reads the numbered section headings in screen order: "1 Files", "2 Item types"… */
function steps(): string[] {
  return screen.getAllByTestId('import-step').map((n) => {
    const number = n.textContent ?? '';
    return `${number} ${n.closest('h2')?.textContent?.slice(number.length)}`;
  });
}

interface Call {
  dryRun: boolean;
  types: Record<string, string> | undefined;
}

/**
 * mockImport answers the screen's requests like the backend, each POST /api/import with the file
 * reports `files` makes of its call; it returns the calls, in order.
 */
function mockImport(files: (call: Call) => ApiFileReport[]): Call[] {
  const calls: Call[] = [];
  mockApi({
    'GET /api/overview': { body: demoOverview },
    'GET /api/mappings': { body: mappingsAnswer },
    'GET /api/imports': { body: importHistory },
    'POST /api/import': (init) => {
      const field = init.form?.get('types');
      const types = typeof field === 'string' ? (JSON.parse(field) as Record<string, string>) : undefined;
      const call = { dryRun: init.query.get('dryRun') === 'true', types };
      calls.push(call);
      return { body: { files: files(call) } };
    },
  });
  return calls;
}

/** routes answer like the backend: Chore is unknown unless the "types" field says what it is. */
function routes() {
  return mockImport(({ dryRun, types }) => {
    const chore = types?.Chore ?? '';
    const report = jiraReport({
      unknown_types: [{ sourceSystem: 'jira', rawType: 'Chore', count: 2, firstRow: 4, type: chore }],
      rejected: chore
        ? []
        : [4, 5].map((row) => ({ sheet: '', row, column: 'B', header: 'Issue Type', value: 'Chore', reason: '"Chore" is not an item type Throughline knows.' })),
    });
    return [dryRun ? report : storedReport(report, 9)];
  });
}

describe('Import › Item types', () => {
  it('lists an unknown type, reads the file again with the chosen type, and imports with it', async () => {
    const calls = routes();
    renderWithApp(<ImportScreen />);
    const user = userEvent.setup();
    await user.upload(screen.getByTestId('import-file-input'), [csvFile('jira.csv')]);

    const table = await screen.findByTestId('import-types');
    const row = within(table).getByTestId('type-row');
    expect(row).toHaveTextContent('Chore');
    expect(row).toHaveTextContent('2');
    expect(screen.getByRole('heading', { name: 'Item types' })).toBeInTheDocument();
    // Item types is a step of its own, numbered like its neighbours; the number is not read out.
    expect(steps()).toEqual(['1 Files', '2 Item types', '3 Statuses', '4 Options', '5 Import']);
    expect(calls).toEqual([{ dryRun: true, types: undefined }]);

    await user.selectOptions(within(row).getByRole('combobox', { name: 'Item type for “Chore”' }), 'task');
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toEqual({ dryRun: true, types: { Chore: 'task' } });
    await waitFor(() => expect(screen.getByTestId('import-run')).toBeEnabled());
    expect(within(screen.getByTestId('import-types')).getByText('your choice')).toBeInTheDocument();
    expect(screen.getByText(/Every item type is settled/)).toBeInTheDocument();

    await user.click(screen.getByTestId('import-run'));
    await screen.findByTestId('import-result');
    expect(calls[2]).toEqual({ dryRun: false, types: { Chore: 'task' } });
  });

  it('keeps the rows in place and the focus on the select while the file is read again with a choice', async () => {
    const calls = mockImport(({ types }) => [
      jiraReport({
        unknown_types: [
          { sourceSystem: 'jira', rawType: 'Chore', count: 3, firstRow: 3, type: types?.Chore ?? '' },
          { sourceSystem: 'jira', rawType: 'Research', count: 1, firstRow: 6, type: types?.Research ?? '' },
        ],
      }),
    ]);
    renderWithApp(<ImportScreen />);
    const user = userEvent.setup();
    await user.upload(screen.getByTestId('import-file-input'), [csvFile('jira.csv')]);
    const table = await screen.findByTestId('import-types');
    const names = () => within(table).getAllByRole('rowheader').map((h) => h.textContent);
    expect(names()).toEqual(['Chore', 'Research']);

    const chore = within(table).getByRole('combobox', { name: 'Item type for “Chore”' });
    chore.focus();
    await user.selectOptions(chore, 'task');
    await waitFor(() => expect(within(table).getByText('your choice')).toBeInTheDocument());
    await waitFor(() => expect(screen.getByTestId('import-file-card')).not.toHaveAttribute('aria-busy', 'true'));
    expect(calls.at(-1)).toEqual({ dryRun: true, types: { Chore: 'task' } });
    expect(names()).toEqual(['Chore', 'Research']);
    expect(within(table).getByRole('combobox', { name: 'Item type for “Chore”' })).toHaveFocus();
  });

  it('shows no Item types section when every type is known', async () => {
    mockImport(() => [jiraReport()]);
    renderWithApp(<ImportScreen />);
    await userEvent.upload(screen.getByTestId('import-file-input'), [csvFile('jira.csv')]);
    await waitFor(() => expect(screen.getByTestId('import-run')).toBeEnabled());
    expect(screen.queryByTestId('import-types')).not.toBeInTheDocument();
    expect(steps()).toEqual(['1 Files', '2 Statuses', '3 Options', '4 Import']);
  });
});
