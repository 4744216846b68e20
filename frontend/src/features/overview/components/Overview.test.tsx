import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { callsTo, mockApi } from '../../../testing/api-mock';
import { demoOverview, emptyOverview } from '../../../testing/fixtures';
import { renderWithApp } from '../../../testing/render';
import { OverviewScreen } from './Overview';

describe('OverviewScreen', () => {
  it('renders the headline cards from the API answer', async () => {
    mockApi({ 'GET /api/overview': { body: demoOverview } });
    renderWithApp(<OverviewScreen />);

    await screen.findAllByTestId('program-row');
    const items = screen.getByTestId('card-items');
    expect(within(items).getByRole('heading')).toHaveTextContent('Work items');
    expect(within(items).getByText('3,412')).toBeInTheDocument();
    expect(screen.getByTestId('card-done')).toHaveTextContent('2,301');
    expect(screen.getByTestId('card-wip')).toHaveTextContent('212');
    expect(screen.getByTestId('card-throughput')).toHaveTextContent('41.3');
    expect(screen.getByTestId('card-throughput')).toHaveTextContent('mean of the last twelve weeks');
    // Each card carries one figure only, so its text parses as that number.
    const figure = (id: string) => Number((screen.getByTestId(id).textContent ?? '').replace(/[^\d.-]/g, ''));
    expect([figure('card-items'), figure('card-done'), figure('card-wip'), figure('card-throughput')]).toEqual([
      3412, 2301, 212, 41.3,
    ]);
    expect(screen.getByTestId('throughput-chart')).toHaveAccessibleName(/2026-W22 to 2026-W47/);
  });

  it('shows a loading state first', async () => {
    mockApi({ 'GET /api/overview': { body: demoOverview } });
    renderWithApp(<OverviewScreen />);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    expect(screen.getByTestId('card-items')).toHaveAttribute('aria-busy', 'true');
    await screen.findAllByTestId('program-row');
  });

  it('lists programs, expanding one to its teams', async () => {
    mockApi({ 'GET /api/overview': { body: demoOverview } });
    renderWithApp(<OverviewScreen />);

    const rows = await screen.findAllByTestId('program-row');
    expect(rows).toHaveLength(2);
    // Names from data are text, never markup.
    expect(within(rows[0]!).getByText('Retail <b>Banking</b>')).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('1,500');
    expect(screen.queryAllByTestId('team-row')).toHaveLength(0);

    const toggle = within(rows[0]!).getByRole('button', { name: /Retail <b>Banking<\/b>/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const teams = screen.getAllByTestId('team-row');
    expect(teams.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Payments', 'Cards']);

    await userEvent.click(toggle);
    expect(screen.queryAllByTestId('team-row')).toHaveLength(0);
  });

  it('says in words when WIP is above the limit', async () => {
    mockApi({ 'GET /api/overview': { body: demoOverview } });
    renderWithApp(<OverviewScreen />);
    const [retail, mortgages] = await screen.findAllByTestId('program-row');
    await userEvent.click(within(retail!).getByRole('button'));
    await userEvent.click(within(mortgages!).getByRole('button'));

    const [payments, cards, origination] = screen.getAllByTestId('team-row');
    expect(payments).toHaveTextContent('12 / limit 10');
    expect(payments).toHaveTextContent('over limit');
    // Within the limit: the limit is shown, no warning.
    expect(retail).toHaveTextContent('120 / limit 150');
    expect(retail).not.toHaveTextContent('over limit');
    // No limit set (0): the bare figure.
    expect(within(cards!).getAllByRole('cell')[2]).toHaveTextContent(/^8$/);
    // WIP not computable.
    expect(origination).toHaveTextContent('n/a / limit 5');
    expect(origination).not.toHaveTextContent('over limit');
  });

  it('shows the mean of the last 12 weeks per program and a sparkline', async () => {
    mockApi({ 'GET /api/overview': { body: demoOverview } });
    renderWithApp(<OverviewScreen />);
    const [retail] = await screen.findAllByTestId('program-row');
    // series(20) = 20,21,22,23,... ; its last 12 weeks (indices 14..25) average 21.5.
    expect(within(retail!).getAllByRole('cell')[4]).toHaveTextContent('21.5');
    expect(within(retail!).getByRole('img', { name: /delivery items done per week/ })).toBeInTheDocument();
  });

  it('shows the API error message and refetches on Retry', async () => {
    let calls = 0;
    const fetchMock = mockApi({
      'GET /api/overview': () => {
        calls += 1;
        return calls === 1
          ? { status: 500, body: { error: { code: 'internal', message: 'Internal error' } } }
          : { body: demoOverview };
      },
    });
    renderWithApp(<OverviewScreen />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The overview could not be loaded.');
    expect(alert).toHaveTextContent('Internal error');

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findAllByTestId('program-row');
    expect(screen.getByTestId('card-items')).toHaveTextContent('3,412');
    expect(callsTo(fetchMock, 'GET /api/overview')).toHaveLength(2);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains an empty portfolio', async () => {
    mockApi({ 'GET /api/overview': { body: emptyOverview } });
    const ready: unknown[] = [];
    renderWithApp(<OverviewScreen onReady={(r) => ready.push(r)} />);

    expect(await screen.findByText('This portfolio has no work items yet.')).toBeInTheDocument();
    expect(screen.getByTestId('card-items')).toHaveTextContent('0');
    expect(screen.getByTestId('card-throughput')).toHaveTextContent('n/a');
    expect(screen.queryByTestId('throughput-chart')).not.toBeInTheDocument();
    expect(screen.queryByTestId('program-table')).not.toBeInTheDocument();
    // Nothing to draw, so the overview is ready without a chart.
    await waitFor(() => expect(ready.at(-1)).toMatchObject({ chart: false, cardsText: expect.any(Array) }));
  });
});
