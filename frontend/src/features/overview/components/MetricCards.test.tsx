import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../testing/api-mock';
import { demoOverview } from '../../../testing/fixtures';
import { demoMetrics, nullMetrics } from '../../../testing/metrics-fixtures';
import { renderWithApp } from '../../../testing/render';
import { OverviewScreen } from './Overview';

function cardParts(testId: string) {
  const card = screen.getByTestId(testId);
  return {
    value: card.querySelector('[data-card-part="value"]')?.textContent,
    detail: card.querySelector('[data-card-part="detail"]')?.textContent,
  };
}

describe('MetricCards', () => {
  it('shows the portfolio figures of the metrics report below the four overview cards', async () => {
    mockApi({ 'GET /api/overview': { body: demoOverview }, 'GET /api/metrics': { body: demoMetrics } });
    renderWithApp(<OverviewScreen />);

    await screen.findByText('14');
    expect(screen.getByTestId('metrics-period')).toHaveTextContent('last 90 days: 23 Aug – 20 Nov 2026');
    expect(cardParts('card-cycle-time')).toEqual({ value: '14 days', detail: 'p50 6 days · 649 items done' });
    expect(cardParts('card-flow-efficiency').value).toBe('47.9%');
    expect(cardParts('card-predictability')).toEqual({ value: '92.2%', detail: 'within the healthy band of 80–100%' });
    expect(cardParts('card-okr').value).toBe('64.6%');
    expect(cardParts('card-benefits').value).toBe('66.9%');
    expect(cardParts('card-dora')).toEqual({ value: '6.7', detail: 'daily band · change failure rate 11.6%' });
    expect(cardParts('card-csat')).toEqual({ value: '4.0 of 5', detail: 'CSAT, mean score · NPS +11' });
    // The second row comes after the four overview cards, in its own group.
    const cards = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(cards.slice(0, 5)).toEqual(['Work items', 'Delivery items done', 'Work in progress', 'Throughput per week', 'Cycle time p85']);
  });

  it('shows n/a with the backend’s reason for a figure it could not compute, never 0', async () => {
    mockApi({ 'GET /api/overview': { body: demoOverview }, 'GET /api/metrics': { body: nullMetrics } });
    renderWithApp(<OverviewScreen />);

    await screen.findByText('no delivery items done in the period');
    expect(cardParts('card-cycle-time')).toEqual({ value: 'n/a', detail: 'no delivery items done in the period' });
    expect(cardParts('card-flow-efficiency')).toEqual({
      value: 'n/a',
      detail: 'no active or waiting time recorded for items done in the period',
    });
    expect(cardParts('card-predictability')).toEqual({ value: 'n/a', detail: 'no committed PI objectives with an actual business value' });
    expect(cardParts('card-okr')).toEqual({ value: 'n/a', detail: 'no objectives' });
    expect(cardParts('card-benefits')).toEqual({ value: 'n/a', detail: 'no business cases' });
    // No deployments is a real zero; the rate over them is not.
    expect(cardParts('card-dora')).toEqual({ value: '0', detail: 'change failure rate n/a: no production deployments in the period' });
    expect(cardParts('card-csat')).toEqual({
      value: 'n/a',
      detail: 'CSAT n/a: no CSAT survey ended in the period · NPS n/a: no NPS survey ended in the period',
    });
    for (const id of ['card-cycle-time', 'card-flow-efficiency', 'card-predictability', 'card-okr', 'card-benefits', 'card-csat']) {
      expect(cardParts(id).value).not.toMatch(/\d/);
    }
  });

  it('says when the figures could not be loaded, without hiding the overview', async () => {
    mockApi({
      'GET /api/overview': { body: demoOverview },
      'GET /api/metrics': { status: 500, body: { error: { code: 'internal', message: 'Internal error' } } },
    });
    renderWithApp(<OverviewScreen />);
    expect(await screen.findByText('These figures could not be loaded: Internal error')).toBeInTheDocument();
    expect(screen.queryByTestId('card-cycle-time')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('card-items')).getByText('3,412')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled();
  });
});
