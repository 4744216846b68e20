// api.ts: the overview feature's contract with the backend, GET /api/overview and
// GET /api/metrics (the headline flow, delivery and value figures).
import { useQuery } from '@tanstack/react-query';
import { apiGet, getMetrics, type MetricsPeriod } from '../../lib/backend';

/** TeamOverview is one team's flow figures; throughput is aligned with Overview.weeks. */
export interface TeamOverview {
  id: number;
  name: string;
  deliveryItems: number | null;
  done: number | null;
  wip: number | null;
  /** wipLimit is the team's WIP limit; 0 (or null) means none is set. */
  wipLimit: number | null;
  throughput: (number | null)[];
  /**
   * throughputLast12Weeks is the mean per week over the last 12 weeks. Not in the first API
   * contract for programs and teams: when absent it is derived from `throughput`.
   */
  throughputLast12Weeks?: number | null;
}

/** ProgramOverview is a program's figures and its teams. */
export interface ProgramOverview extends TeamOverview {
  teams: TeamOverview[];
}

/** Overview is GET /api/overview: portfolio totals and per-program weekly throughput. */
export interface Overview {
  /** asOf is the civil date the figures are computed for ("YYYY-MM-DD"). */
  asOf: string;
  /** weeks are 26 ISO weeks ("2026-W22"), oldest first; the last is the week of asOf. */
  weeks: string[];
  totals: {
    items: number | null;
    deliveryItems: number | null;
    done: number | null;
    wip: number | null;
    removed: number | null;
    /** throughputLast12Weeks is the mean delivery items done per week over the last 12 weeks. */
    throughputLast12Weeks: number | null;
  };
  programs: ProgramOverview[];
}

export const overviewKeys = {
  all: ['overview'] as const,
  metrics: (period: MetricsPeriod) => ['metrics', 'report', period] as const,
};

/** useOverview loads the portfolio overview. */
export function useOverview() {
  return useQuery({
    queryKey: overviewKeys.all,
    queryFn: () => apiGet<Overview>('/api/overview'),
  });
}

/** useMetrics loads the metrics report for a period (by default the 90 days ending on the as-of date). */
export function useMetrics(period: MetricsPeriod = {}) {
  return useQuery({
    queryKey: overviewKeys.metrics(period),
    queryFn: () => getMetrics(period),
  });
}
