import { useMemo } from 'react';
import { Chart } from '../../../components/ui/Chart';
import type { ChartOption } from '../../../components/ui/echarts';
import { formatCount, formatWeekLabel } from '../../../lib/format';
import type { Overview } from '../api';

/** FONT matches the app's system font stack (a canvas cannot "inherit" it from CSS). */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

/** SERIES_COLOURS: the accent first, then calm hues distinguishable side by side. */
const SERIES_COLOURS = ['#4f46e5', '#0ea5e9', '#14b8a6', '#f59e0b', '#db2777', '#65a30d', '#7c3aed', '#64748b'];

interface AxisTooltipParam {
  seriesName?: string;
  value?: unknown;
  color?: unknown;
  dataIndex?: number;
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * tooltipContent builds the axis tooltip as DOM nodes with textContent, so program names
 * from the data can never be read as HTML (ECharts would insert a string formatter as HTML).
 */
function tooltipContent(weeks: readonly string[], params: AxisTooltipParam[]): HTMLElement {
  const root = el('div', 'chart-tooltip');
  const index = params[0]?.dataIndex ?? 0;
  root.append(el('div', 'chart-tooltip__title', weeks[index] ?? ''));
  let total = 0;
  for (const p of params) {
    const value = typeof p.value === 'number' ? p.value : null;
    if (value !== null) total += value;
    const row = el('div', 'chart-tooltip__row');
    const swatch = el('span', 'chart-tooltip__swatch');
    if (typeof p.color === 'string') swatch.style.backgroundColor = p.color;
    row.append(swatch, el('span', 'chart-tooltip__name', p.seriesName ?? ''), el('span', 'chart-tooltip__value', formatCount(value)));
    root.append(row);
  }
  if (params.length > 1) {
    const row = el('div', 'chart-tooltip__row chart-tooltip__row--total');
    row.append(el('span', 'chart-tooltip__swatch'), el('span', 'chart-tooltip__name', 'Total'), el('span', 'chart-tooltip__value', formatCount(total)));
    root.append(row);
  }
  return root;
}

/** throughputOption is the stacked weekly bar chart: one series per program. */
export function throughputOption(overview: Overview): ChartOption {
  return {
    color: SERIES_COLOURS,
    animationDuration: 400,
    textStyle: { fontFamily: FONT },
    // Keep axis labels and names inside the box (ECharts 6 replacement for containLabel).
    grid: { left: 8, right: 8, top: 44, bottom: 4, outerBoundsMode: 'same' },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 10, itemHeight: 10, textStyle: { color: '#475569' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => tooltipContent(overview.weeks, (Array.isArray(params) ? params : [params]) as AxisTooltipParam[]),
    },
    xAxis: {
      type: 'category',
      data: overview.weeks.map(formatWeekLabel),
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: '#cbd5e1' } },
      axisLabel: { color: '#64748b' },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      name: 'Items done',
      nameTextStyle: { color: '#64748b', align: 'left' },
      axisLabel: { color: '#64748b' },
      splitLine: { lineStyle: { color: '#e2e8f0' } },
    },
    series: overview.programs.map((program) => ({
      type: 'bar',
      name: program.name,
      stack: 'throughput',
      barMaxWidth: 28,
      emphasis: { focus: 'series' },
      data: program.throughput.map((v) => (typeof v === 'number' ? v : null)),
    })),
  };
}

/** ThroughputChartProps: onFinished runs when the chart has drawn this overview. */
export interface ThroughputChartProps {
  overview: Overview;
  onFinished?: () => void;
  /** onBarClick receives the clicked bar's program and week (indexes into overview.programs and .weeks). */
  onBarClick?: (programIndex: number, weekIndex: number) => void;
}

/** ThroughputChart shows delivery items done per ISO week, stacked by program. */
export function ThroughputChart({ overview, onFinished, onBarClick }: ThroughputChartProps) {
  const option = useMemo(() => throughputOption(overview), [overview]);
  const first = overview.weeks[0];
  const last = overview.weeks[overview.weeks.length - 1];
  return (
    <Chart
      option={option}
      onFinished={onFinished}
      onItemClick={onBarClick ? (item) => onBarClick(item.seriesIndex, item.dataIndex) : undefined}
      testId="throughput-chart"
      className="chart--throughput"
      label={`Delivery items done per week by program, ${first ?? ''} to ${last ?? ''}. The table below has the figures.`}
    />
  );
}
