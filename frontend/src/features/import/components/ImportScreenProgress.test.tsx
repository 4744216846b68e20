import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, type Reply } from '../../../testing/api-mock';
import { demoOverview } from '../../../testing/fixtures';
import { csvFile, importHistory, jiraReport, mappingsAnswer, storedReport } from '../../../testing/import-fixtures';
import { renderWithApp } from '../../../testing/render';
import { ImportScreen } from './ImportScreen';

// Random bytes fixed at 0xab: the page's progress token is then known to the routes.
const TOKEN = 'ab'.repeat(12);

describe('ImportScreen: rows read while a file is imported', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint8Array) array.fill(0xab);
      return array;
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a progress token with the real import, polls it while the file is in flight, and stops after', async () => {
    const queries: URLSearchParams[] = [];
    let answer: ((r: Reply) => void) | undefined;
    let rowsRead = 0;
    const fetchMock = mockApi({
      'GET /api/overview': { body: demoOverview },
      'GET /api/mappings': { body: mappingsAnswer },
      'GET /api/imports': { body: importHistory },
      'POST /api/import': (init) => {
        queries.push(init.query);
        if (init.query.get('dryRun') === 'true') return { body: { files: [jiraReport({ path: 'big.csv' })] } };
        return new Promise<Reply>((resolve) => (answer = resolve));
      },
      [`GET /api/import/progress/${TOKEN}`]: () => {
        rowsRead += 25000;
        return { body: { progress: { file: 'big.csv', sheet: '', stage: 'reading', rowsRead, rowsTotal: 100000 } } };
      },
    });
    const polls = () => fetchMock.mock.calls.filter(([url]) => String(url).startsWith('/api/import/progress/')).length;
    renderWithApp(<ImportScreen />);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.upload(screen.getByTestId('import-file-input'), [csvFile('big.csv')]);
    await waitFor(() => expect(screen.getByTestId('import-run')).toBeEnabled());
    expect(queries[0]?.get('progress')).toBeNull(); // the preview is not followed
    expect(polls()).toBe(0);

    await user.click(screen.getByTestId('import-run'));
    await waitFor(() => expect(answer).toBeDefined());
    expect(queries[1]?.get('dryRun')).toBe('false');
    expect(queries[1]?.get('progress')).toBe(TOKEN);

    // Each poll's answer is shown (time also runs on by itself here, so the count is not fixed).
    const shown = () => `Reading big.csv — ${rowsRead.toLocaleString('en-GB')} of about 100,000 rows`;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    const text = screen.getByTestId('import-row-progress-text');
    expect(rowsRead).toBeGreaterThan(0);
    expect(text).toHaveTextContent(shown());
    // No item stored yet: the rows read make the first half of the bar.
    expect(screen.getByTestId('import-row-progress')).toHaveAttribute('aria-valuenow', String(Math.floor((50 * Math.min(rowsRead, 100000)) / 100000)));
    const first = rowsRead;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(rowsRead).toBeGreaterThan(first);
    expect(text).toHaveTextContent(shown());

    act(() => answer?.({ body: { files: [storedReport(jiraReport({ path: 'big.csv' }), 7)] } }));
    await screen.findByTestId('import-result');
    const after = polls();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(polls()).toBe(after);
    expect(screen.queryByTestId('import-row-progress')).toBeNull();
  });
});
