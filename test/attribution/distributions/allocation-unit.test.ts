import { describe, expect, it } from 'vitest';
import { allocatePool, lastClosedPeriod, normalizeDecimal, periodEnd, periodStart, sumDecimals } from '../../../src/attribution/distributions/index.ts';

describe('largest-remainder allocation', () => {
  it('shares always sum to exactly the pool', () => {
    for (const pool of [1, 7, 100, 1001, 999_999]) {
      for (const metrics of [['1', '1', '1'], ['0.1', '0.2', '0.3', '0.4'], ['3', '7'], ['1', '0', '2.5'], ['123456789.123', '1']]) {
        const shares = allocatePool(
          pool,
          metrics.map((metricValue, i) => ({ collaboratorId: i + 1, metricValue })),
        );
        expect(shares.reduce((sum, s) => sum + s.amount, 0)).toBe(pool);
        expect(shares.every((s) => Number.isInteger(s.amount) && s.amount >= 0)).toBe(true);
      }
    }
  });

  it('gives the leftover unit to the largest remainder, then the larger metric, then the lower collaborator id', () => {
    expect(allocatePool(100, [{ collaboratorId: 9, metricValue: '1' }, { collaboratorId: 3, metricValue: '1' }, { collaboratorId: 5, metricValue: '1' }]).map((s) => [s.collaboratorId, s.amount])).toEqual([
      [3, 34],
      [5, 33],
      [9, 33],
    ]);
    // 2 split 1 : 3 → 0.5, 1.5: floors 0, 1 and equal remainders; the larger metric gets the unit,
    // and the share left at nothing is left out.
    expect(allocatePool(2, [{ collaboratorId: 1, metricValue: '1' }, { collaboratorId: 2, metricValue: '3' }]).map((s) => [s.collaboratorId, s.amount])).toEqual([[2, 2]]);
  });

  it('leaves out zero metrics and allocates nothing when the metric total is zero', () => {
    expect(allocatePool(100, [{ collaboratorId: 1, metricValue: '0' }, { collaboratorId: 2, metricValue: '2' }])).toEqual([{ collaboratorId: 2, metricValue: '2', amount: 100 }]);
    expect(allocatePool(100, [{ collaboratorId: 1, metricValue: '0' }])).toEqual([]);
  });
});

describe('metric decimals and periods', () => {
  it('adds decimal text exactly, where floats would not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['99999999999999999999', '1'])).toBe('100000000000000000000');
    expect(normalizeDecimal('007.500')).toBe('7.5');
    expect(normalizeDecimal(12)).toBe('12');
    expect(() => normalizeDecimal('-1')).toThrow();
  });

  it('computes UTC daily, ISO-weekly and monthly periods', () => {
    const at = Date.parse('2026-03-04T15:00:00Z'); // a Wednesday
    expect(new Date(periodStart('daily', at)).toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(new Date(periodStart('weekly', at)).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(new Date(periodEnd('monthly', periodStart('monthly', at))).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    const last = lastClosedPeriod('monthly', at);
    expect([new Date(last.start).toISOString(), new Date(last.end).toISOString()]).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });
});
