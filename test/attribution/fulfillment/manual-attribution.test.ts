import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from './payout-fixtures.ts';

/** Seed 002's manual attribution, read back from the domain-event log, on both databases. */
describe.each(DIALECTS)('manual attribution on %s', (dialect) => {
  const server = useTestServer(dialect);


  /** A completed sale nobody referred: a transaction with no conversion. */
  async function unattributedSale(f: PayoutFixtures, externalId: string, total: number | string, currency = 'USD'): Promise<number> {
    const sale = await f.event('sale', { source: 'shop', externalId, total, currency });
    expect(sale.statusCode).toBe(200);
    return (await f.ok('GET', `/transactions?external_id=${externalId}`)).data[0].id;
  }

  it('fires ManualAttributionRequested, ConversionsAwarded, ObligationIssued with no engagement, rounding the percent half-even once', async () => {
    const f = await PayoutFixtures.create(server);
    const programId = await f.program(1250);
    const ada = await f.collaborator('Ada');
    // 12.5 % of 10.12 is 126.5 cents: half-even gives 126.
    const txId = await unattributedSale(f, 'm-1', '10.12');
    const res = await f.request('POST', `/transactions/${txId}/attribute`, { collaborator_id: ada });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const entries = await f.logEntries(body.inbound_event_id);
    expect(entries.map((e) => e.name)).toEqual(['ManualAttributionRequested', 'ConversionsAwarded', 'ObligationIssued']);
    expect(entries[0]!.payload).toEqual({ transactionId: txId, collaboratorId: ada, programId: null, opportunityId: null, replace: false, replacedConversionIds: [] });
    expect(entries[1]!.payload).toMatchObject({ programId, collaboratorId: ada, amount: 126, currency: 'USD', incentive: { type: 'percent', basisPoints: 1250 } });
    expect(body.conversions).toEqual([expect.objectContaining({ status: 'pending', amount: 126, program_id: programId, collaborator_id: ada, transaction_id: txId, engagement_id: null })]);
    expect(body.obligations).toEqual([expect.objectContaining({ status: 'draft', amount: 126, conversion_id: body.conversions[0].id })]);
    expect(await f.db.selectFrom('engagements').select('id').where('workspace_id', '=', f.workspaceId).execute()).toEqual([]);
  });

  it('without a program credits every active program paying in the currency: a flat incentive pays its amount, and a program group awards only its winner', async () => {
    const f = await PayoutFixtures.create(server);
    const now = Date.now();
    const group = await f.db
      .insertInto('program_groups')
      .values({ workspace_id: f.workspaceId, name: 'Exclusive', strategy: 'highest_reward', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const flat = await f.program(0, { incentive: { type: 'flat', amounts: { EUR: 300 } } });
    const lowInGroup = await f.program(500);
    const highInGroup = await f.program(1500);
    await f.program(2000, { incentive: { type: 'flat', amounts: { USD: 999 } } });
    await f.db.updateTable('attribution_programs').set({ group_id: group.id }).where('id', 'in', [lowInGroup, highInGroup]).execute();
    const ada = await f.collaborator('Ada');
    const txId = await unattributedSale(f, 'g-1', 40, 'EUR');
    const body = await f.ok('POST', `/transactions/${txId}/attribute`, { collaborator_id: ada });
    const entries = await f.logEntries(body.inbound_event_id);
    expect(entries.map((e) => e.name)).toEqual([
      'ManualAttributionRequested',
      'ProgramGroupConversionTriggered',
      'ConversionsAwarded',
      'ObligationIssued',
      'ConversionsAwarded',
      'ObligationIssued',
    ]);
    expect(entries[1]!.payload).toMatchObject({ groupId: group.id, winnerProgramId: highInGroup, loserProgramIds: [lowInGroup] });
    expect(body.conversions.map((c: any) => [c.program_id, c.amount, c.currency])).toEqual([
      [flat, 300, 'EUR'],
      [highInGroup, 600, 'EUR'],
    ]);
    expect(entries[2]!.payload).toMatchObject({ incentive: { type: 'flat', amount: 300 } });
  });

  it('refuses a transaction already credited with 409 transaction_already_attributed, changing nothing', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob');
    await f.referredSale(ada, 'r-1', 100);
    const txId = (await f.ok('GET', '/transactions?external_id=r-1')).data[0].id;
    const before = await f.ok('GET', '/domain-events');
    const res = await f.request('POST', `/transactions/${txId}/attribute`, { collaborator_id: bob });
    expect(res.statusCode).toBe(409);
    const conversionId = (await f.ok('GET', `/conversions?transaction_id=${txId}`)).data[0].id;
    expect(res.json().error).toMatchObject({ code: 'transaction_already_attributed', data: { conversion_ids: [conversionId] } });
    expect(res.json().error.message).toContain('replace: true');
    expect((await f.ok('GET', '/domain-events')).data).toEqual(before.data);
    expect((await f.ok('GET', `/conversions?transaction_id=${txId}`)).data.map((c: any) => c.status)).toEqual(['approved']);
  });

  it('with replace: true rejects the old conversions first (reason admin, obligations cancelled), then awards the new collaborator', async () => {
    const f = await PayoutFixtures.create(server);
    const programId = await f.program(1000);
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob');
    await f.referredSale(ada, 'r-2', 100);
    const txId = (await f.ok('GET', '/transactions?external_id=r-2')).data[0].id;
    const old = (await f.ok('GET', `/conversions?transaction_id=${txId}`)).data[0];
    const res = await f.request('POST', `/transactions/${txId}/attribute`, { collaborator_id: bob, program_id: programId, replace: true });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const entries = await f.logEntries(body.inbound_event_id);
    expect(entries.map((e) => e.name)).toEqual(['ManualAttributionRequested', 'ConversionRejected', 'ConversionsAwarded', 'ObligationIssued']);
    expect(entries[0]!.payload).toMatchObject({ replace: true, replacedConversionIds: [old.id], programId });
    const oldObligation = (await f.ok('GET', `/obligations?conversion_id=${old.id}`)).data[0];
    expect(entries[1]!.payload).toEqual({ conversionId: old.id, reason: 'admin', cancelledObligationIds: [oldObligation.id], clawbackObligationIds: [] });
    expect(oldObligation.status).toBe('cancelled');
    expect((await f.ok('GET', `/conversions/${old.id}`)).status).toBe('rejected');
    expect(body).toMatchObject({ replaced_conversion_ids: [old.id], conversions: [{ collaborator_id: bob, amount: 1000, status: 'pending' }] });

    // Approved by an admin, the manual credit is paid like any other.
    await f.ok('POST', `/conversions/${body.conversions[0].id}/approve`);
    const run = await f.ok('POST', '/fulfillments', { mark_paid: true });
    expect(run.payouts.map((p: any) => [p.collaborator_id, p.amount, p.status])).toEqual([[bob, 1000, 'paid']]);
  });

  it('lists every bad field at once, answers 404 for an unknown or foreign transaction, and 409 for a refunded one', async () => {
    const f = await PayoutFixtures.create(server);
    const other = await PayoutFixtures.create(server, 'other');
    const eurOnly = await f.program(0, { incentive: { type: 'flat', amounts: { EUR: 300 } } });
    const inactive = await f.program(500, { status: 'inactive' });
    const ada = await f.collaborator('Ada');
    const txId = await unattributedSale(f, 'v-1', 20);

    const both = await f.request('POST', `/transactions/${txId}/attribute`, { collaborator_id: 999_999, program_id: 999_999 });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.data.fields.map((e: any) => e.field)).toEqual(['collaborator_id', 'program_id']);
    const schema = await f.request('POST', `/transactions/${txId}/attribute`, { collaborator_id: 'x', replace: 'yes', other: 1 });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().error.data.fields).toHaveLength(3);
    for (const programId of [eurOnly, inactive]) {
      const res = await f.request('POST', `/transactions/${txId}/attribute`, { collaborator_id: ada, program_id: programId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.data.fields.map((e: any) => e.field)).toEqual(['program_id']);
    }
    const nothingPays = await f.request('POST', `/transactions/${txId}/attribute`, { collaborator_id: ada });
    expect(nothingPays.json().error.data.fields).toEqual([{ field: 'program_id', message: 'no active program pays a commission in USD' }]);

    expect((await f.request('POST', '/transactions/999999/attribute', { collaborator_id: ada })).statusCode).toBe(404);
    expect((await other.request('POST', `/transactions/${txId}/attribute`, { collaborator_id: ada })).statusCode).toBe(404);

    const eurTx = await unattributedSale(f, 'v-2', 20, 'EUR');
    await f.refund('v-2');
    const refunded = await f.request('POST', `/transactions/${eurTx}/attribute`, { collaborator_id: ada, program_id: eurOnly });
    expect(refunded.statusCode).toBe(409);
    expect(refunded.json().error.code).toBe('conflict');
    expect(await f.db.selectFrom('conversions').select('id').where('workspace_id', '=', f.workspaceId).execute()).toEqual([]);
  });

  it('two attributions of one transaction at once credit it once: the other is refused', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob');
    const txId = await unattributedSale(f, 'race-1', 50);
    const answers = await Promise.all([ada, bob].map((collaborator_id) => f.request('POST', `/transactions/${txId}/attribute`, { collaborator_id })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect((await f.ok('GET', `/conversions?transaction_id=${txId}`)).data).toHaveLength(1);
  });
});
