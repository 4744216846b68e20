import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../testing/api-mock';
import { demoOverview, demoPortfolio } from '../testing/fixtures';
import { importHistory, jiraReport, mappingsAnswer } from '../testing/import-fixtures';
import { demoMetrics } from '../testing/metrics-fixtures';
import { renderWithApp } from '../testing/render';
import { App } from './App';

// jsdom cannot draw: a stand-in ECharts that reports "finished" after each setOption.
vi.mock('../components/ui/echarts', () => ({
  init: () => {
    const handlers = new Map<string, () => void>();
    return {
      on: (event: string, handler: () => void) => void handlers.set(event, handler),
      off: (event: string) => void handlers.delete(event),
      setOption: () => void setTimeout(() => handlers.get('finished')?.(), 0),
      resize: () => {},
      dispose: () => {},
      isDisposed: () => false,
    };
  },
}));

afterEach(() => {
  window.location.hash = '';
  delete window.runtime;
});

describe('File › Import Files… in the native menu', () => {
  it('takes the window to the Import screen with the picked files, as if they were dropped', async () => {
    const api = mockApi({
      'GET /api/portfolio': { body: demoPortfolio },
      'GET /api/overview': { body: demoOverview },
      'GET /api/recent': { body: { recent: [] } },
      'GET /api/metrics': { body: demoMetrics },
      'GET /api/mappings': { body: mappingsAnswer },
      'GET /api/imports': { body: importHistory },
      'POST /api/import': () => ({ body: { files: [jiraReport({ path: 'team.csv' })] } }),
    });
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      String(input) === '/api/import/staged/s1' ? Promise.resolve(new Response('Issue key\nOPS-1\n')) : api(input, init),
    );
    const listeners = new Map<string, (...data: unknown[]) => void>();
    window.runtime = {
      EventsOn: (name, cb) => {
        listeners.set(name, cb);
        return () => listeners.delete(name);
      },
    };
    renderWithApp(<App />);
    expect(screen.queryByTestId('import-screen')).not.toBeInTheDocument();

    act(() => listeners.get('import:files')?.([{ id: 's1', name: 'team.csv', size: 16, modified: 1_700_000_000_000 }]));
    const card = await screen.findByTestId('import-file-card');
    expect(within(card).getByRole('heading', { name: 'team.csv' })).toBeInTheDocument();
    expect(screen.getByTestId('import-screen')).toBeVisible();
    expect(window.location.hash).toBe('#/import');
    await waitFor(() => expect(screen.getByTestId('import-run')).toBeEnabled());
  });
});
