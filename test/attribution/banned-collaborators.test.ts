import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer } from '../support/harness.ts';
import { PayoutFixtures } from './fulfillment/payout-fixtures.ts';
import { STANDARD_SALE_AFTER_VISIT } from './fixtures/attribution-fixtures.ts';

/** A banned collaborator earns nothing new, and what they were owed is held until an admin decides. */
describe.each(DIALECTS)('banned collaborators on %s', (dialect) => {
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

  async function visit(f: PayoutFixtures, collaboratorId: number, userId?: string): Promise<number> {
    const res = await f.event('site-visited', { collaboratorId, ...(userId === undefined ? {} : { userId }) });
    expect(res.statusCode, res.body).toBe(200);
    return Number(res.headers['x-siren-oid']);
  }

  async function sale(f: PayoutFixtures, body: Record<string, unknown>) {
    const res = await f.event('sale', { source: 'shop', total: 100, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return { eventId: String(res.headers['x-event-id']), oid: res.headers['x-siren-oid'] };
  }

  const conversions = (f: PayoutFixtures) => f.db.selectFrom('conversions').selectAll().where('workspace_id', '=', f.workspaceId).orderBy('id').execute();

  it('a sale after the ban, through a visit made before it, creates no conversion: the sale is stored unreferred for them', async () => {
    const f = await PayoutFixtures.create(server, 'banned-sale');
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    const oid = await visit(f, ada);
    await setStatus(f, ada, 'banned');
    const { eventId } = await sale(f, { externalId: 'after-ban', trackingId: oid });
    expect(await f.log(eventId)).toEqual(['SaleTriggered', 'TransactionCreateRequested', 'TransactionCreated', 'ConversionInitialized', 'TransactionCompleted']);
    expect(await conversions(f)).toEqual([]);
    expect(await f.obligations()).toEqual([]);
  });

  it('with a known customer, the eligible collaborator the attribution model ranks next wins instead of the banned last touch', async () => {
    const f = await PayoutFixtures.create(server, 'banned-next');
    await f.program(1000);
    const [ada, bob] = [await f.collaborator('Ada'), await f.collaborator('Bob', 'bob@example.com')];
    await visit(f, bob, 'cust-1');
    const adaOid = await visit(f, ada, 'cust-1');
    await setStatus(f, ada, 'banned');
    const { eventId } = await sale(f, { externalId: 'next-touch', trackingId: adaOid, userId: 'cust-1' });
    expect(await f.log(eventId)).toEqual(STANDARD_SALE_AFTER_VISIT);
    expect((await conversions(f)).map((c) => [c.collaborator_id, c.amount, c.status])).toEqual([[bob, 1000, 'approved']]);
    // After an unban, Ada's engagement (never used up) can earn a later sale again.
    await setStatus(f, ada, 'active');
    await sale(f, { externalId: 'after-unban', trackingId: adaOid });
    expect((await conversions(f)).map((c) => c.collaborator_id)).toEqual([bob, ada]);
  });

  it('a lead after the ban earns the banned collaborator nothing', async () => {
    const f = await PayoutFixtures.create(server, 'banned-lead');
    await f.program(1000, { lead_incentive: { amount: 250, currency: 'USD' } });
    const ada = await f.collaborator('Ada');
    const oid = await visit(f, ada);
    await setStatus(f, ada, 'banned');
    const res = await f.event('lead', { source: 'form', externalId: 'lead-1', trackingId: oid });
    expect(res.statusCode).toBe(200);
    expect(await f.log(String(res.headers['x-event-id']))).toEqual(['LeadTriggered', 'ConversionInitialized']);
    expect(await conversions(f)).toEqual([]);
  });

  it('a renewal after the ban says RenewalNotAwarded with reason collaborator_banned', async () => {
    const f = await PayoutFixtures.create(server, 'banned-renewal');
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await sale(f, { externalId: 'first', trackingId: await visit(f, ada) });
    await setStatus(f, ada, 'banned');
    const res = await f.event('renewal', { source: 'shop', externalId: 'renewal-1', originalExternalId: 'first', total: 100 });
    expect(res.statusCode).toBe(200);
    const entries = await f.logEntries(String(res.headers['x-event-id']));
    expect(entries.map((e) => e.name)).toEqual(['RenewalTriggered', 'ConversionRenewed', 'RenewalNotAwarded', 'TransactionCompleted']);
    expect(entries[2]!.payload).toMatchObject({ reason: 'collaborator_banned', collaboratorId: ada, period: 1 });
    expect((await conversions(f)).map((c) => c.amount)).toEqual([1000]);
  });

  it('a lesson completed after the ban earns the banned referrer nothing', async () => {
    const f = await PayoutFixtures.create(server, 'banned-lesson');
    const program = await f.program(1000);
    await server.inject({
      method: 'PUT',
      url: `/api/v1/workspaces/${f.workspaceId}/programs/${program}/lesson-incentive`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { amount: 250, currency: 'USD' },
    });
    const ada = await f.collaborator('Ada');
    const oid = await visit(f, ada, 'student-1');
    await setStatus(f, ada, 'banned');
    const res = await f.event('lesson-completed', { userId: 'student-1', lessonId: 'intro', trackingId: oid });
    expect(res.statusCode).toBe(200);
    expect(await f.log(String(res.headers['x-event-id']))).toEqual(['StudentCompletedLesson']);
    expect(await conversions(f)).toEqual([]);
  });

  it('a distribution leaves a banned collaborator out of the shares: the pool goes to the others', async () => {
    const f = await PayoutFixtures.create(server, 'banned-share');
    const [ada, bob] = [await f.collaborator('Ada'), await f.collaborator('Bob', 'bob@example.com')];
    await f.ok('POST', '/distributions', { name: 'League', metric: 'referrals', pool: { type: 'fixed', amount: 1000, currency: 'USD' }, period: 'daily' });
    const at = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 3_600_000).toISOString();
    for (const who of [ada, bob]) expect((await f.event('metric', { collaboratorId: who, metric: 'referrals', value: 1, occurredAt: at })).statusCode).toBe(200);
    await setStatus(f, ada, 'banned');
    const [run] = (await f.ok('POST', '/distributions/run')).data;
    expect(run).toMatchObject({ pool: 1000, metric_total: '1' });
    expect(run.allocations.map((a: any) => [a.collaborator_id, a.amount])).toEqual([[bob, 1000]]);
  });

  it('rejecting a held conversion of a banned collaborator cancels its obligation as usual', async () => {
    const f = await PayoutFixtures.create(server, 'banned-reject');
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await f.referredSale(ada, 'ada-1', 100);
    await setStatus(f, ada, 'banned');
    const [conversion] = await conversions(f);
    const rejected = await f.ok('POST', `/conversions/${conversion!.id}/reject`);
    expect(rejected.status).toBe('rejected');
    expect((await f.obligations()).map((o) => o.status)).toEqual(['cancelled']);
    expect((await f.ok('POST', '/fulfillments')).payouts).toEqual([]);
  });
});
