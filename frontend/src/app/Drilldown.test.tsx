import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { MetricTrace } from '../lib/backend';
import { mockApi, urlsTo, type Route } from '../testing/api-mock';
import { demoOverview, demoPortfolio } from '../testing/fixtures';
import { cycleTrace, demoMetrics, metricsDocs, traceItem } from '../testing/metrics-fixtures';
import { renderWithApp } from '../testing/render';
import { App } from './App';

// A stand-in ECharts instance that reports "finished" after each setOption and lets a test
// click a bar; jsdom cannot draw a canvas.
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (params?: unknown) => void>();
  const chart = {
    on: (event: string, handler: (params?: unknown) => void) => void handlers.set(event, handler),
    off: (event: string) => void handlers.delete(event),
    setOption: () => void setTimeout(() => handlers.get('finished')?.(), 0),
    resize: () => {},
    dispose: () => {},
    isDisposed: () => false,
  };
  return { chart, handlers };
});
vi.mock('../components/ui/echarts', () => ({ init: () => fake.chart }));

function routes(trace: Route = { body: cycleTrace }) {
  return mockApi({
    'GET /api/portfolio': { body: demoPortfolio },
    'GET /api/overview': { body: demoOverview },
    'GET /api/recent': { body: { recent: [] } },
    'GET /api/metrics': { body: demoMetrics },
    'GET /api/metrics/trace': trace,
    'GET /api/docs/metrics': { body: metricsDocs },
  });
}

async function openCycleTimeCard() {
  await screen.findByText('p50 6 days · 649 items done');
  await userEvent.click(screen.getByTestId('card-cycle-time'));
  return screen.findByTestId('drilldown-panel');
}

function rowKeys() {
  return screen.getAllByTestId('trace-row').map((row) => within(row).getAllByRole('cell')[0]!.textContent);
}

describe('drill-down', () => {
  it('opens a card’s figure in a modal side panel and lists the rows behind it', async () => {
    const fetchMock = routes();
    renderWithApp(<App />);
    const panel = await openCycleTimeCard();

    expect(panel).toHaveAttribute('role', 'dialog');
    expect(panel).toHaveAttribute('aria-modal', 'true');
    expect(panel).toHaveAccessibleName('Cycle time p85');
    expect(panel).toHaveAccessibleDescription('14 days · Portfolio · 23 Aug – 20 Nov 2026');
    expect(within(panel).getByTestId('drilldown-tab-trace')).toHaveAttribute('aria-selected', 'true');

    await within(panel).findByTestId('trace-table');
    expect(urlsTo(fetchMock, '/api/metrics/trace')).toEqual([
      '/api/metrics/trace?metric=cycle_time&level=portfolio&from=2026-08-23&to=2026-11-20&asOf=2026-11-20',
    ]);
    expect(within(panel).getByText('delivery items done in the period')).toBeInTheDocument();
    expect(screen.getAllByTestId('trace-row')).toHaveLength(cycleTrace.items!.length);
    // Longest cycle time first; titles from data are text; teams are named.
    expect(rowKeys()).toEqual(['CAT-10', 'CAT-100', 'CAT-9']);
    expect(within(panel).getByText('Checkout <script>alert(1)</script>')).toBeInTheDocument();
    expect(panel.querySelector('script')).toBeNull();
    expect(within(screen.getAllByTestId('trace-row')[0]!).getByText('Payments')).toBeInTheDocument();
  });

  it('sorts the trace table by a clicked header', async () => {
    routes();
    renderWithApp(<App />);
    const panel = await openCycleTimeCard();
    await within(panel).findByTestId('trace-table');

    await userEvent.click(within(panel).getByRole('button', { name: 'Key' }));
    expect(rowKeys()).toEqual(['CAT-9', 'CAT-10', 'CAT-100']);
    await userEvent.click(within(panel).getByRole('button', { name: 'Done' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(within(panel).getByRole('columnheader', { name: 'Done' })).toHaveAttribute('aria-sort', 'descending');
    expect(rowKeys()).toEqual(['CAT-100', 'CAT-10', 'CAT-9']);
  });

  it('opens with Enter, keeps focus inside, closes on Escape and gives focus back to the card', async () => {
    routes();
    renderWithApp(<App />);
    await screen.findByText('p50 6 days · 649 items done');
    const opener = within(screen.getByTestId('card-cycle-time')).getByRole('button', { name: 'Cycle time p85' });
    opener.focus();
    await userEvent.keyboard('{Enter}');

    const panel = await screen.findByTestId('drilldown-panel');
    expect(panel).toHaveFocus();
    await within(panel).findByTestId('trace-table');
    for (let i = 0; i < 20; i += 1) {
      await userEvent.tab();
      expect(panel).toContainElement(document.activeElement as HTMLElement);
    }
    await userEvent.tab({ shift: true });
    expect(panel).toContainElement(document.activeElement as HTMLElement);

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('drilldown-panel')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('closes with the Close button too, giving focus back', async () => {
    routes();
    renderWithApp(<App />);
    await openCycleTimeCard();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('drilldown-panel')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('card-cycle-time')).getByRole('button')).toHaveFocus();
  });

  it('explains the figure from the metrics document, rendered as text', async () => {
    routes();
    renderWithApp(<App />);
    const panel = await openCycleTimeCard();
    await userEvent.click(within(panel).getByTestId('drilldown-tab-docs'));

    const docs = await within(panel).findByText(/Cycle time = done date − start date \+ 1/);
    expect(docs.tagName).toBe('STRONG');
    const text = within(panel).getByTestId('docs-text');
    expect(within(text).getByRole('heading', { name: 'Cycle time' })).toBeInTheDocument();
    expect(within(text).getByText('PERCENTILE.INC').tagName).toBe('CODE');
    expect(text).toHaveTextContent('<script>alert(1)</script>');
    expect(text.querySelector('script')).toBeNull();
    // Only the sections on this figure, then the report's conventions for it.
    expect(text).not.toHaveTextContent('Throughline follows');
    expect(text).toHaveTextContent('linear interpolation between closest ranks (Excel PERCENTILE.INC)');
  });

  it('falls back to the report’s conventions when the document has no section on the figure', async () => {
    routes();
    renderWithApp(<App />);
    await screen.findByText('p50 6 days · 649 items done');
    await userEvent.click(screen.getByTestId('card-flow-efficiency'));
    const panel = await screen.findByTestId('drilldown-panel');
    await userEvent.click(within(panel).getByTestId('drilldown-tab-docs'));
    const text = await within(panel).findByText('The metrics document has no section on this figure yet.');
    expect(text.closest('[data-testid="docs-text"]')).toHaveTextContent(
      'Σ active time ÷ Σ (active + waiting) time over items done in the period',
    );
  });

  it('opens a figure without a trace on its explanation', async () => {
    const fetchMock = routes();
    renderWithApp(<App />);
    await screen.findByText('p50 6 days · 649 items done');
    await userEvent.click(screen.getByTestId('card-okr'));
    const panel = await screen.findByTestId('drilldown-panel');
    expect(within(panel).getByTestId('drilldown-tab-docs')).toHaveAttribute('aria-selected', 'true');
    await userEvent.click(within(panel).getByTestId('drilldown-tab-trace'));
    expect(within(panel).getByText(/cannot list the rows behind this figure yet/)).toBeInTheDocument();
    expect(urlsTo(fetchMock, '/api/metrics/trace')).toEqual([]);
  });

  it('lists deployment ids for the DORA card', async () => {
    routes(({ query }) => ({
      body: {
        metric: query.get('metric'),
        level: { kind: 'portfolio', id: 0 },
        rule: query.get('metric') === 'deployments' ? 'production deployments of the level’s teams in the period' : 'failed ones',
        deployment_ids: query.get('metric') === 'deployments' ? [328, 329, 330] : [329],
        incident_ids: [39],
      },
    }));
    renderWithApp(<App />);
    await screen.findByText('p50 6 days · 649 items done');
    await userEvent.click(screen.getByTestId('card-dora'));
    const panel = await screen.findByTestId('drilldown-panel');
    const all = await within(panel).findByRole('list', { name: 'production deployments: ids' });
    expect(within(all).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['#328', '#329', '#330']);
    const failed = await within(panel).findByRole('list', { name: 'failed production deployments: ids' });
    expect(within(failed).getAllByRole('listitem')).toHaveLength(1);
    expect(within(panel).queryByTestId('trace-table')).not.toBeInTheDocument();
  });

  it('opens the delivery items behind a program’s Done figure', async () => {
    const done: MetricTrace = {
      ...cycleTrace,
      metric: 'delivery_done',
      level: { kind: 'program', id: 1 },
      rule: 'delivery items done by the as-of date (the overview’s Done)',
      items: [traceItem(1), traceItem(3, { type: 'bug' })],
    };
    const fetchMock = routes({ body: done });
    renderWithApp(<App />);
    const [retail] = await screen.findAllByTestId('program-row');
    await userEvent.click(within(retail!).getByRole('button', { name: 'Done, Retail <b>Banking</b>: 1,200' }));

    const panel = await screen.findByTestId('drilldown-panel');
    expect(panel).toHaveAccessibleDescription('1,200 · Retail <b>Banking</b> · as of 20 Nov 2026');
    await within(panel).findByTestId('trace-table');
    expect(urlsTo(fetchMock, '/api/metrics/trace')).toEqual(['/api/metrics/trace?metric=delivery_done&level=program&id=1&asOf=2026-11-20']);
    expect(rowKeys()).toEqual(['CAT-1', 'CAT-3']);
  });

  it('opens a team’s WIP', async () => {
    const fetchMock = routes({ body: { ...cycleTrace, metric: 'wip', items: [traceItem(5, { done: '', cycle_days: null })] } });
    renderWithApp(<App />);
    const [retail] = await screen.findAllByTestId('program-row');
    await userEvent.click(within(retail!).getByRole('button', { name: /Retail/, expanded: false }));
    await userEvent.click(screen.getByRole('button', { name: 'WIP, Payments: 12 / limit 10, over limit' }));
    await screen.findByTestId('trace-table');
    expect(urlsTo(fetchMock, '/api/metrics/trace')).toEqual(['/api/metrics/trace?metric=wip&level=team&id=11&asOf=2026-11-20']);
  });

  it('opens a program’s week from a click on its throughput bar', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D);
    const fetchMock = routes();
    renderWithApp(<App />);
    await waitFor(() => expect(document.body.dataset.ready).toBe('1'));

    // Mortgages (second series), the as-of week 2026-W47 (last bar): its days up to the as-of date.
    act(() => fake.handlers.get('click')?.({ componentType: 'series', seriesIndex: 1, dataIndex: 25 }));
    const panel = await screen.findByTestId('drilldown-panel');
    expect(panel).toHaveAccessibleName('Throughput');
    expect(panel).toHaveAccessibleDescription('19 items done · Mortgages · 2026-W47 (16 Nov – 20 Nov 2026)');
    await within(panel).findByTestId('trace-table');
    expect(urlsTo(fetchMock, '/api/metrics/trace')).toEqual([
      '/api/metrics/trace?metric=throughput&level=program&id=2&week=2026-W47&from=2026-11-16&to=2026-11-20&asOf=2026-11-20',
    ]);
  });

  it('shows the trace error with Retry', async () => {
    routes({ status: 400, body: { error: { code: 'invalid', message: 'Week 2026-W20 is not in the period.' } } });
    renderWithApp(<App />);
    const panel = await openCycleTimeCard();
    const alert = await within(panel).findByRole('alert');
    expect(alert).toHaveTextContent('Week 2026-W20 is not in the period.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('opens the whole document, with its contents, from the page header', async () => {
    routes();
    renderWithApp(<App />);
    const link = await screen.findByRole('button', { name: 'How is this computed?' });
    await userEvent.click(link);
    const doc = await screen.findByRole('dialog', { name: 'How is this computed?' });
    const contents = within(doc).getByRole('navigation', { name: 'Contents' });
    expect(within(contents).getAllByRole('link').map((a) => a.textContent)).toEqual(['How the figures are computed', 'Cycle time']);
    expect(await within(doc).findByRole('heading', { name: 'Cycle time', level: 3 })).toBeInTheDocument();
    await userEvent.click(within(contents).getByRole('link', { name: 'Cycle time' }));
    expect(within(doc).getByRole('heading', { name: 'Cycle time', level: 3 })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(link).toHaveFocus();
  });
});
