import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

/**
 * Issue 18 §1: `banned_collaborator` as a program's fraud rule. Absent, a banned collaborator's
 * referrals are passed over (banned-collaborators.test.ts keeps that); set, the rule judges them.
 */
describe.each(DIALECTS)('the banned_collaborator rule on %s', (dialect) => {
  const server = useTestServer(dialect);

  async function visit(f: PayoutFixtures, collaboratorId: number, userId?: string): Promise<number> {
    const res = await f.event('site-visited', { collaboratorId, ...(userId === undefined ? {} : { userId }) });
    expect(res.statusCode, res.body).toBe(200);
    return Number(res.headers['x-siren-oid']);
  }

  async function sale(f: PayoutFixtures, body: Record<string, unknown>): Promise<string> {
    const res = await f.event('sale', { source: 'shop', total: 100, currency: 'USD', ...body });
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers['x-event-id']);
  }

  const ban = (f: PayoutFixtures, id: number, status: 'banned' | 'active' = 'banned') => f.ok('PATCH', `/collaborators/${id}`, { status });
  const conversions = (f: PayoutFixtures) => f.db.selectFrom('conversions').selectAll().where('workspace_id', '=', f.workspaceId).orderBy('id').execute();

  it('flag: the banned collaborator’s sale waits for review with its reason; approved, it is still not paid until the ban is lifted', async () => {
    const f = await PayoutFixtures.create(server, 'banned-flag');
    await f.program(1000, { fraud_rules: { banned_collaborator: 'flag' } });
    const ada = await f.collaborator('Ada');
    const oid = await visit(f, ada);
    await ban(f, ada);
    const eventId = await sale(f, { externalId: 'b-1', trackingId: oid });
    expect((await f.log(eventId)).slice(-3)).toEqual(['ObligationIssued', 'ConversionFlagged', 'TransactionCompleted']);
    const flagged = (await f.logEntries(eventId)).find((e) => e.name === 'ConversionFlagged');
    expect(flagged?.payload).toMatchObject({ collaboratorId: ada, reasons: ['banned_collaborator'] });
    const [queued] = (await f.ok('GET', '/fraud-review')).data;
    expect(queued).toMatchObject({ collaborator_id: ada, fraud_reasons: ['banned_collaborator'] });

    await f.ok('POST', `/conversions/${queued.id}/approve`, {});
    expect((await f.obligations()).map((o) => o.status)).toEqual(['pending']);
    expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts).toEqual([]);
    await ban(f, ada, 'active');
    expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts.map((p: any) => p.amount)).toEqual([1000]);
  });

  it('block: nobody earns the sale in that program, not even the next collaborator, and the log says why', async () => {
    const f = await PayoutFixtures.create(server, 'banned-block');
    await f.program(1000, { fraud_rules: { banned_collaborator: 'block' } });
    const [ada, bob] = [await f.collaborator('Ada'), await f.collaborator('Bob', 'bob@example.com')];
    await visit(f, bob, 'cust-1');
    const adaOid = await visit(f, ada, 'cust-1');
    await ban(f, ada);
    const eventId = await sale(f, { externalId: 'b-2', trackingId: adaOid, userId: 'cust-1' });
    expect(await conversions(f)).toEqual([]);
    const blocked = (await f.logEntries(eventId)).find((e) => e.name === 'CommissionBlocked');
    expect(blocked?.payload).toMatchObject({ collaboratorId: ada, reasons: ['banned_collaborator'] });
  });

  it('allow: the banned collaborator earns as before the ban, held from payouts while banned; other programs keep passing them over', async () => {
    const f = await PayoutFixtures.create(server, 'banned-allow');
    const lenient = await f.program(1000, { fraud_rules: { banned_collaborator: 'allow' } });
    await f.program(500);
    const ada = await f.collaborator('Ada');
    const oid = await visit(f, ada);
    await ban(f, ada);
    await sale(f, { externalId: 'b-3', trackingId: oid });
    // The strict program (no rule) passed Ada over: only the lenient one awarded.
    expect((await conversions(f)).map((c) => [c.program_id, c.collaborator_id, c.amount, c.status])).toEqual([[lenient, ada, 1000, 'approved']]);
    expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts).toEqual([]);
  });

  it('lists every rule that matched, and the strongest action wins: a banned partner buying through their own link', async () => {
    const f = await PayoutFixtures.create(server, 'banned-both');
    await f.program(1000, { fraud_rules: { banned_collaborator: 'flag', self_referral: 'flag' } });
    await f.program(500, { fraud_rules: { banned_collaborator: 'flag', self_referral: 'block' } });
    const ada = await f.collaborator('Ada', 'ada@example.com');
    const oid = await visit(f, ada);
    await ban(f, ada);
    const eventId = await sale(f, { externalId: 'b-5', trackingId: oid, email: 'ada@example.com' });
    const entries = await f.logEntries(eventId);
    expect(entries.filter((e) => e.name === 'ConversionFlagged').map((e) => e.payload.reasons)).toEqual([['self_referral', 'banned_collaborator']]);
    expect(entries.filter((e) => e.name === 'CommissionBlocked').map((e) => e.payload.reasons)).toEqual([['self_referral', 'banned_collaborator']]);
    expect((await conversions(f)).map((c) => [c.amount, c.fraud_reasons])).toEqual([[1000, '["self_referral","banned_collaborator"]']]);
  });

  it('leads ignore the rule: a banned collaborator never earns one', async () => {
    const f = await PayoutFixtures.create(server, 'banned-lead-rule');
    await f.program(1000, { lead_incentive: { amount: 250, currency: 'USD' }, fraud_rules: { banned_collaborator: 'allow' } });
    const ada = await f.collaborator('Ada');
    const oid = await visit(f, ada);
    await ban(f, ada);
    const res = await f.event('lead', { source: 'form', externalId: 'lead-1', trackingId: oid });
    expect(res.statusCode).toBe(200);
    expect(await conversions(f)).toEqual([]);
  });

  it('validates the rule with the others, listing every field, and answers it back', async () => {
    const f = await PayoutFixtures.create(server, 'banned-validate');
    const res = await f.request('POST', '/programs', {
      name: 'X',
      incentive: { type: 'percent', basis_points: 100 },
      fraud_rules: { banned_collaborator: 'sometimes', self_referral: 'maybe' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['fraud_rules.banned_collaborator', 'fraud_rules.self_referral']);
    const program = await f.ok('POST', '/programs', { name: 'Y', incentive: { type: 'percent', basis_points: 100 }, fraud_rules: { banned_collaborator: 'flag' } });
    expect(program.fraud_rules).toEqual({ banned_collaborator: 'flag' });
    const patched = await f.ok('PATCH', `/programs/${program.id}`, { fraud_rules: { banned_collaborator: 'block', self_referral: 'flag' } });
    expect(patched.fraud_rules).toEqual({ banned_collaborator: 'block', self_referral: 'flag' });
    expect((await f.request('PATCH', `/programs/${program.id}`, { fraud_rules: { banned_collaborator: null } })).statusCode).toBe(400);
  });
});
