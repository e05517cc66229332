import { describe, expect, it } from 'vitest';
import type { ReportRow } from '../../console/src/api/types.ts';
import { formatAmounts, parseAmounts } from '../../console/src/lib/amounts.ts';
import { currenciesOf, daysBetween, earningsSeries } from '../../console/src/lib/earnings.ts';
import { programsEarningFor } from '../../console/src/lib/earns-in.ts';

const money = (currency: string, earned: number, paid = 0) => ({ currency, revenue: 0, earned, draft: 0, flagged: 0, hold: 0, pending: 0, paid, refunded: 0, clawed_back: 0 });
const row = (collaborator_id: number, day: string, ...amounts: ReturnType<typeof money>[]): ReportRow => ({ collaborator_id, day, visits: 0, leads: 0, sales: 0, amounts });
const range = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-04T00:00:00.000Z' };
const byPartner = (r: ReportRow) => r.collaborator_id!;

describe('earnings charts', () => {
  it('lists every UTC day of a range, the end excluded, quiet days included', () => {
    expect(daysBetween(range.from, range.to)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(daysBetween('2026-11-01T12:00:00Z', '2026-11-02T06:00:00Z')).toEqual(['2026-11-01', '2026-11-02']);
  });

  it('draws one line per partner of one currency, zeros on quiet days, biggest total first', () => {
    const rows = [row(1, '2026-11-01', money('USD', 100)), row(2, '2026-11-02', money('USD', 500), money('EUR', 900)), row(1, '2026-11-03', money('USD', 50))];
    expect(currenciesOf(rows)).toEqual(['EUR', 'USD']);
    const series = earningsSeries(rows, byPartner, range, 'USD', 'earned');
    expect(series.at).toEqual([Date.parse('2026-11-01T00:00:00Z') / 1000, Date.parse('2026-11-02T00:00:00Z') / 1000, Date.parse('2026-11-03T00:00:00Z') / 1000]);
    expect(series.lines).toEqual([
      { id: 2, values: [0, 500, 0], total: 500 },
      { id: 1, values: [100, 0, 50], total: 150 },
    ]);
    // Another measure, another currency: never mixed.
    expect(earningsSeries(rows, byPartner, range, 'EUR', 'earned').lines).toEqual([{ id: 2, values: [0, 900, 0], total: 900 }]);
    expect(earningsSeries(rows, byPartner, range, 'USD', 'paid').lines).toEqual([]);
  });

  it('sums the partners past the line limit into one line, so the total stays right', () => {
    const rows = [1, 2, 3, 4].map((id) => row(id, '2026-11-02', money('USD', id * 100)));
    const series = earningsSeries(rows, byPartner, range, 'USD', 'earned', 3);
    expect(series.lines.map((line) => [line.id, line.total])).toEqual([
      [4, 400],
      [3, 300],
      [null, 300],
    ]);
    expect(series.lines[2]!.values).toEqual([0, 300, 0]);
  });
});

describe('per-currency amounts as text', () => {
  it('reads and writes “USD 500, EUR 450” as integer minor units', () => {
    expect(parseAmounts('USD 500, eur:450')).toEqual({ amounts: { USD: 500, EUR: 450 } });
    expect(formatAmounts({ USD: 500, EUR: 450 })).toBe('USD 500, EUR 450');
    expect(parseAmounts(formatAmounts({ JPY: 700 }))).toEqual({ amounts: { JPY: 700 } });
  });

  it('refuses a bad entry, a repeated currency and an empty list with the reason', () => {
    expect(parseAmounts('USD 5.00')).toEqual({ error: '“USD 5.00” is not a currency and an amount in minor units, like “USD 500”' });
    expect(parseAmounts('USD 1, usd 2')).toEqual({ error: 'USD appears twice' });
    expect(parseAmounts(' , ')).toEqual({ error: 'name at least one currency and amount, like “USD 500”' });
  });
});

describe('the programs a partner earns in', () => {
  const programs = [
    { id: 1, status: 'active', enrollment: 'open' },
    { id: 2, status: 'active', enrollment: 'approval' },
    { id: 3, status: 'active', enrollment: 'invite' },
    { id: 4, status: 'inactive', enrollment: 'open' },
  ];

  it('counts open programs and approved enrollments of active programs only', () => {
    const enrollments = [
      { program_id: 2, status: 'approved' },
      { program_id: 3, status: 'invited' },
    ];
    expect(programsEarningFor('active', programs, enrollments).map((p) => p.id)).toEqual([1, 2]);
    expect(programsEarningFor('active', programs, []).map((p) => p.id)).toEqual([1]);
  });

  it('counts none for a partner who is not active', () => {
    expect(programsEarningFor('banned', programs, [{ program_id: 2, status: 'approved' }])).toEqual([]);
    expect(programsEarningFor('inactive', programs, [])).toEqual([]);
  });
});
