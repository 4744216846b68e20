// drill.ts describes the overview's figures for the drill-down panel: which trace lists the
// rows behind each, and which documentation and conventions explain it.
import type { LevelMetrics, MetricsPeriod, MetricsReport, TraceQuery } from '../../lib/backend';
import { type DrillConvention, type DrillTarget, type DrillTrace } from '../../lib/drilldown';
import { formatCivilDate, formatCivilRange, isoWeekDays } from '../../lib/format';
import type { Overview } from './api';
import { WEEKS_FOR_MEAN } from './throughput';

/** MetricCardId names the headline cards from the metrics report. */
export type MetricCardId = 'cycle-time' | 'flow-efficiency' | 'predictability' | 'okr' | 'benefits' | 'dora' | 'csat';

/** OverviewCardId names the four headline cards from the overview. */
export type OverviewCardId = 'items' | 'done' | 'wip' | 'throughput';

/** Unit is a program or team row of the table (or the portfolio, with id 0). */
export interface Unit {
  level: TraceQuery['level'];
  id: number;
  name: string;
}

/** noteFor is the backend's reason for a null figure: the first note found under keys. */
export function noteFor(metrics: Pick<LevelMetrics, 'notes'>, ...keys: string[]): string {
  for (const key of keys) {
    const note = metrics.notes[key];
    if (note) return note;
  }
  return 'cannot be computed for this period';
}

function conventions(report: MetricsReport | undefined, keys: readonly string[]): DrillConvention[] {
  if (!report) return [];
  return keys.flatMap((key) => {
    const text = report.conventions[key];
    return text ? [{ key, text }] : [];
  });
}

/** teamNamesOf maps team ids to names from whichever of the two answers is loaded. */
export function teamNamesOf(overview?: Overview, report?: MetricsReport): Record<number, string> {
  const names: Record<number, string> = {};
  for (const program of report?.programs ?? []) for (const team of program.teams) names[team.id] = team.name;
  for (const program of overview?.programs ?? []) for (const team of program.teams) names[team.id] = team.name;
  return names;
}

function reportPeriod(report: MetricsReport): MetricsPeriod {
  return { from: report.from, to: report.to, asOf: report.as_of };
}

function trace(metric: TraceQuery['metric'], period: MetricsPeriod, extra: Partial<DrillTrace> = {}): DrillTrace {
  return { query: { metric, level: 'portfolio', ...period }, ...extra };
}

interface MetricCardSpec {
  title: string;
  traces: (period: MetricsPeriod) => DrillTrace[];
  noTrace?: string;
  docKeys: string[];
  conventionKeys: string[];
}

const NO_TRACE = 'Throughline cannot list the rows behind this figure yet; “How is this computed?” explains how it is made.';

const METRIC_CARDS: Record<MetricCardId, MetricCardSpec> = {
  'cycle-time': {
    title: 'Cycle time p85',
    traces: (p) => [trace('cycle_time', p)],
    docKeys: ['cycle_time_days'],
    conventionKeys: ['cycle_time', 'start', 'done', 'percentiles', 'delivery_items'],
  },
  'flow-efficiency': {
    title: 'Flow efficiency',
    traces: (p) => [trace('flow_efficiency', p)],
    docKeys: ['flow_efficiency'],
    conventionKeys: ['flow_efficiency'],
  },
  predictability: {
    title: 'PI predictability',
    traces: (p) => [trace('predictability', p)],
    docKeys: ['predictability'],
    conventionKeys: ['predictability'],
  },
  okr: { title: 'OKR progress', traces: () => [], noTrace: NO_TRACE, docKeys: ['okr_progress'], conventionKeys: ['okr_progress'] },
  benefits: {
    title: 'Benefit realization',
    traces: () => [],
    noTrace: NO_TRACE,
    docKeys: ['benefit_realization'],
    conventionKeys: ['benefit_realization'],
  },
  dora: {
    title: 'Deployments per week',
    traces: (p) => [
      trace('deployments', p, { label: 'Production deployments' }),
      trace('change_failure_rate', p, { label: 'Failed deployments (change failure rate)' }),
    ],
    docKeys: ['dora'],
    conventionKeys: ['dora'],
  },
  csat: { title: 'CSAT / NPS', traces: () => [], noTrace: NO_TRACE, docKeys: ['csat', 'nps'], conventionKeys: [] },
};

/** metricCardTarget describes a card from the metrics report. */
export function metricCardTarget(id: MetricCardId, report: MetricsReport, value: string, teamNames: Record<number, string>): DrillTarget {
  const spec = METRIC_CARDS[id];
  const traces = spec.traces(reportPeriod(report));
  return {
    title: spec.title,
    value,
    scope: `Portfolio · ${formatCivilRange(report.from, report.to)}`,
    traces,
    noTrace: traces.length === 0 ? spec.noTrace : undefined,
    docKeys: spec.docKeys,
    conventions: conventions(report, spec.conventionKeys),
    teamNames,
  };
}

/** throughputWindow is the period of the throughput card: the last WEEKS_FOR_MEAN weeks up to the as-of date. */
export function throughputWindow(overview: Overview): MetricsPeriod | null {
  const first = overview.weeks[Math.max(0, overview.weeks.length - WEEKS_FOR_MEAN)];
  const days = first ? isoWeekDays(first) : null;
  if (!days || !overview.asOf) return null;
  return { from: days.monday, to: overview.asOf, asOf: overview.asOf };
}

/** overviewCardTarget describes one of the four overview cards. */
export function overviewCardTarget(
  id: OverviewCardId,
  overview: Overview,
  value: string,
  report: MetricsReport | undefined,
  teamNames: Record<number, string>,
): DrillTarget {
  const asOf = overview.asOf ? { asOf: overview.asOf } : {};
  const asOfScope = overview.asOf ? `Portfolio · as of ${formatCivilDate(overview.asOf)}` : 'Portfolio';
  const base = { value, scope: asOfScope, teamNames };
  switch (id) {
    case 'items':
      return {
        ...base,
        title: 'Work items',
        traces: [trace('items', asOf)],
        docKeys: ['items'],
        conventions: conventions(report, ['delivery_items']),
      };
    case 'done':
      return {
        ...base,
        title: 'Delivery items done',
        traces: [trace('delivery_done', asOf)],
        docKeys: ['items'],
        conventions: conventions(report, ['done', 'delivery_items']),
      };
    case 'wip':
      return {
        ...base,
        title: 'Work in progress',
        traces: [trace('wip', asOf)],
        docKeys: ['wip'],
        conventions: conventions(report, ['wip', 'start']),
      };
    case 'throughput': {
      const window = throughputWindow(overview);
      return {
        ...base,
        title: 'Throughput per week',
        scope: window?.from && window.to ? `Portfolio · ${formatCivilRange(window.from, window.to)}` : 'Portfolio',
        traces: window ? [trace('throughput', window)] : [],
        noTrace: window ? undefined : 'The overview has no weeks to list.',
        docKeys: ['throughput'],
        conventions: conventions(report, ['throughput']),
      };
    }
  }
}

/** cellTarget describes the Done or WIP figure of a program or team row. */
export function cellTarget(
  column: 'done' | 'wip',
  unit: Unit,
  overview: Overview,
  value: string,
  report: MetricsReport | undefined,
  teamNames: Record<number, string>,
): DrillTarget {
  const query = { level: unit.level, id: unit.id, ...(overview.asOf ? { asOf: overview.asOf } : {}) };
  const scope = overview.asOf ? `${unit.name} · as of ${formatCivilDate(overview.asOf)}` : unit.name;
  if (column === 'done') {
    return {
      title: 'Delivery items done',
      value,
      scope,
      traces: [{ query: { metric: 'delivery_done', ...query } }],
      docKeys: ['items'],
      conventions: conventions(report, ['done', 'delivery_items']),
      teamNames,
    };
  }
  return {
    title: 'Work in progress',
    value,
    scope,
    traces: [{ query: { metric: 'wip', ...query } }],
    docKeys: ['wip'],
    conventions: conventions(report, ['wip', 'start']),
    teamNames,
  };
}

/**
 * weekTarget describes one program's throughput in one ISO week (a bar of the chart). The
 * trace asks for that week's own days, clipped to the as-of date, so weeks before the metrics'
 * default 90-day period can be traced too.
 */
export function weekTarget(
  unit: Unit,
  week: string,
  count: number | null,
  overview: Overview,
  report: MetricsReport | undefined,
  teamNames: Record<number, string>,
): DrillTarget | null {
  const days = isoWeekDays(week);
  if (!days) return null;
  const to = overview.asOf && overview.asOf < days.sunday ? overview.asOf : days.sunday;
  return {
    title: 'Throughput',
    value: count === null ? undefined : `${count} ${count === 1 ? 'item' : 'items'} done`,
    scope: `${unit.name} · ${week} (${formatCivilRange(days.monday, to)})`,
    traces: [
      {
        query: {
          metric: 'throughput',
          level: unit.level,
          id: unit.id,
          week,
          from: days.monday,
          to,
          ...(overview.asOf ? { asOf: overview.asOf } : {}),
        },
      },
    ],
    docKeys: ['throughput'],
    conventions: conventions(report, ['throughput', 'done']),
    teamNames,
  };
}
