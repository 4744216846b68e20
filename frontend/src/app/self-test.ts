import { useEffect, useRef } from 'react';
import type { OverviewReady } from '../features/overview/components/Overview';
import type { Portfolio } from '../features/portfolio/api';
import { reportSelfTest } from '../lib/backend';

/** SelfTestSummary is what Shell.Report receives (as JSON) once per portfolio load. */
export interface SelfTestSummary {
  portfolio: string;
  demo: boolean;
  items: number | null;
  done: number | null;
  wip: number | null;
  programs: number;
  chart: boolean;
  cardsText: string[];
}

/** selfTestSummary assembles the report from the portfolio and the rendered overview. */
export function selfTestSummary(portfolio: Portfolio, ready: OverviewReady): SelfTestSummary {
  const { totals, programs } = ready.overview;
  return {
    portfolio: portfolio.name,
    demo: portfolio.demo,
    items: totals.items,
    done: totals.done,
    wip: totals.wip,
    programs: programs.length,
    chart: ready.chart,
    cardsText: ready.cardsText,
  };
}

/**
 * useSelfTest marks the page ready (body[data-ready="1"], awaited by the browser e2e test) and
 * reports to the desktop bridge, once per overview load, when both the portfolio and the
 * overview are current. While either is loading, the ready mark is removed.
 */
export function useSelfTest(portfolio: Portfolio | undefined, portfolioCurrent: boolean, ready: OverviewReady | null) {
  const reported = useRef<number | null>(null);
  useEffect(() => {
    if (!ready || !portfolio || !portfolioCurrent) {
      delete document.body.dataset.ready;
      return;
    }
    document.body.dataset.ready = '1';
    if (reported.current === ready.key) return;
    reported.current = ready.key;
    reportSelfTest(selfTestSummary(portfolio, ready)).catch((err: unknown) => {
      console.error('self-test report', err);
    });
  }, [portfolio, portfolioCurrent, ready]);
}
