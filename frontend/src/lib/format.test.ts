import { describe, expect, it } from 'vitest';
import { NOT_AVAILABLE, formatCivilDate, formatCount, formatDecimal, formatWeekLabel } from './format';

describe('formatCount', () => {
  it('groups thousands the en-GB way', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(200000)).toBe('200,000');
    expect(formatCount(1500000)).toBe('1,500,000');
  });

  it('shows n/a for values that could not be computed', () => {
    expect(NOT_AVAILABLE).toBe('n/a');
    expect(formatCount(null)).toBe('n/a');
    expect(formatCount(undefined)).toBe('n/a');
    expect(formatCount(Number.NaN)).toBe('n/a');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('n/a');
  });
});

describe('formatDecimal', () => {
  it('keeps at most the given decimals, with grouping', () => {
    expect(formatDecimal(41.25, 1)).toBe('41.3');
    expect(formatDecimal(40, 1)).toBe('40');
    expect(formatDecimal(12345.67, 1)).toBe('12,345.7');
    expect(formatDecimal(0.5)).toBe('0.5');
  });

  it('shows n/a for null', () => {
    expect(formatDecimal(null)).toBe('n/a');
  });
});

describe('formatCivilDate', () => {
  it('writes the civil date without any time-zone shift', () => {
    expect(formatCivilDate('2026-11-20')).toBe('20 Nov 2026');
    expect(formatCivilDate('2026-09-01')).toBe('1 Sep 2026');
    expect(formatCivilDate('2027-01-01')).toBe('1 Jan 2027');
  });

  it('returns anything else unchanged', () => {
    expect(formatCivilDate('')).toBe('');
    expect(formatCivilDate('2026-13-01')).toBe('2026-13-01');
    expect(formatCivilDate('yesterday')).toBe('yesterday');
  });
});

describe('formatWeekLabel', () => {
  it('shortens ISO weeks for axis labels', () => {
    expect(formatWeekLabel('2026-W22')).toBe('W22');
    expect(formatWeekLabel('2027-W01')).toBe('W01');
    expect(formatWeekLabel('week 3')).toBe('week 3');
  });
});
