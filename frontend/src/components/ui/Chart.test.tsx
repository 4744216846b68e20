import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Chart } from './Chart';
import type { ChartOption } from './echarts';

const fake = vi.hoisted(() => ({
  init: vi.fn(),
  chart: {
    on: vi.fn(),
    off: vi.fn(),
    setOption: vi.fn(),
    resize: vi.fn(),
    dispose: vi.fn(),
    isDisposed: () => false,
  },
}));
vi.mock('./echarts', () => ({ init: fake.init }));

const option: ChartOption = { series: [{ type: 'bar', data: [1, 2, 3] }] };

describe('Chart', () => {
  it('skips ECharts where there is no canvas, keeping its labelled box', () => {
    render(<Chart option={option} label="Throughput" testId="c" />);
    expect(fake.init).not.toHaveBeenCalled();
    expect(screen.getByRole('img', { name: 'Throughput' })).toBe(screen.getByTestId('c'));
  });

  it('draws the option, follows its box and disposes on unmount', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D);
    const observe = vi.fn();
    const disconnect = vi.fn();
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe = observe;
        disconnect = disconnect;
        unobserve = vi.fn();
      },
    );
    fake.init.mockReturnValue(fake.chart);
    const onFinished = vi.fn();

    const { unmount, rerender } = render(<Chart option={option} label="Throughput" testId="c" onFinished={onFinished} />);
    expect(fake.init).toHaveBeenCalledWith(screen.getByTestId('c'), undefined, { renderer: 'canvas' });
    expect(fake.chart.setOption).toHaveBeenCalledWith(option, { notMerge: true });
    expect(observe).toHaveBeenCalledWith(screen.getByTestId('c'));

    const [event, handler] = fake.chart.on.mock.calls[0] as [string, () => void];
    expect(event).toBe('finished');
    handler();
    expect(onFinished).toHaveBeenCalledTimes(1);

    const next: ChartOption = { series: [{ type: 'bar', data: [4] }] };
    rerender(<Chart option={next} label="Throughput" testId="c" onFinished={onFinished} />);
    expect(fake.chart.setOption).toHaveBeenLastCalledWith(next, { notMerge: true });
    expect(fake.init).toHaveBeenCalledTimes(1);

    unmount();
    expect(disconnect).toHaveBeenCalled();
    expect(fake.chart.off).toHaveBeenCalledWith('finished', handler);
    expect(fake.chart.dispose).toHaveBeenCalled();
  });
});
