import { useCallback, useEffect, useRef, useState } from 'react';
import { cardText } from '../../../components/ui/Card';
import { ErrorState } from '../../../components/ui/ErrorState';
import { errorMessage } from '../../../lib/backend';
import { formatCivilDate } from '../../../lib/format';
import { useOverview, type Overview } from '../api';
import { HeadlineCards } from './HeadlineCards';
import { ProgramTable } from './ProgramTable';
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

/** OverviewScreenProps: onReady receives the rendered state, or null while not ready. */
export interface OverviewScreenProps {
  onReady?: (ready: OverviewReady | null) => void;
}

function isEmpty(overview: Overview): boolean {
  return !overview.totals.items && overview.programs.length === 0;
}

/** OverviewScreen is the portfolio overview: headline cards, weekly throughput, programs and teams. */
export function OverviewScreen({ onReady }: OverviewScreenProps) {
  const query = useOverview();
  const { data, dataUpdatedAt, isFetching, isError } = query;
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
          <HeadlineCards totals={data?.totals} ref={cardsRef} />
          {data === undefined ? (
            <div className="panel panel--loading" role="status">
              Loading…
            </div>
          ) : empty ? (
            <div className="panel empty-state" data-testid="overview-empty">
              <p className="empty-state__title">This portfolio has no work items yet.</p>
              <p className="empty-state__text">
                Importing team spreadsheets comes in a later version of Throughline.
              </p>
            </div>
          ) : (
            <>
              <section className="panel" aria-labelledby="throughput-title">
                <h2 className="panel__title" id="throughput-title">
                  Weekly throughput by program
                </h2>
                <ThroughputChart overview={data} onFinished={onChartFinished} />
              </section>
              <section className="panel panel--flush" aria-labelledby="programs-title">
                <h2 className="panel__title" id="programs-title">
                  By program and team
                </h2>
                <ProgramTable overview={data} />
              </section>
            </>
          )}
        </>
      )}
    </section>
  );
}
