import type { Overview } from '../features/overview/api';
import type { Portfolio, RecentPortfolio } from '../features/portfolio/api';

const WEEKS = Array.from({ length: 26 }, (_, i) => `2026-W${String(22 + i).padStart(2, '0')}`);

function series(base: number): number[] {
  return WEEKS.map((_, i) => base + (i % 4));
}

/** demoPortfolio is a GET /api/portfolio answer for the demo portfolio. */
export const demoPortfolio: Portfolio = {
  name: 'Demo portfolio',
  path: '/home/ana/.local/share/throughline/demo.throughline',
  fileName: 'demo.throughline',
  demo: true,
  demoScale: 'demo',
  asOf: '2026-11-20',
  timeZone: 'Europe/London',
  schemaVersion: 1,
  counts: { programs: 3, teams: 9, items: 3412, statusChanges: 18345, deployments: 1020 },
};

/** demoOverview is a GET /api/overview answer: two programs, one team over its WIP limit. */
export const demoOverview: Overview = {
  asOf: '2026-11-20',
  weeks: WEEKS,
  totals: { items: 3412, deliveryItems: 2875, done: 2301, wip: 212, removed: 96, throughputLast12Weeks: 41.25 },
  programs: [
    {
      id: 1,
      name: 'Retail <b>Banking</b>',
      deliveryItems: 1500,
      done: 1200,
      wip: 120,
      wipLimit: 150,
      throughput: series(20),
      teams: [
        { id: 11, name: 'Payments', deliveryItems: 800, done: 640, wip: 12, wipLimit: 10, throughput: series(10) },
        { id: 12, name: 'Cards', deliveryItems: 700, done: 560, wip: 8, wipLimit: 0, throughput: series(10) },
      ],
    },
    {
      id: 2,
      name: 'Mortgages',
      deliveryItems: 1375,
      done: 1101,
      wip: 92,
      wipLimit: 0,
      throughput: series(18),
      teams: [{ id: 21, name: 'Origination', deliveryItems: 1375, done: 1101, wip: null, wipLimit: 5, throughput: series(18) }],
    },
  ],
};

/** emptyOverview is what a new, empty portfolio answers. */
export const emptyOverview: Overview = {
  asOf: '',
  weeks: WEEKS,
  totals: { items: 0, deliveryItems: 0, done: 0, wip: 0, removed: 0, throughputLast12Weeks: null },
  programs: [],
};

/** recentPortfolios has one existing and one missing file. */
export const recentPortfolios: RecentPortfolio[] = [
  { path: '/data/retail.throughline', name: 'Retail', openedAt: '2026-11-19T10:00:00Z', exists: true },
  { path: '/data/gone.throughline', name: 'Gone', openedAt: '2026-10-01T10:00:00Z', exists: false },
];
