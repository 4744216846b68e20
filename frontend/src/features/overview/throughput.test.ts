import { describe, expect, it } from 'vitest';
import { isOverLimit, recentMean, unitMean } from './throughput';

describe('recentMean', () => {
  it('averages the last 12 weeks', () => {
    const weeks = [100, 100, ...Array.from({ length: 12 }, (_, i) => i + 1)];
    expect(recentMean(weeks)).toBe(6.5);
  });

  it('skips weeks that could not be computed and is null when none remain', () => {
    expect(recentMean([2, null, 4])).toBe(3);
    expect(recentMean([null, null])).toBeNull();
    expect(recentMean([])).toBeNull();
  });
});

describe('isOverLimit', () => {
  it('is true only above a limit that is set', () => {
    expect(isOverLimit(12, 10)).toBe(true);
    expect(isOverLimit(10, 10)).toBe(false);
    expect(isOverLimit(12, 0)).toBe(false);
    expect(isOverLimit(null, 10)).toBe(false);
    expect(isOverLimit(12, null)).toBe(false);
  });
});

describe('unitMean', () => {
  it("prefers the backend's figure, null included, and derives it when absent", () => {
    expect(unitMean({ throughput: [1, 2, 3], throughputLast12Weeks: 7.5 })).toBe(7.5);
    expect(unitMean({ throughput: [1, 2, 3], throughputLast12Weeks: null })).toBeNull();
    expect(unitMean({ throughput: [1, 2, 3] })).toBe(2);
  });
});
