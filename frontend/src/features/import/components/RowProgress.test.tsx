import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, type Reply } from '../../../testing/api-mock';
import type { RunState } from '../useImportSession';
import { RunPanel } from './RunPanel';

const TOKEN = 'tok-0123456789abcdef';

function running(over: Partial<Extract<RunState, { kind: 'running' }>> = {}): RunState {
  return { kind: 'running', total: 1, done: 0, current: 'portfolio.xlsx', progressToken: TOKEN, cancelling: false, outcomes: [], ...over };
}

function panel(run: RunState) {
  return <RunPanel run={run} ready={[]} needDates={[]} unreadable={[]} previewing={false} allOrNothing={false} onStart={() => {}} onCancel={() => {}} />;
}

/** answers serves the progress answers in turn (the last one again once they run out). */
function answers(...replies: unknown[]) {
  let i = 0;
  const fetchMock = mockApi({
    [`GET /api/import/progress/${TOKEN}`]: (): Reply => ({ body: replies[Math.min(i++, replies.length - 1)] }),
  });
  const polls = () => fetchMock.mock.calls.filter(([url]) => String(url).startsWith('/api/import/progress/')).length;
  return { fetchMock, polls };
}

/** tick lets the poll timer fire and its answer arrive. */
async function tick(ms = 400) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('RunPanel: rows read of the file in flight', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls every 400 ms and shows the rows read, with a measured bar once there is an estimate', async () => {
    const { polls } = answers(
      { progress: { file: '', sheet: '', stage: 'uploading', rowsRead: 0, rowsTotal: 0 } },
      { progress: { file: 'portfolio.xlsx', sheet: 'Items', stage: 'reading', rowsRead: 120000, rowsTotal: 0 } },
      { progress: { file: 'portfolio.xlsx', sheet: 'Items', stage: 'reading', rowsRead: 150000, rowsTotal: 200000, itemsStored: 146000 } },
      { progress: { file: 'portfolio.xlsx', sheet: '', stage: 'storing', rowsRead: 200000, rowsTotal: 200000, itemsStored: 200000 } },
    );
    render(panel(running()));
    const text = screen.getByTestId('import-row-progress-text');
    const bar = screen.getByTestId('import-row-progress');
    expect(text).toHaveTextContent('Opening portfolio.xlsx…');
    expect(bar).toHaveAttribute('role', 'progressbar');
    expect(bar).not.toHaveAttribute('aria-valuenow');

    await tick(399);
    expect(polls()).toBe(0);
    await tick(1);
    expect(polls()).toBe(1);
    expect(text).toHaveTextContent('Opening portfolio.xlsx…');

    await tick();
    expect(polls()).toBe(2);
    expect(text).toHaveTextContent('Reading portfolio.xlsx (sheet Items) — 120,000 rows');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).toHaveAttribute('aria-valuetext', '120,000 rows read');

    await tick();
    expect(text).toHaveTextContent('Reading portfolio.xlsx (sheet Items) — 150,000 of about 200,000 rows, 146,000 items stored');
    expect(bar).toHaveAttribute('aria-valuenow', '74');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    expect(bar).toHaveAttribute('aria-valuetext', '74%: 150,000 rows read, 146,000 items stored');
    expect(bar).toHaveAccessibleName('Reading portfolio.xlsx (sheet Items) — 150,000 of about 200,000 rows, 146,000 items stored');

    await tick();
    expect(text).toHaveTextContent('Finishing portfolio.xlsx — 200,000 rows read; writing history and links');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    // The files bar is still there, as before.
    expect(screen.getByTestId('import-progress')).toHaveAttribute('aria-valuemax', '1');
  });

  it('keeps the last answer through a failed poll, and stops polling once cancelled', async () => {
    let i = 0;
    const fetchMock = mockApi({
      [`GET /api/import/progress/${TOKEN}`]: (): Reply =>
        i++ === 1
          ? { status: 500, body: { error: { code: 'internal', message: 'Internal error.' } } }
          : { body: { progress: { file: 'big.csv', sheet: '', stage: 'reading', rowsRead: 5000 * i, rowsTotal: 0 } } },
    });
    const { rerender } = render(panel(running({ current: 'big.csv' })));
    const text = screen.getByTestId('import-row-progress-text');
    await tick();
    expect(text).toHaveTextContent('Reading big.csv — 5,000 rows');
    await tick();
    expect(text).toHaveTextContent('Reading big.csv — 5,000 rows');
    await tick();
    expect(text).toHaveTextContent('Reading big.csv — 15,000 rows');

    const before = fetchMock.mock.calls.length;
    rerender(panel(running({ current: 'big.csv', cancelling: true })));
    expect(screen.queryByTestId('import-row-progress')).toBeNull();
    await tick(2000);
    expect(fetchMock.mock.calls.length).toBe(before);
  });

  it('starts over for the next file: its own token, nothing carried from the last', async () => {
    mockApi({
      [`GET /api/import/progress/${TOKEN}`]: { body: { progress: { file: 'first.csv', sheet: '', stage: 'reading', rowsRead: 5000, rowsTotal: 0 } } },
      'GET /api/import/progress/next-file-token': { body: { progress: null } },
    });
    const { rerender } = render(panel(running({ total: 2, current: 'first.csv' })));
    await tick();
    expect(screen.getByTestId('import-row-progress-text')).toHaveTextContent('Reading first.csv — 5,000 rows');
    rerender(panel(running({ total: 2, done: 1, current: 'second.csv', progressToken: 'next-file-token' })));
    expect(screen.getByTestId('import-row-progress-text')).toHaveTextContent('Opening second.csv…');
    await tick();
    expect(screen.getByTestId('import-row-progress-text')).toHaveTextContent('Opening second.csv…');
  });
});
