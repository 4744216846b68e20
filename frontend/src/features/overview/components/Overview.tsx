import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cardText } from '../../../components/ui/Card';
import { ErrorState } from '../../../components/ui/ErrorState';
import { errorMessage } from '../../../lib/backend';
import type { OpenDocument, OpenDrill } from '../../../lib/drilldown';
import { formatCivilDate } from '../../../lib/format';
import { useMetrics, useOverview, type Overview } from '../api';
import { cellTarget, overviewCardTarget, teamNamesOf, weekTarget, type OverviewCardId } from '../drill';
import { HeadlineCards } from './HeadlineCards';
import { MetricCards } from './MetricCards';
import { ProgramTable, type OpenCell } from './ProgramTable';
import { ThroughputChart } from './ThroughputChart';

/** OverviewReady says the overview has rendered one load of real data (and drawn its chart). */
export interface OverviewReady {
  /** key identifies the load (the query's update time): one report per load. */
  key: number;
  overview: Overview;
  /** chart is true when the throughput chart reported it finished drawing this data. */
  chart: boolean;
  /** cardsText is the visible text of the four headline cards. */
  cardsText: string[];
}

/**
 * OverviewScreenProps: onReady receives the rendered state, or null while not ready. With
 * onDrill, every figure (cards, table cells, chart bars) opens what is behind it; with
 * onOpenDocument, the header links to the whole "How is this computed?" document.
 */
export interface OverviewScreenProps {
  onReady?: (ready: OverviewReady | null) => void;
  onDrill?: OpenDrill;
  onOpenDocument?: OpenDocument;
  /** onImport offers the Import screen from an empty portfolio. */
  onImport?: () => void;
}

function isEmpty(overview: Overview): boolean {
  return !overview.totals.items && overview.programs.length === 0;
}

/** OverviewScreen is the portfolio overview: headline cards, weekly throughput, programs and teams. */
export function OverviewScreen({ onReady, onDrill, onOpenDocument, onImport }: OverviewScreenProps) {
  const query = useOverview();
  const metrics = useMetrics();
  const { data, dataUpdatedAt, isFetching, isError } = query;
  const report = metrics.data;
  const teamNames = useMemo(() => teamNamesOf(data, report), [data, report]);
  const cardsRef = useRef<HTMLDivElement>(null);
  const [chartDrawnFor, setChartDrawnFor] = useState<Overview | null>(null);
  const onChartFinished = useCallback(() => setChartDrawnFor(data ?? null), [data]);

  const empty = data ? isEmpty(data) : false;
  const ready = data !== undefined && !isFetching && !isError && (empty || chartDrawnFor === data);

  useEffect(() => {
    if (!onReady) return;
    if (!ready || !data) {
      onReady(null);
      return;
    }
    const cards = cardsRef.current ? Array.from(cardsRef.current.querySelectorAll('.card')) : [];
    onReady({ key: dataUpdatedAt, overview: data, chart: !empty, cardsText: cards.map(cardText) });
  }, [ready, data, dataUpdatedAt, empty, onReady]);

  useEffect(() => () => onReady?.(null), [onReady]);

  const openCard =
    onDrill && data
      ? (id: OverviewCardId, value: string, opener: HTMLElement) =>
          onDrill(overviewCardTarget(id, data, value, report, teamNames), opener)
      : undefined;
  const openCell: OpenCell | undefined =
    onDrill && data
      ? (column, unit, value, opener) => onDrill(cellTarget(column, unit, data, value, report, teamNames), opener)
      : undefined;
  const openBar =
    onDrill && data
      ? (programIndex: number, weekIndex: number) => {
          const program = data.programs[programIndex];
          const week = data.weeks[weekIndex];
          if (!program || !week) return;
          const count = program.throughput[weekIndex] ?? null;
          const target = weekTarget({ level: 'program', id: program.id, name: program.name }, week, count, data, report, teamNames);
          if (target) onDrill(target, null);
        }
      : undefined;

  return (
    <section className="page" data-testid="overview" aria-labelledby="overview-title">
      <header className="page__header">
        <h1 className="page__title" id="overview-title">
          Portfolio overview
        </h1>
        {data ? (
          <p className="page__meta">
            {data.asOf ? `As of ${formatCivilDate(data.asOf)} · ` : ''}
            delivery items, last {data.weeks.length} weeks
          </p>
        ) : null}
        {onOpenDocument ? (
          <button
            type="button"
            className="link-button page__docs-link"
            data-testid="docs-link"
            onClick={(event) => onOpenDocument(event.currentTarget)}
          >
            How is this computed?
          </button>
        ) : null}
      </header>

      {isError ? (
        <ErrorState
          title="The overview could not be loaded."
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={isFetching}
        />
      ) : (
        <>
          <HeadlineCards totals={data?.totals} ref={cardsRef} onOpen={openCard} />
          <MetricCards
            report={report}
            error={metrics.isError ? metrics.error : undefined}
            onRetry={() => void metrics.refetch()}
            retrying={metrics.isFetching}
            onDrill={onDrill}
            teamNames={teamNames}
          />
          {data === undefined ? (
            <div className="panel panel--loading" role="status">
              Loading…
            </div>
          ) : empty ? (
            <div className="panel empty-state" data-testid="overview-empty">
              <p className="empty-state__title">This portfolio has no work items yet.</p>
              <p className="empty-state__text">
                Import the teams’ spreadsheets or tool exports (Jira, Azure DevOps, Rally, or the Throughline template):
                drop them on the window, or use File › Import….
              </p>
              {onImport ? (
                <p>
                  <button type="button" className="button button--primary" onClick={onImport}>
                    Import files…
                  </button>
                </p>
              ) : null}
            </div>
          ) : (
            <>
              <section className="panel" aria-labelledby="throughput-title">
                <h2 className="panel__title" id="throughput-title">
                  Weekly throughput by program
                </h2>
                <ThroughputChart overview={data} onFinished={onChartFinished} onBarClick={openBar} />
              </section>
              <section className="panel panel--flush" aria-labelledby="programs-title">
                <h2 className="panel__title" id="programs-title">
                  By program and team
                </h2>
                <ProgramTable overview={data} onOpenCell={openCell} />
              </section>
            </>
          )}
        </>
      )}
    </section>
  );
}
