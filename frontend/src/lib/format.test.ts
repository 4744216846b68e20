import { describe, expect, it } from 'vitest';
import {
  NOT_AVAILABLE,
  formatCivilDate,
  formatCivilRange,
  formatCount,
  formatDecimal,
  formatFixed,
  formatPercent,
  formatSigned,
  formatWeekLabel,
  isoWeekDays,
  periodDays,
} from './format';

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

describe('formatPercent', () => {
  it('shows a ratio as a percentage with one decimal', () => {
    expect(formatPercent(0.4788058733413519)).toBe('47.9%');
    expect(formatPercent(0.8)).toBe('80.0%');
    expect(formatPercent(1.1176)).toBe('111.8%');
    expect(formatPercent(0)).toBe('0.0%');
  });

  it('never turns a missing figure into 0', () => {
    expect(formatPercent(null)).toBe('n/a');
    expect(formatPercent(undefined)).toBe('n/a');
    expect(formatPercent(Number.NaN)).toBe('n/a');
  });
});

describe('formatFixed', () => {
  it('always shows the given decimals', () => {
    expect(formatFixed(4.036, 1)).toBe('4.0');
    expect(formatFixed(4, 1)).toBe('4.0');
    expect(formatFixed(null)).toBe('n/a');
  });
});

describe('formatSigned', () => {
  it('writes whole numbers with their sign', () => {
    expect(formatSigned(11.07)).toBe('+11');
    expect(formatSigned(-3.4)).toBe('−3');
    expect(formatSigned(0.2)).toBe('0');
    expect(formatSigned(null)).toBe('n/a');
  });
});

describe('periods', () => {
  it('counts the days of a period, both ends included', () => {
    expect(periodDays('2026-08-23', '2026-11-20')).toBe(90);
    expect(periodDays('2026-11-20', '2026-11-20')).toBe(1);
    expect(periodDays('2026-11-21', '2026-11-20')).toBeNull();
    expect(periodDays('', '2026-11-20')).toBeNull();
    expect(periodDays('2026-02-30', '2026-03-01')).toBeNull();
  });

  it('writes a period once, the year at the end when both dates share it', () => {
    expect(formatCivilRange('2026-08-23', '2026-11-20')).toBe('23 Aug – 20 Nov 2026');
    expect(formatCivilRange('2026-12-30', '2027-01-03')).toBe('30 Dec 2026 – 3 Jan 2027');
    expect(formatCivilRange('2026-11-20', '2026-11-20')).toBe('20 Nov 2026');
  });

  it('finds the Monday and Sunday of an ISO week', () => {
    expect(isoWeekDays('2026-W47')).toEqual({ monday: '2026-11-16', sunday: '2026-11-22' });
    expect(isoWeekDays('2026-W01')).toEqual({ monday: '2025-12-29', sunday: '2026-01-04' });
    // 1 January 2027 is a Friday, so it belongs to 2026-W53.
    expect(isoWeekDays('2026-W53')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(isoWeekDays('2025-W53')).toBeNull();
    expect(isoWeekDays('2026-W00')).toBeNull();
    expect(isoWeekDays('W47')).toBeNull();
  });
});
