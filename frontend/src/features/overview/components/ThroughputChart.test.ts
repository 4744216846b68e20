import { describe, expect, it } from 'vitest';
import { demoOverview } from '../../../testing/fixtures';
import { throughputOption } from './ThroughputChart';

type Formatter = (params: unknown) => HTMLElement;

describe('throughputOption', () => {
  const option = throughputOption(demoOverview);

  it('stacks one bar series per program over the 26 weeks', () => {
    const series = option.series as { type: string; name: string; stack: string; data: unknown[] }[];
    expect(series.map((s) => [s.type, s.name, s.stack])).toEqual([
      ['bar', 'Retail <b>Banking</b>', 'throughput'],
      ['bar', 'Mortgages', 'throughput'],
    ]);
    expect(series[0]?.data).toHaveLength(26);
    const xAxis = option.xAxis as { data: string[] };
    expect(xAxis.data[0]).toBe('W22');
    expect(xAxis.data[25]).toBe('W47');
  });

  it('builds the tooltip from text nodes, so names are never parsed as HTML', () => {
    const formatter = (option.tooltip as { formatter: Formatter }).formatter;
    const node = formatter([
      { seriesName: 'Retail <b>Banking</b>', value: 1200, color: '#4f46e5', dataIndex: 3 },
      { seriesName: 'Mortgages', value: 30, color: '#0ea5e9', dataIndex: 3 },
    ]);
    expect(node.querySelector('b')).toBeNull();
    expect(node.textContent).toContain('2026-W25');
    expect(node.textContent).toContain('Retail <b>Banking</b>1,200');
    expect(node.textContent).toContain('Total1,230');
  });
});
