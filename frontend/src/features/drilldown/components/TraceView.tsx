import { useMemo } from 'react';
import { ErrorState } from '../../../components/ui/ErrorState';
import { DEFAULT_ROW_LIMIT, SortableTable, type Column, type SortState } from '../../../components/ui/SortableTable';
import { errorMessage, type MetricTrace, type TraceItem } from '../../../lib/backend';
import type { DrillTrace } from '../../../lib/drilldown';
import { formatCivilDate, formatCivilRange, formatCount, formatDecimal } from '../../../lib/format';
import { useMetricTrace } from '../api';

/** PERIOD_METRICS are the traces whose rows depend on the period (the others on the as-of date only). */
const PERIOD_METRICS: ReadonlySet<string> = new Set([
  'throughput',
  'cycle_time',
  'lead_time',
  'flow_efficiency',
  'deployments',
  'change_failure_rate',
  'time_to_restore',
  'predictability',
]);

function dateCell(value: string) {
  return value ? formatCivilDate(value) : '';
}

const NO_START = 'Done without ever being in progress, so start = done (a data-quality flag)';

/** traceColumns are the item table's columns: the basics, then what the metric adds up. */
export function traceColumns(metric: string, teamNames?: Readonly<Record<number, string>>): Column<TraceItem>[] {
  const date = (id: string, header: string, get: (r: TraceItem) => string): Column<TraceItem> => ({
    id,
    header,
    value: get,
    render: (r) => dateCell(get(r)),
    className: 'col--date',
  });
  const figure = (id: string, header: string, get: (r: TraceItem) => number | null, digits = 0): Column<TraceItem> => ({
    id,
    header,
    value: get,
    numeric: true,
    render: (r) => (get(r) === null ? '' : formatDecimal(get(r), digits)),
    className: 'col--num',
  });

  const columns: Column<TraceItem>[] = [
    { id: 'key', header: 'Key', value: (r) => r.key, className: 'col--key', title: (r) => r.key },
    { id: 'title', header: 'Title', value: (r) => r.title, title: (r) => r.title },
  ];
  if (teamNames) {
    const name = (r: TraceItem) => (r.team_id === null ? '' : (teamNames[r.team_id] ?? `#${r.team_id}`));
    columns.push({ id: 'team', header: 'Team', value: name, className: 'col--team', title: name });
  }
  columns.push(
    { id: 'type', header: 'Type', value: (r) => r.type, className: 'col--type' },
    { id: 'status', header: 'Status', value: (r) => r.status, className: 'col--status', title: (r) => r.status },
  );
  if (metric === 'lead_time' || metric === 'items') columns.push(date('created', 'Created', (r) => r.created));
  columns.push({
    ...date('start', 'Start', (r) => r.start),
    render: (r) =>
      r.no_start ? (
        <>
          {dateCell(r.start)}
          <span className="trace__flag" title={NO_START}>
            *
          </span>
        </>
      ) : (
        dateCell(r.start)
      ),
  });
  columns.push(date('done', 'Done', (r) => r.done), figure('cycle', 'Cycle days', (r) => r.cycle_days));
  if (metric === 'lead_time') columns.push(figure('lead', 'Lead days', (r) => r.lead_days));
  if (metric === 'flow_efficiency') {
    columns.push(
      figure('active', 'Active h', (r) => r.active_hours, 2),
      figure('waiting', 'Waiting h', (r) => r.waiting_hours, 2),
    );
  }
  return columns;
}

const INITIAL_SORT: Record<string, SortState> = {
  cycle_time: { column: 'cycle', direction: 'descending' },
  lead_time: { column: 'lead', direction: 'descending' },
};

function IdList({ label, ids }: { label: string; ids: readonly number[] }) {
  const shown = ids.length > DEFAULT_ROW_LIMIT ? ids.slice(0, DEFAULT_ROW_LIMIT) : ids;
  return (
    <div className="trace__ids">
      <p className="trace__ids-label">
        <strong>{formatCount(ids.length)}</strong> {label}
        {ids.length > shown.length ? ` (showing the first ${formatCount(shown.length)})` : ''}
      </p>
      {shown.length > 0 ? (
        <ul className="id-list" aria-label={`${label}: ids`}>
          {shown.map((id) => (
            <li key={id}>{`#${id}`}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Facts({ trace }: { trace: MetricTrace }) {
  return (
    <dl className="trace__facts">
      <dt>Rule</dt>
      <dd>{trace.rule || 'not given'}</dd>
      {PERIOD_METRICS.has(trace.metric) && trace.from && trace.to ? (
        <>
          <dt>Period</dt>
          <dd>{formatCivilRange(trace.from, trace.to)}</dd>
        </>
      ) : null}
      {trace.as_of ? (
        <>
          <dt>As of</dt>
          <dd>{formatCivilDate(trace.as_of)}</dd>
        </>
      ) : null}
    </dl>
  );
}

function ItemRows({ trace, spec, teamNames }: { trace: MetricTrace; spec: DrillTrace; teamNames?: Readonly<Record<number, string>> }) {
  const all = trace.items ?? [];
  const keep = spec.keepTypes;
  const rows = useMemo(() => (keep ? all.filter((item) => keep.includes(item.type)) : all), [all, keep]);
  const columns = useMemo(() => traceColumns(trace.metric, teamNames), [trace.metric, teamNames]);
  return (
    <>
      <p className="trace__count">
        <strong>{formatCount(rows.length)}</strong> {rows.length === 1 ? 'item' : 'items'}
      </p>
      {keep && spec.keepNote ? (
        <p className="trace__note">{`${spec.keepNote} (${formatCount(rows.length)} of the ${formatCount(all.length)} listed.)`}</p>
      ) : null}
      {rows.length === 0 ? (
        <p className="trace__empty">No items match this rule.</p>
      ) : (
        <SortableTable
          caption="Items behind this figure"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          initialSort={INITIAL_SORT[trace.metric]}
          testId="trace-table"
          rowTestId="trace-row"
          noun="items"
        />
      )}
      {rows.some((r) => r.no_start) ? <p className="trace__note">{`* ${NO_START}.`}</p> : null}
    </>
  );
}

/** TraceView shows one trace: its rule, and the items (or deployment, incident, objective ids) it selects. */
export function TraceView({ spec, teamNames }: { spec: DrillTrace; teamNames?: Readonly<Record<number, string>> }) {
  const query = useMetricTrace(spec.query);
  const { data, isPending, isError, isFetching } = query;

  let body;
  if (isPending) {
    body = (
      <p className="trace__loading" role="status">
        Loading the rows behind this figure…
      </p>
    );
  } else if (isError || !data) {
    body = (
      <ErrorState
        title="The rows behind this figure could not be loaded."
        message={errorMessage(query.error)}
        onRetry={() => void query.refetch()}
        retrying={isFetching}
      />
    );
  } else {
    body = (
      <>
        <Facts trace={data} />
        {data.items !== null ? <ItemRows trace={data} spec={spec} teamNames={teamNames} /> : null}
        {data.items === null && data.metric !== 'time_to_restore' && data.metric !== 'predictability' ? (
          <IdList
            label={data.metric === 'change_failure_rate' ? 'failed production deployments' : 'production deployments'}
            ids={data.deployment_ids}
          />
        ) : null}
        {data.metric === 'predictability' ? <IdList label="PI objectives" ids={data.objective_ids} /> : null}
        {data.metric === 'change_failure_rate' || data.metric === 'time_to_restore' ? (
          // The backend gives one incident list for DORA: those behind time to restore plus
          // those that made a deployment of the period failed.
          <IdList label="incidents (behind time to restore, or making a deployment failed)" ids={data.incident_ids} />
        ) : null}
      </>
    );
  }

  return (
    <section className="trace" aria-label={spec.label ?? 'Rows behind this figure'}>
      {spec.label ? <h3 className="trace__title">{spec.label}</h3> : null}
      {body}
    </section>
  );
}
