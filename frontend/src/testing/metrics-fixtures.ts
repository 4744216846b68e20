import type { LevelMetrics, MetricTrace, MetricsDocSection, MetricsReport, TraceItem } from '../lib/backend';

/** levelMetrics is one level's "M" object as GET /api/metrics sends it (the demo portfolio's figures). */
export function levelMetrics(overrides: Partial<LevelMetrics> = {}): LevelMetrics {
  return {
    items: { total: 3500, done: 2869, by_type: { story: 1957, bug: 511 } },
    throughput: { total: 649, per_week: [{ week: '2026-W47', count: 63 }] },
    cycle_time_days: { count: 649, p50: 6, p85: 14, p95: 22 },
    lead_time_days: { count: 649, p50: 30, p85: 80.8, p95: 135.2 },
    wip: { current: 71, average: 62.47, limit: 0 },
    flow_efficiency: 0.4788058733413519,
    flow_distribution: {
      done: { feature: 0.65, defect: 0.17, risk: 0.04, debt: 0.13 },
      wip: { feature: 0.75, defect: 0.07, risk: 0.04, debt: 0.14 },
    },
    velocity: [],
    say_do: 0.6666666666666666,
    sprint_goal_attainment: 0.6666666666666666,
    predictability: 0.9217391304347826,
    okr_progress: 0.6463156512605043,
    benefit_realization: 0.6691650032404407,
    dora: {
      deployments: 86,
      deployments_per_week: 6.688888888888888,
      frequency_band: 'daily',
      change_failure_rate: 0.11627906976744186,
      lead_time_for_changes_hours_p50: 38.1,
      time_to_restore_hours_p50: 11.4,
      failed_deployment_recovery_hours_p50: 1.4,
    },
    defect_escape_rate: 0.3356643356643357,
    dependency_resolution_rate: 0.625,
    csat: 4.036278242305639,
    nps: 11.069913211186114,
    notes: {},
    ...overrides,
  };
}

/** demoMetrics is a GET /api/metrics answer for the default 90-day period. */
export const demoMetrics: MetricsReport = {
  as_of: '2026-11-20',
  from: '2026-08-23',
  to: '2026-11-20',
  conventions: {
    cycle_time: 'done − start + 1 calendar days, items done in the period',
    percentiles: 'linear interpolation between closest ranks (Excel PERCENTILE.INC)',
    start: 'first entry into active or waiting; done without start takes start = done',
    flow_efficiency: 'Σ active time ÷ Σ (active + waiting) time over items done in the period',
    wip: 'items started on or before the day and not done before it',
  },
  portfolio: levelMetrics(),
  programs: [
    { id: 1, name: 'Retail <b>Banking</b>', ...levelMetrics(), teams: [{ id: 11, name: 'Payments', ...levelMetrics() }] },
  ],
};

/** nullMetrics is a report whose figures could not be computed, each with the backend's reason. */
export const nullMetrics: MetricsReport = {
  ...demoMetrics,
  portfolio: levelMetrics({
    cycle_time_days: { count: 0, p50: null, p85: null, p95: null },
    flow_efficiency: null,
    predictability: null,
    okr_progress: null,
    benefit_realization: null,
    dora: {
      deployments: 0,
      deployments_per_week: 0,
      frequency_band: '',
      change_failure_rate: null,
      lead_time_for_changes_hours_p50: null,
      time_to_restore_hours_p50: null,
      failed_deployment_recovery_hours_p50: null,
    },
    csat: null,
    nps: null,
    notes: {
      cycle_time_days: 'no delivery items done in the period',
      flow_efficiency: 'no active or waiting time recorded for items done in the period',
      predictability: 'no committed PI objectives with an actual business value',
      okr_progress: 'no objectives',
      benefit_realization: 'no business cases',
      'dora.change_failure_rate': 'no production deployments in the period',
      csat: 'no CSAT survey ended in the period',
      nps: 'no NPS survey ended in the period',
    },
  }),
};

/** traceItem is one row of a trace, as the API sends it (done items carry their figures). */
export function traceItem(id: number, overrides: Partial<TraceItem> = {}): TraceItem {
  return {
    id,
    key: `CAT-${id}`,
    title: `Item ${id}`,
    type: 'story',
    status: 'Done',
    team_id: 11,
    created: '2026-07-01',
    start: '2026-09-01',
    done: '2026-09-10',
    cycle_days: 10,
    lead_days: 72,
    active_hours: 40,
    waiting_hours: 20,
    no_start: false,
    ...overrides,
  };
}

/** cycleTrace is a GET /api/metrics/trace answer for cycle time at portfolio level. */
export const cycleTrace: MetricTrace = {
  metric: 'cycle_time',
  level: { kind: 'portfolio', id: 0 },
  from: '2026-08-23',
  to: '2026-11-20',
  as_of: '2026-11-20',
  rule: 'delivery items done in the period',
  items: [
    traceItem(1, { key: 'CAT-9', title: 'Checkout <script>alert(1)</script>', cycle_days: 3 }),
    traceItem(2, { key: 'CAT-10', title: 'Basket', cycle_days: 14, done: '2026-10-01' }),
    traceItem(3, { key: 'CAT-100', title: 'Wishlist', cycle_days: 7, done: '2026-11-02' }),
  ],
  deployment_ids: [],
  incident_ids: [],
  objective_ids: [],
};

/** metricsDocs is a GET /api/docs/metrics answer. */
export const metricsDocs: { sections: MetricsDocSection[] } = {
  sections: [
    { id: 'introduction', title: 'How the figures are computed', metrics: [], text: 'Throughline follows **PRODUCT §4**.' },
    {
      id: 'cycle-time',
      title: 'Cycle time',
      metrics: ['cycle_time_days', 'cycle_time_working_days'],
      text: '**Cycle time = done date − start date + 1**, in whole calendar days.\n\n- p85: Excel `PERCENTILE.INC`\n- <script>alert(1)</script>',
    },
  ],
};
