import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/lib/clock.ts';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

/** Issue 18 §1: fraud rules per program (allow | flag | block) and the review queue, on both databases. */
describe.each(DIALECTS)('fraud rules on %s', (dialect) => {
  const clock = new ManualClock();
  const server = useTestServer(dialect, {}, { clock });

  async function sale(f: PayoutFixtures, collaboratorId: number, externalId: string, buyer: { email?: string; userId?: string } = {}) {
    const visit = await f.event('site-visited', { collaboratorId });
    expect(visit.statusCode, visit.body).toBe(200);
    const res = await f.event('sale', { source: 'shop', externalId, total: 100, currency: 'USD', trackingId: Number(visit.headers['x-siren-oid']), ...buyer });
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers['x-event-id']);
  }
  const saleLog = async (f: PayoutFixtures) =>
    (await f.db.selectFrom('domain_events').select(['name', 'payload']).where('workspace_id', '=', f.workspaceId).orderBy('id').execute()).map((e) => e.name);

  it('flags a self-referral for review: no approval on payment, listed in the queue; approve pays it, reject cancels it', async () => {
    const f = await PayoutFixtures.create(server, 'fraud-flag');
    await f.program(1000, { fraud_rules: { self_referral: 'flag' } });
    const ada = await f.collaborator('Ada', 'ada@example.com');
    await sale(f, ada, 'self-1', { email: 'Ada@Example.com' });
    await sale(f, ada, 'other-1', { email: 'carol@example.com' });

    const names = await saleLog(f);
    const firstSale = names.slice(names.indexOf('SaleTriggered'), names.indexOf('SaleTriggered', names.indexOf('SaleTriggered') + 1) - 2);
    expect(firstSale.slice(-3)).toEqual(['ObligationIssued', 'ConversionFlagged', 'TransactionCompleted']);
    const obligations = await f.obligations();
    expect(obligations.map((o) => o.status)).toEqual(['flagged', 'pending']);

    const queue = await f.ok('GET', '/fraud-review');
    expect(queue.data).toHaveLength(1);
    expect(queue.data[0]).toMatchObject({ status: 'pending', fraud_reasons: ['self_referral'], collaborator_id: ada });
    // A run pays only the clean sale.
    expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts.map((p: any) => p.amount)).toEqual([1000]);

    await f.ok('POST', `/conversions/${queue.data[0].id}/approve`, {});
    expect((await f.obligations())[0]).toMatchObject({ status: 'pending' });
    expect((await f.ok('GET', '/fraud-review')).data).toEqual([]);
    expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts.map((p: any) => p.amount)).toEqual([1000]);

    await sale(f, ada, 'self-2', { email: 'ada@example.com' });
    const [flagged] = (await f.ok('GET', '/fraud-review')).data;
    await f.ok('POST', `/conversions/${flagged.id}/reject`, {});
    expect((await f.obligations()).at(-1)).toMatchObject({ status: 'cancelled' });
  });

  it('blocks a self-referral by user id: no commission, and the log says why', async () => {
    const f = await PayoutFixtures.create(server, 'fraud-block');
    await f.program(1000, { fraud_rules: { self_referral: 'block' } });
    const ada = (await f.ok('POST', '/collaborators', { name: 'Ada', user_id: 'cust-ada' })).id;
    await sale(f, ada, 'block-1', { userId: 'cust-ada' });
    expect(await f.obligations()).toEqual([]);
    const blocked = await f.db.selectFrom('domain_events').select('payload').where('workspace_id', '=', f.workspaceId).where('name', '=', 'CommissionBlocked').executeTakeFirstOrThrow();
    expect(JSON.parse(blocked.payload)).toMatchObject({ collaboratorId: ada, reasons: ['self_referral'] });
  });

  it('flags a sale that came faster than the program allows after the referral, not one that came later', async () => {
    const f = await PayoutFixtures.create(server, 'fraud-fast');
    await f.program(1000, { fraud_rules: { fast_conversion: { action: 'flag', seconds: 3600 } } });
    const ada = await f.collaborator('Ada');
    await sale(f, ada, 'fast-1');
    const visit = await f.event('site-visited', { collaboratorId: ada });
    clock.advance(2 * 3600 * 1000);
    const slow = await f.event('sale', { source: 'shop', externalId: 'slow-1', total: 100, currency: 'USD', trackingId: Number(visit.headers['x-siren-oid']) });
    expect(slow.statusCode, slow.body).toBe(200);
    expect((await f.obligations()).map((o) => o.status)).toEqual(['flagged', 'pending']);
  });

  it('flags a customer another collaborator already referred; allow (the default) changes nothing', async () => {
    const f = await PayoutFixtures.create(server, 'fraud-referred');
    await f.program(1000, { fraud_rules: { already_referred: 'flag', own_coupon: 'allow' } });
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob', 'bob@example.com');
    await sale(f, bob, 'ref-1', { userId: 'cust-1' });
    await sale(f, ada, 'ref-2', { userId: 'cust-1' });
    await sale(f, ada, 'ref-3', { userId: 'cust-2' });
    expect((await f.obligations()).map((o) => [o.collaborator_id, o.status])).toEqual([
      [bob, 'pending'],
      [ada, 'flagged'],
      [ada, 'pending'],
    ]);
    expect((await f.ok('GET', `/fraud-review?collaborator_id=${ada}`)).data.map((c: any) => c.fraud_reasons)).toEqual([['already_referred']]);
  });

  it('validates fraud rules, listing every field', async () => {
    const f = await PayoutFixtures.create(server, 'fraud-validate');
    const res = await f.request('POST', '/programs', {
      name: 'X',
      incentive: { type: 'percent', basis_points: 100 },
      fraud_rules: { self_referral: 'maybe', fast_conversion: { action: 'flag' }, unknown_rule: 'flag' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.data.fields.map((e: any) => e.field).sort();
    expect(fields).toEqual(['fraud_rules.fast_conversion.seconds', 'fraud_rules.self_referral', 'fraud_rules.unknown_rule']);
    const program = await f.ok('POST', '/programs', { name: 'Y', incentive: { type: 'percent', basis_points: 100 }, fraud_rules: { own_coupon: 'block' } });
    expect(program.fraud_rules).toEqual({ own_coupon: 'block' });
    expect((await f.request('GET', '/fraud-review?program_id=x')).statusCode).toBe(400);
  });
});
