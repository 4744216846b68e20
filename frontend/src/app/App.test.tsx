import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { callsTo, mockApi } from '../testing/api-mock';
import { demoOverview, demoPortfolio, recentPortfolios } from '../testing/fixtures';
import { renderWithApp } from '../testing/render';
import { App } from './App';

// A stand-in ECharts instance that reports "finished" shortly after each setOption, as the
// real one does once it has drawn; jsdom cannot draw a canvas.
const fake = vi.hoisted(() => {
  const handlers = new Map<string, () => void>();
  const chart = {
    on: (event: string, handler: () => void) => void handlers.set(event, handler),
    off: (event: string) => void handlers.delete(event),
    setOption: () => void setTimeout(() => handlers.get('finished')?.(), 0),
    resize: () => {},
    dispose: () => {},
    isDisposed: () => false,
  };
  return { chart };
});
vi.mock('../components/ui/echarts', () => ({ init: () => fake.chart }));

function withCanvas() {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D);
}

function routes() {
  return mockApi({
    'GET /api/portfolio': { body: demoPortfolio },
    'GET /api/overview': { body: demoOverview },
    'GET /api/recent': { body: { recent: recentPortfolios } },
  });
}

describe('App', () => {
  it('shows the shell: product, portfolio, demo badge, File menu, navigation and status line', async () => {
    routes();
    renderWithApp(<App />);
    expect(screen.getByText('Throughline')).toBeInTheDocument();
    expect(screen.getByTestId('file-menu')).toHaveTextContent('File');
    expect(await screen.findByTestId('demo-badge')).toHaveTextContent('Demo data · as of 20 Nov 2026');
    expect(screen.getByText('Demo portfolio')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Screens' })).toHaveTextContent('Overview');
    expect(screen.getByTestId('status-line')).toHaveTextContent(
      'demo.throughline · 3 programs · 9 teams · 3,412 work items · 18,345 status changes · 1,020 deployments · as of 20 Nov 2026',
    );
    expect(screen.getByTestId('overview')).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Demo portfolio — Throughline'));
  });

  it('has no demo badge for a real portfolio', async () => {
    mockApi({
      'GET /api/portfolio': { body: { ...demoPortfolio, demo: false, name: 'Retail' } },
      'GET /api/overview': { body: demoOverview },
      'GET /api/recent': { body: { recent: [] } },
    });
    renderWithApp(<App />);
    await screen.findByText('Retail');
    expect(screen.queryByTestId('demo-badge')).not.toBeInTheDocument();
  });

  it('marks the page ready and reports to the desktop bridge once the chart has drawn, once per load', async () => {
    withCanvas();
    const fetchMock = routes();
    const Report = vi.fn(async (_json: string) => {});
    let emit: (() => void) | undefined;
    window.go = { app: { Shell: { Report, OpenPortfolioDialog: vi.fn(), NewPortfolioDialog: vi.fn() } } };
    window.runtime = {
      EventsOn: (_name: string, cb: (...data: unknown[]) => void) => {
        emit = () => cb();
        return () => {
          emit = undefined;
        };
      },
    };
    renderWithApp(<App />);

    await waitFor(() => expect(document.body.dataset.ready).toBe('1'));
    expect(Report).toHaveBeenCalledTimes(1);
    const summary: unknown = JSON.parse(Report.mock.calls[0]![0]);
    expect(summary).toEqual({
      portfolio: 'Demo portfolio',
      demo: true,
      items: 3412,
      done: 2301,
      wip: 212,
      programs: 2,
      chart: true,
      cardsText: [
        'Work items 3,412 every item in the portfolio, of any type',
        'Delivery items done 2,301 stories, bugs, enablers and tasks',
        'Work in progress 212 delivery items started, not done',
        'Throughput per week 41.3 delivery items done, mean of the last twelve weeks',
      ],
    });

    // The native menu switched portfolio: everything reloads and the new load is reported.
    act(() => emit?.());
    await waitFor(() => expect(callsTo(fetchMock, 'GET /api/overview')).toHaveLength(2));
    await waitFor(() => expect(Report).toHaveBeenCalledTimes(2));
    expect(document.body.dataset.ready).toBe('1');
  });

  it('marks the page ready without a bridge (browser) and reports nothing', async () => {
    withCanvas();
    routes();
    renderWithApp(<App />);
    await waitFor(() => expect(document.body.dataset.ready).toBe('1'));
  });

  it('is not ready while the overview failed', async () => {
    withCanvas();
    mockApi({
      'GET /api/portfolio': { body: demoPortfolio },
      'GET /api/overview': { status: 500, body: { error: { code: 'internal', message: 'Internal error' } } },
      'GET /api/recent': { body: { recent: [] } },
    });
    renderWithApp(<App />);
    expect(await screen.findByText('Internal error')).toBeInTheDocument();
    expect(document.body.dataset.ready).toBeUndefined();
  });

  it('explains in the status line when the portfolio cannot be read', async () => {
    mockApi({
      'GET /api/portfolio': { status: 503, body: { error: { code: 'unavailable', message: 'The portfolio file is locked by another program.' } } },
      'GET /api/overview': { body: demoOverview },
      'GET /api/recent': { body: { recent: [] } },
    });
    renderWithApp(<App />);
    expect(await screen.findByText(/The portfolio file is locked by another program\./)).toBeInTheDocument();
    expect(screen.getByText('No portfolio open')).toBeInTheDocument();
  });
});
