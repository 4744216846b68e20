// api.ts: the drill-down feature's contract with the backend: the rows behind a figure
// (GET /api/metrics/trace) and the metrics document (GET /api/docs/metrics).
import { useQuery } from '@tanstack/react-query';
import { getMetricTrace, getMetricsDocs, type MetricsDocSection, type TraceQuery } from '../../lib/backend';

export const drilldownKeys = {
  trace: (query: TraceQuery) => ['metrics', 'trace', query] as const,
  docs: ['metrics', 'docs'] as const,
};

/**
 * useMetricTrace loads the rows behind one figure. The request is cancelled when nothing shows
 * it any more (the panel closed before it arrived), so a large trace does not load for nothing.
 */
export function useMetricTrace(query: TraceQuery) {
  return useQuery({
    queryKey: drilldownKeys.trace(query),
    queryFn: ({ signal }) => getMetricTrace(query, signal),
  });
}

/** useMetricsDocs loads the "How is this computed?" document, cut into sections. */
export function useMetricsDocs() {
  return useQuery({
    queryKey: drilldownKeys.docs,
    queryFn: getMetricsDocs,
  });
}

/** sectionsFor picks the sections that explain any of the report keys, in document order. */
export function sectionsFor(sections: readonly MetricsDocSection[], keys: readonly string[]): MetricsDocSection[] {
  return sections.filter((s) => s.metrics.some((m) => keys.includes(m)));
}
