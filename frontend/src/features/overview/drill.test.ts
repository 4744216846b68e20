import { describe, expect, it } from 'vitest';
import { demoOverview } from '../../testing/fixtures';
import { demoMetrics } from '../../testing/metrics-fixtures';
import { metricCardTarget, noteFor, overviewCardTarget, teamNamesOf, throughputWindow, weekTarget } from './drill';

describe('drill targets', () => {
  it('traces a bar’s whole ISO week, so weeks before the 90-day period can be traced', () => {
    const target = weekTarget({ level: 'program', id: 2, name: 'Mortgages' }, '2026-W22', 18, demoOverview, demoMetrics, {});
    expect(target?.traces[0]?.query).toEqual({
      metric: 'throughput',
      level: 'program',
      id: 2,
      week: '2026-W22',
      from: '2026-05-25',
      to: '2026-05-31',
      asOf: '2026-11-20',
    });
    expect(target?.value).toBe('18 items done');
    expect(weekTarget({ level: 'program', id: 2, name: 'M' }, 'W22', 1, demoOverview, demoMetrics, {})).toBeNull();
  });

  it('traces the throughput card over the last twelve weeks up to the as-of date', () => {
    expect(throughputWindow(demoOverview)).toEqual({ from: '2026-08-31', to: '2026-11-20', asOf: '2026-11-20' });
    const target = overviewCardTarget('throughput', demoOverview, '41.3', demoMetrics, {});
    expect(target.traces[0]?.query).toMatchObject({ metric: 'throughput', level: 'portfolio', from: '2026-08-31' });
  });

  it('traces the metric cards over the report’s own period and picks their conventions', () => {
    const target = metricCardTarget('cycle-time', demoMetrics, '14 days', {});
    expect(target.traces.map((t) => t.query)).toEqual([
      { metric: 'cycle_time', level: 'portfolio', from: '2026-08-23', to: '2026-11-20', asOf: '2026-11-20' },
    ]);
    expect(target.docKeys).toEqual(['cycle_time_days']);
    expect(target.conventions.map((c) => c.key)).toEqual(['cycle_time', 'start', 'percentiles']);
    expect(metricCardTarget('dora', demoMetrics, '6.7', {}).traces.map((t) => t.query.metric)).toEqual([
      'deployments',
      'change_failure_rate',
    ]);
    expect(metricCardTarget('okr', demoMetrics, '64.6%', {}).traces).toEqual([]);
  });

  it('names teams from either answer', () => {
    expect(teamNamesOf(demoOverview, demoMetrics)).toMatchObject({ 11: 'Payments', 12: 'Cards', 21: 'Origination' });
  });

  it('finds the reason for a null figure under its most specific key', () => {
    const m = { notes: { 'dora.change_failure_rate': 'no production deployments in the period' } };
    expect(noteFor(m, 'dora.change_failure_rate', 'dora')).toBe('no production deployments in the period');
    expect(noteFor(m, 'csat')).toBe('cannot be computed for this period');
  });
});
