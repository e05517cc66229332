import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from './payout-fixtures.ts';

/**
 * Nothing is paid twice. Runs started at the same moment race for the same payable obligations;
 * on PostgreSQL they really run in parallel on separate connections, on SQLite the writer lock
 * serialises them. Either way every obligation must end in exactly one payout.
 */
describe.each(DIALECTS)('concurrent fulfillment runs on %s', (dialect) => {
  const server = useTestServer(dialect);


  it('three runs at once put every payable obligation in exactly one payout, and the payouts add up to what was owed', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const collaborators = [];
    for (let i = 0; i < 8; i += 1) collaborators.push(await f.collaborator(`C${i}`));
    for (const [i, id] of collaborators.entries()) {
      await f.referredSale(id, `race-${i}-a`, 10 + i);
      await f.referredSale(id, `race-${i}-b`, 20 + i);
    }
    const payable = await f.obligations();
    expect(payable.map((o) => o.status)).toEqual(Array(16).fill('pending'));

    const runs = await Promise.all([1, 2, 3].map(() => f.request('POST', '/fulfillments')));
    expect(runs.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const payouts = runs.flatMap((r) => r.json().payouts as Array<{ id: number; amount: number; obligation_ids: number[] }>);

    const items = await f.payoutItems();
    const perObligation = new Map<number, number>();
    for (const item of items) perObligation.set(item.obligation_id, (perObligation.get(item.obligation_id) ?? 0) + 1);
    expect([...perObligation.keys()].sort((a, b) => a - b)).toEqual(payable.map((o) => o.id));
    expect([...perObligation.values()]).toEqual(Array(16).fill(1));
    expect(payouts.flatMap((p) => p.obligation_ids).sort((a, b) => a - b)).toEqual(payable.map((o) => o.id));
    expect(payouts.reduce((sum, p) => sum + p.amount, 0)).toBe(payable.reduce((sum, o) => sum + o.amount, 0));
    expect((await f.obligations()).every((o) => o.payout_id !== null && payouts.some((p) => p.id === o.payout_id))).toBe(true);

    // Paying all of them at once from two requests: each payout is paid by one, the other gets 409.
    const ids = payouts.map((p) => p.id);
    const settle = await Promise.all([f.request('POST', '/payouts/paid', { payout_ids: ids }), f.request('POST', '/payouts/paid', { payout_ids: ids })]);
    expect(settle.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const completed = await f.ok('GET', '/domain-events?limit=200');
    expect(completed.data.filter((e: any) => e.name === 'ObligationCompleted')).toHaveLength(16);
    expect(completed.data.filter((e: any) => e.name === 'PayoutPaid')).toHaveLength(payouts.length);
  });
});
