import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from './payout-fixtures.ts';

/**
 * What a banned collaborator is owed is held: no run pays it until an admin unbans them.
 *
 * Red until claimPayable (fulfillment-run.ts) applies collaboratorNotHeld from
 * src/attribution/model/payable-collaborators.ts: `.where((eb) => collaboratorNotHeld(eb, workspaceId))`.
 */
describe.each(DIALECTS)('a banned collaborator in fulfillment runs on %s', (dialect) => {
  const server = useTestServer(dialect);


  async function setStatus(f: PayoutFixtures, collaboratorId: number, status: 'active' | 'banned') {
    const res = await server.inject({
      method: 'PATCH',
      url: `/api/v1/workspaces/${f.workspaceId}/collaborators/${collaboratorId}`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { status },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  it('fulfillment does not pay a banned collaborator; after the unban the next run pays what was held', async () => {
    const f = await PayoutFixtures.create(server, 'banned-held');
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob', 'bob@example.com');
    await f.referredSale(ada, 'ada-1', 100);
    await f.referredSale(bob, 'bob-1', 50);
    await setStatus(f, ada, 'banned');

    const first = await f.ok('POST', '/fulfillments', { mark_paid: true });
    expect(first.payouts.map((p: any) => [p.collaborator_id, p.amount])).toEqual([[bob, 500]]);
    const held = (await f.obligations()).find((o) => o.collaborator_id === ada)!;
    expect(held).toMatchObject({ status: 'pending', amount: 1000, payout_id: null, fulfillment_id: null });

    await setStatus(f, ada, 'active');
    const second = await f.ok('POST', '/fulfillments', { mark_paid: true });
    expect(second.payouts.map((p: any) => [p.collaborator_id, p.amount, p.obligation_ids])).toEqual([[ada, 1000, [held.id]]]);
  });
});
