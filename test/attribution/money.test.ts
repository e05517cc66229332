import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divideHalfEven, MoneyError, percentOf, proRata, toMinorUnits } from '../../src/attribution/model/money.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { AttributionFixtures } from './fixtures/attribution-fixtures.ts';

describe('money arithmetic', () => {
  it('converts major units to minor units through their decimal text, never by float multiplication', () => {
    expect(toMinorUnits(49.99, 'USD')).toBe(4999);
    expect(toMinorUnits(0.29, 'USD')).toBe(29);
    expect(toMinorUnits(1.005, 'KWD')).toBe(1005);
    expect(toMinorUnits('1.10', 'USD')).toBe(110);
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(toMinorUnits('12.500', 'USD')).toBe(1250);
  });

  it('refuses more decimals than the currency has, negatives and exponents', () => {
    expect(() => toMinorUnits(1.5, 'JPY')).toThrow(MoneyError);
    expect(() => toMinorUnits(1.0001, 'BHD')).toThrow(MoneyError);
    expect(() => toMinorUnits(-1, 'USD')).toThrow(MoneyError);
    expect(() => toMinorUnits(1e21, 'USD')).toThrow(MoneyError);
  });

  it('reads a float a few steps from a whole number of cents (a shop adding prices in floats) as that amount', () => {
    expect(toMinorUnits(0.1 + 0.2, 'USD')).toBe(30);
    expect(toMinorUnits(3 * 19.99, 'USD')).toBe(5997);
    expect(toMinorUnits(1.1 * 3, 'KWD')).toBe(3300);
    expect(toMinorUnits(0.7 + 0.1 + 0.1 + 0.1, 'JPY')).toBe(1);
    // Real sub-cent amounts stay refused, and text is exact: no tolerance for a string.
    expect(() => toMinorUnits(19.995, 'USD')).toThrow(MoneyError);
    expect(() => toMinorUnits(0.301, 'USD')).toThrow(MoneyError);
    expect(() => toMinorUnits('0.30000000000000004', 'USD')).toThrow(MoneyError);
  });

  it('rounds half to even, once', () => {
    expect(divideHalfEven(5n, 2n)).toBe(2n);
    expect(divideHalfEven(7n, 2n)).toBe(4n);
    expect(divideHalfEven(-5n, 2n)).toBe(-2n);
    // 12.5 % of 1.00 = 12.5 cents → 12; of 3.00 = 37.5 → 38.
    expect(percentOf(100, 1250)).toBe(12);
    expect(percentOf(300, 1250)).toBe(38);
    expect(proRata(1001, 1, 2)).toBe(500);
    expect(proRata(1003, 1, 2)).toBe(502);
  });
});

describe.each(DIALECTS)('commissions and refunds in minor units on %s', (dialect) => {
  let server: TestServer;
  let f: AttributionFixtures;
  let collaboratorId: number;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    f = await AttributionFixtures.create(server);
    await f.program({ incentive_bps: 1250 });
    collaboratorId = await f.collaborator();
  });
  afterAll(() => server?.close());

  async function sale(externalId: string, body: Record<string, unknown>) {
    const oid = await f.visit(collaboratorId);
    const res = await f.send('sale', { source: 'shop', externalId, trackingId: oid, ...body });
    expect(res.statusCode).toBe(200);
    const conversion = (await f.conversions()).find((c) => c.opportunity_id === oid)!;
    const obligations = async () => (await f.obligations()).filter((o) => o.conversion_id === conversion.id);
    return { conversion, obligations };
  }

  it('stores a JPY sale (no minor unit) and a KWD sale (three decimals) exactly, items as amount × quantity', async () => {
    const yen = await sale('jpy-1', { total: 1999, currency: 'JPY', items: [{ name: 'Tea', amount: 999, quantity: 2 }, { name: 'Cup', amount: 1 }] });
    expect(yen.conversion).toMatchObject({ amount: 250, currency: 'JPY' });
    const dinar = await sale('kwd-1', { total: '10.125', currency: 'kwd' });
    expect(dinar.conversion).toMatchObject({ amount: 1266, currency: 'KWD' });
    const stored = (await f.transactions()).find((t) => t.external_id === 'jpy-1')!;
    expect(JSON.parse(stored.items)).toEqual([
      { externalId: null, name: 'Tea', quantity: 2, amount: 999 },
      { externalId: null, name: 'Cup', quantity: 1, amount: 1 },
    ]);
  });

  it('reduces an unpaid obligation pro rata on a partial refund, rounding half-even from the totals', async () => {
    const { conversion, obligations } = await sale('partial-1', { total: '100.01' });
    expect(conversion.amount).toBe(1250);
    const first = await f.send('refund', { source: 'shop', externalId: 'partial-1', amount: '50.00', refundId: 'r1' });
    expect(first.statusCode).toBe(200);
    expect(await f.log(first.headers['x-event-id'] as string)).toEqual(['RefundTriggered']);
    // 1250 × 5001 / 10001 = 625.06… → 625
    expect((await obligations()).map((o) => [o.status, o.amount])).toEqual([['pending', 625]]);
    const second = await f.send('refund', { source: 'shop', externalId: 'partial-1', amount: 50.01, refundId: 'r2' });
    expect(await f.log(second.headers['x-event-id'] as string)).toEqual(['RefundTriggered', 'ConversionRejected']);
    expect((await obligations()).map((o) => o.status)).toEqual(['cancelled']);
  });

  it('takes a float-noisy total as its cents, and refuses a currency that is not ISO 4217 with 400 naming the field', async () => {
    const noisy = await sale('float-1', { total: 3 * 19.99 });
    expect(noisy.conversion).toMatchObject({ currency: 'USD' });
    const [transaction] = await server.runtime.services.db.kysely
      .selectFrom('attribution_transactions' as never)
      .select(['total' as never])
      .where('external_id' as never, '=', 'float-1' as never)
      .execute();
    expect(transaction).toEqual({ total: 5997 });
    for (const currency of ['ZZZ', 'xxx', 'EURO']) {
      const res = await f.send('sale', { source: 'shop', externalId: `cur-${currency}`, total: 1, currency });
      expect(res.statusCode, currency).toBe(400);
      expect(res.json().error.data.fields.map((field: { field: string }) => field.field)).toContain('currency');
    }
    expect((await f.send('sale', { source: 'shop', externalId: 'cur-lower', total: 1, currency: 'eur' })).statusCode).toBe(200);
  });

  it('answers 422 refund_exceeds_sale for a refund larger than what is left, and 400 for too many decimals', async () => {
    await sale('too-much', { total: 10 });
    const over = await f.send('refund', { source: 'shop', externalId: 'too-much', amount: 10.01 });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('refund_exceeds_sale');
    const precise = await f.send('refund', { source: 'shop', externalId: 'too-much', amount: '1.001' });
    expect(precise.statusCode).toBe(400);
    expect(precise.json().error.data.fields).toEqual([{ field: 'amount', message: expect.stringContaining('decimal') }]);
  });

  it('refuses a new refund of a sale refunded in full with 422, and answers a repeat of the full refund 200', async () => {
    await sale('all-gone', { total: 10 });
    expect((await f.send('refund', { source: 'shop', externalId: 'all-gone' })).statusCode).toBe(200);
    // "Refund what is left" again: nothing is left, nothing happens.
    expect((await f.send('refund', { source: 'shop', externalId: 'all-gone', refundId: 'again' })).statusCode).toBe(200);
    const more = await f.send('refund', { source: 'shop', externalId: 'all-gone', amount: 1, refundId: 'r-2' });
    expect(more.statusCode).toBe(422);
    expect(more.json().error.code).toBe('refund_exceeds_sale');
    const zero = await f.send('refund', { source: 'shop', externalId: 'all-gone', amount: 0, refundId: 'r-3' });
    expect(zero.statusCode).toBe(200);
  });

  it('turns a refund after payout into a negative balance, never clawing back more than was paid', async () => {
    const { obligations } = await sale('paid-1', { total: 80 });
    // The payout run (issue 6) marks obligations complete; here the row is set as it would.
    const [paid] = await obligations();
    await f.db.updateTable('obligations').set({ status: 'complete' }).where('id', '=', paid!.id).execute();
    await f.send('refund', { source: 'shop', externalId: 'paid-1', amount: 20, refundId: 'a' });
    let rows = await obligations();
    expect(rows.map((o) => [o.kind, o.status, o.amount])).toEqual([
      ['commission', 'complete', 1000],
      ['clawback', 'pending', -250],
    ]);
    const full = await f.send('refund', { source: 'shop', externalId: 'paid-1', refundId: 'b' });
    expect(await f.log(full.headers['x-event-id'] as string)).toEqual(['RefundTriggered', 'ConversionRejected']);
    rows = await obligations();
    expect(rows.map((o) => [o.kind, o.amount])).toEqual([
      ['commission', 1000],
      ['clawback', -250],
      ['clawback', -750],
    ]);
    expect(rows.reduce((sum, o) => sum + o.amount, 0)).toBe(0);
  });
});
