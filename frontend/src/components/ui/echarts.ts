// echarts.ts registers the only ECharts parts the app draws with, so the bundle
// carries bar charts on a canvas with grid, tooltip and legend, and nothing else.
// Add a chart or component here when a screen needs it.
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** ChartOption is the option type for the registered parts only; other series do not type-check. */
export type ChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { init, type EChartsType };
