/** WEEKS_FOR_MEAN is the window of the "throughput per week" figure (PRODUCT.md §4.4). */
export const WEEKS_FOR_MEAN = 12;

/**
 * recentMean is the mean of the last `weeks` weekly counts, skipping weeks the backend could not
 * compute (null); null when none remain. The API gives this figure for the portfolio only, so
 * the per-program and per-team column derives it from the same weekly series.
 */
export function recentMean(throughput: readonly (number | null)[], weeks = WEEKS_FOR_MEAN): number | null {
  const window = throughput
    .slice(Math.max(0, throughput.length - weeks))
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (window.length === 0) return null;
  return window.reduce((sum, v) => sum + v, 0) / window.length;
}

/** isOverLimit is true when a WIP limit is set (> 0) and WIP exceeds it. */
export function isOverLimit(wip: number | null, wipLimit: number | null): boolean {
  return typeof wip === 'number' && typeof wipLimit === 'number' && wipLimit > 0 && wip > wipLimit;
}

/** unitMean is the backend's 12-week mean for a program or team when it sends one, else derived. */
export function unitMean(unit: { throughput: readonly (number | null)[]; throughputLast12Weeks?: number | null }) {
  return unit.throughputLast12Weeks !== undefined ? unit.throughputLast12Weeks : recentMean(unit.throughput);
}
