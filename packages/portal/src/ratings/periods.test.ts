import { describe, expect, it } from 'vitest';
import { averageOf, distributionBucket } from './aggregates.ts';
import { monthsEnding, periodContaining, previousPeriod, totalsKeysOf, totalsOf } from './periods.ts';

describe('rating periods', () => {
  it('finds the month, quarter and year containing a date', () => {
    expect(periodContaining('month', '2024-02-10')).toEqual({
      period: 'month',
      from: '2024-02-01',
      to: '2024-02-29',
      firstMonth: '2024-02-01',
      lastMonth: '2024-02-01',
    });
    expect(periodContaining('quarter', '2025-12-31')).toMatchObject({
      from: '2025-10-01',
      to: '2025-12-31',
      lastMonth: '2025-12-01',
    });
    expect(periodContaining('quarter', '2025-04-01')).toMatchObject({ from: '2025-04-01', to: '2025-06-30' });
    expect(periodContaining('year', '2025-07-04')).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('steps back one period across year ends', () => {
    expect(previousPeriod('quarter', periodContaining('quarter', '2025-02-01')).from).toBe('2024-10-01');
    expect(previousPeriod('month', periodContaining('month', '2025-03-31')).to).toBe('2025-02-28');
    expect(previousPeriod('year', periodContaining('year', '2025-01-01')).from).toBe('2024-01-01');
  });

  it('lists trend months oldest first, across a year end', () => {
    expect(monthsEnding('2025-02-01', 4)).toEqual(['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']);
    expect(monthsEnding('2025-02-01', 1)).toEqual(['2025-02-01']);
  });

  it('names where the totals of a period are kept, and which totals a rating counts in', () => {
    expect(totalsOf(null)).toEqual({ period: 'all' });
    expect(totalsOf(periodContaining('year', '2025-08-01'))).toEqual({ period: '2025' });
    expect(totalsOf(periodContaining('quarter', '2025-08-01'))).toEqual({ period: '2025-Q3' });
    expect(totalsOf(periodContaining('month', '2025-08-31'))).toEqual({ month: '2025-08-01' });
    expect(totalsKeysOf('2025-12-31')).toEqual(['all', '2025', '2025-Q4']);
    expect(totalsKeysOf('2025-01-01')).toEqual(['all', '2025', '2025-Q1']);
  });
});

describe('rating arithmetic', () => {
  it('rounds averages half up to two decimals without float error', () => {
    expect(averageOf(23, 6)).toBe(3.83);
    expect(averageOf(13, 3)).toBe(4.33);
    // 801/200 = 4.005 exactly: half up, where Math.round(4.005 * 100) / 100 gives 4.
    expect(averageOf(801, 200)).toBe(4.01);
    expect(averageOf(0, 0)).toBeNull();
  });

  it('puts a rating in the bucket of its mean rounded half up', () => {
    expect(distributionBucket(9, 2)).toBe(5); // 4.5
    expect(distributionBucket(7, 2)).toBe(4); // 3.5
    expect(distributionBucket(22, 5)).toBe(4); // 4.4
    expect(distributionBucket(6, 4)).toBe(2); // 1.5
    expect(distributionBucket(5, 5)).toBe(1);
  });
});
