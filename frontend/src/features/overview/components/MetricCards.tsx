import type { ReactNode } from 'react';
import { Card } from '../../../components/ui/Card';
import { errorMessage, type LevelMetrics, type MetricsReport } from '../../../lib/backend';
import type { OpenDrill } from '../../../lib/drilldown';
import {
  NOT_AVAILABLE,
  formatCivilRange,
  formatCount,
  formatDecimal,
  formatFixed,
  formatPercent,
  formatSigned,
  periodDays,
} from '../../../lib/format';
import { metricCardTarget, noteFor, type MetricCardId } from '../drill';

/** MetricCardsProps: report is absent while loading; error is the failed load, if any. */
export interface MetricCardsProps {
  report?: MetricsReport;
  error?: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  onDrill?: OpenDrill;
  teamNames?: Record<number, string>;
}

/** HEALTHY_PREDICTABILITY is the healthy PI predictability band (PRODUCT.md §4.13). */
export const HEALTHY_PREDICTABILITY = { low: 0.8, high: 1 } as const;

/** predictabilityBand says in words where a predictability ratio sits against the healthy band. */
export function predictabilityBand(ratio: number): string {
  if (ratio < HEALTHY_PREDICTABILITY.low) return 'below the healthy band of';
  if (ratio > HEALTHY_PREDICTABILITY.high) return 'above 100% (stretch objectives); healthy band';
  return 'within the healthy band of';
}

/** periodLabel is the line above the cards: "last 90 days: 23 Aug – 20 Nov 2026". */
export function periodLabel(report: Pick<MetricsReport, 'from' | 'to'>): string {
  const days = periodDays(report.from, report.to);
  const range = formatCivilRange(report.from, report.to);
  return days === null ? range : `last ${formatCount(days)} ${days === 1 ? 'day' : 'days'}: ${range}`;
}

function Unit({ children }: { children: ReactNode }) {
  return <span className="card__unit">{children}</span>;
}

/** Shown is a card's display: value, detail and the value as plain text for the panel title. */
interface Shown {
  value: ReactNode;
  text: string;
  detail: ReactNode;
}

/** na shows a figure the backend could not compute: "n/a", and its reason as the detail line. */
function na(reason: string): Shown {
  return { value: NOT_AVAILABLE, text: NOT_AVAILABLE, detail: <span className="card__reason">{reason}</span> };
}

function percentCard(figure: number | null, m: LevelMetrics, key: string, detail: ReactNode): Shown {
  if (figure === null) return na(noteFor(m, key));
  const text = formatPercent(figure);
  return { value: text, text, detail };
}

/** shownFor turns the portfolio's figures into each card's display. */
export function shownFor(id: MetricCardId, m: LevelMetrics): Shown {
  switch (id) {
    case 'cycle-time': {
      const { p85, p50, count } = m.cycle_time_days;
      if (p85 === null) return na(noteFor(m, 'cycle_time_days.p85', 'cycle_time_days'));
      const days = formatDecimal(p85, 1);
      return {
        value: (
          <>
            {days}
            <Unit>{p85 === 1 ? ' day' : ' days'}</Unit>
          </>
        ),
        text: `${days} ${p85 === 1 ? 'day' : 'days'}`,
        detail: `p50 ${formatDecimal(p50, 1)} days · ${formatCount(count)} items done`,
      };
    }
    case 'flow-efficiency':
      return percentCard(m.flow_efficiency, m, 'flow_efficiency', 'active ÷ (active + waiting) time');
    case 'predictability':
      return percentCard(
        m.predictability,
        m,
        'predictability',
        m.predictability === null ? (
          ''
        ) : (
          <>
            {predictabilityBand(m.predictability)} <span className="nowrap">80–100%</span>
          </>
        ),
      );
    case 'okr':
      return percentCard(m.okr_progress, m, 'okr_progress', 'mean progress of the objectives');
    case 'benefits':
      return percentCard(m.benefit_realization, m, 'benefit_realization', 'realized ÷ planned benefit due to date');
    case 'dora': {
      const { deployments_per_week: perWeek, frequency_band: band, change_failure_rate: cfr } = m.dora;
      const failure =
        cfr === null
          ? `change failure rate n/a: ${noteFor(m, 'dora.change_failure_rate')}`
          : `change failure rate ${formatPercent(cfr)}`;
      if (perWeek === null) {
        const shown = na(noteFor(m, 'dora.deployments_per_week'));
        return { ...shown, detail: <>{shown.detail} · {failure}</> };
      }
      const text = formatDecimal(perWeek, 1);
      return { value: text, text, detail: band ? `${band} band · ${failure}` : failure };
    }
    case 'csat': {
      const nps = m.nps === null ? `NPS n/a: ${noteFor(m, 'nps')}` : `NPS ${formatSigned(m.nps)}`;
      if (m.csat === null) {
        return { value: NOT_AVAILABLE, text: NOT_AVAILABLE, detail: <span className="card__reason">{`CSAT n/a: ${noteFor(m, 'csat')} · ${nps}`}</span> };
      }
      const csat = formatFixed(m.csat, 1);
      return {
        value: (
          <>
            {csat}
            <Unit> of 5</Unit>
          </>
        ),
        text: `CSAT ${csat} of 5`,
        detail: `CSAT, mean score · ${nps}`,
      };
    }
  }
}

const CARDS: { id: MetricCardId; label: string }[] = [
  { id: 'cycle-time', label: 'Cycle time p85' },
  { id: 'flow-efficiency', label: 'Flow efficiency' },
  { id: 'predictability', label: 'PI predictability' },
  { id: 'okr', label: 'OKR progress' },
  { id: 'benefits', label: 'Benefit realization' },
  { id: 'dora', label: 'Deployments per week' },
  { id: 'csat', label: 'CSAT / NPS' },
];

/**
 * MetricCards is the second row of headline figures, from GET /api/metrics for the portfolio:
 * flow, predictability, outcomes, DORA and customer feedback over the report's period. A figure
 * the backend could not compute shows "n/a" with its reason, never 0. Each card opens its
 * drill-down.
 */
export function MetricCards({ report, error, onRetry, retrying = false, onDrill, teamNames = {} }: MetricCardsProps) {
  const failed = error !== undefined && error !== null && !report;
  return (
    <section className="metric-cards" aria-labelledby="metric-cards-title">
      <h2 className="metric-cards__title" id="metric-cards-title">
        <span>Flow, delivery and value</span>
        <span className="metric-cards__period" data-testid="metrics-period">
          {report ? periodLabel(report) : failed ? '' : 'loading…'}
        </span>
      </h2>
      {failed ? (
        // Not role="alert": the overview above is usable without these figures.
        <div className="metric-cards__error" aria-live="polite">
          <span>{`These figures could not be loaded: ${errorMessage(error)}`}</span>
          {onRetry ? (
            <button type="button" className="button button--small" onClick={onRetry} disabled={retrying}>
              {retrying ? 'Retrying…' : 'Retry'}
            </button>
          ) : null}
        </div>
      ) : (
        <div className="cards cards--metrics">
          {CARDS.map(({ id, label }) => {
            const shown = report ? shownFor(id, report.portfolio) : null;
            return (
              <Card
                key={id}
                testId={`card-${id}`}
                label={label}
                loading={!shown}
                value={shown?.value ?? ''}
                detail={shown?.detail}
                openHint="Show what is behind this figure and how it is computed"
                onOpen={
                  report && shown && onDrill
                    ? (opener) => onDrill(metricCardTarget(id, report, shown.text, teamNames), opener)
                    : undefined
                }
              />
            );
          })}
        </div>
      )}
    </section>
  );
}
