import { useLayoutEffect, useRef } from 'react';
import { init, type ChartOption, type EChartsType } from './echarts';

/** ChartProps: option is applied whole (not merged) whenever its identity changes. */
export interface ChartProps {
  option: ChartOption;
  /** label describes the chart for assistive technology (the canvas itself says nothing). */
  label: string;
  testId?: string;
  className?: string;
  /** onFinished runs each time ECharts reports that rendering and animation have finished. */
  onFinished?: () => void;
  /** onItemClick runs when a data item (a bar) is clicked, with its series and index. */
  onItemClick?: (item: ChartItem) => void;
}

/** ChartItem identifies a clicked data item. */
export interface ChartItem {
  seriesIndex: number;
  dataIndex: number;
}

interface ClickParams {
  componentType?: unknown;
  seriesIndex?: unknown;
  dataIndex?: unknown;
}

/** canvasAvailable is false where a 2D canvas cannot be had (jsdom, locked-down renderers). */
function canvasAvailable(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/**
 * Chart hosts one ECharts instance on a canvas: created on mount, resized with its box
 * (ResizeObserver), disposed on unmount. Without a canvas it renders its labelled box only.
 */
export function Chart({ option, label, testId, className, onFinished, onItemClick }: ChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const onFinishedRef = useRef(onFinished);
  const onItemClickRef = useRef(onItemClick);

  useLayoutEffect(() => {
    onFinishedRef.current = onFinished;
    onItemClickRef.current = onItemClick;
  });

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host || !canvasAvailable()) return;
    const chart = init(host, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const handleFinished = () => onFinishedRef.current?.();
    chart.on('finished', handleFinished);
    const handleClick = (params: unknown) => {
      const p = (params ?? {}) as ClickParams;
      if (p.componentType !== 'series' || typeof p.seriesIndex !== 'number' || typeof p.dataIndex !== 'number') return;
      onItemClickRef.current?.({ seriesIndex: p.seriesIndex, dataIndex: p.dataIndex });
    };
    chart.on('click', handleClick);

    let observer: ResizeObserver | undefined;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => {
        if (!chart.isDisposed()) chart.resize();
      });
      observer.observe(host);
    }
    return () => {
      observer?.disconnect();
      chart.off('finished', handleFinished);
      chart.off('click', handleClick);
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  // Declared after the init effect, so on mount the instance exists when the option arrives.
  useLayoutEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={hostRef}
      className={className ? `chart ${className}` : 'chart'}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
