import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addMonths, decideRenewal, type RenewalFacts } from '../../src/attribution/flows/renewal-terms.ts';
import type { ProgramRow } from '../../src/attribution/model/tables.ts';
import { DIALECTS } from '../support/databases.ts';
import { useTestServer } from '../support/harness.ts';
import { clientFor, fieldsOf, type Client } from './api/api-client.ts';
import { AttributionFixtures } from './fixtures/attribution-fixtures.ts';

/** Seed 002's renewal flow, for one program that pays the renewal and approves on payment. */
const EARNING_RENEWAL = ['RenewalTriggered', 'ConversionRenewed', 'RenewedConversionsAwarded', 'ObligationIssued', 'TransactionCompleted', 'ConversionApproved'];
/** The same renewal when the program pays nothing for it: recorded with its reason, no conversion. */
const UNPAID_RENEWAL = ['RenewalTriggered', 'ConversionRenewed', 'RenewalNotAwarded', 'TransactionCompleted'];

describe('renewal terms', () => {
  const program = (values: Partial<ProgramRow>): ProgramRow =>
    ({ status: 'active', incentive_type: 'percent', incentive_bps: 1000, incentive_amounts: null, renewal_incentive: 'same', renewal_bps: null, renewal_amounts: null, renewal_limit_periods: null, renewal_limit_months: null, ...values }) as ProgramRow;
  const facts = (values: Partial<RenewalFacts> = {}): RenewalFacts => ({ period: 1, firstSaleAt: Date.UTC(2026, 0, 31), now: Date.UTC(2026, 1, 15), total: 3000, currency: 'USD', ...values });

  it('adds calendar months in UTC, clamping the day to the target month', () => {
    expect(new Date(addMonths(Date.UTC(2026, 0, 31, 10), 1)).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(new Date(addMonths(Date.UTC(2028, 0, 31), 1)).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(new Date(addMonths(Date.UTC(2026, 10, 15), 14)).toISOString()).toBe('2028-01-15T00:00:00.000Z');
  });

  it('pays the sale incentive, a separate percent or a flat amount per currency', () => {
    expect(decideRenewal(program({}), facts())).toEqual({ earns: true, incentive: { amount: 300, incentive: { type: 'percent', basisPoints: 1000 } } });
    expect(decideRenewal(program({ renewal_incentive: 'percent', renewal_bps: 250 }), facts())).toEqual({ earns: true, incentive: { amount: 75, incentive: { type: 'percent', basisPoints: 250 } } });
    expect(decideRenewal(program({ renewal_incentive: 'flat', renewal_amounts: '{"USD":120}' }), facts())).toMatchObject({ earns: true, incentive: { amount: 120 } });
    expect(decideRenewal(program({ renewal_incentive: 'flat', renewal_amounts: '{"EUR":120}' }), facts())).toEqual({ earns: false, reason: 'no_incentive_in_currency' });
  });

  it('stops paying at the period limit and at the month limit, whichever comes first', () => {
    const limited = program({ renewal_limit_periods: 3, renewal_limit_months: 12 });
    expect(decideRenewal(limited, facts({ period: 3 })).earns).toBe(true);
    expect(decideRenewal(limited, facts({ period: 4 }))).toEqual({ earns: false, reason: 'period_limit' });
    expect(decideRenewal(limited, facts({ now: Date.UTC(2027, 0, 30, 23) })).earns).toBe(true);
    expect(decideRenewal(limited, facts({ now: Date.UTC(2027, 0, 31) }))).toEqual({ earns: false, reason: 'month_limit' });
    expect(decideRenewal(program({ renewal_incentive: 'none' }), facts())).toEqual({ earns: false, reason: 'renewals_off' });
    expect(decideRenewal(program({ status: 'inactive' }), facts())).toEqual({ earns: false, reason: 'program_inactive' });
  });
});

describe.each(DIALECTS)('renewals on %s', (dialect) => {
  const server = useTestServer(dialect);
  let f: AttributionFixtures;
  let operator: Client;
  let base: string;
  let run = 0;

  beforeAll(async () => {
    f = await AttributionFixtures.create(server);
    operator = clientFor(server, server.operatorToken);
    base = `/api/v1/workspaces/${server.workspaceId}`;
  });
  beforeEach(async () => {
    run += 1;
    await f.db.updateTable('attribution_programs').set({ status: 'inactive' }).where('workspace_id', '=', server.workspaceId).execute();
  });

  /** A program (10 % on sales) with the given renewal terms set through the admin API, and a first sale through it. */
  async function firstSale(renewal: Record<string, unknown>, sale: Record<string, unknown> = {}) {
    const programId = await f.program({ name: `Subscriptions ${run}`, incentive_bps: 1000 });
    const patched = await operator.patch(`${base}/programs/${programId}`, renewal);
    expect(patched.statusCode).toBe(200);
    const collaboratorId = await f.collaborator({ name: `Partner ${run}` });
    const oid = await f.visit(collaboratorId);
    const externalId = `first-${run}`;
    const res = await f.send('sale', { source: 'stripe', externalId, total: 30, trackingId: oid, ...sale });
    expect(res.statusCode).toBe(200);
    return { programId, collaboratorId, oid, externalId };
  }

  const renew = (body: Record<string, unknown>) => f.send('renewal', { source: 'stripe', total: 30, ...body });

  async function renewalConversions(collaboratorId: number) {
    return (await f.conversions()).filter((c) => c.collaborator_id === collaboratorId);
  }

  it('a renewal that earns a separate percent fires RenewedConversionsAwarded and credits the first sale\'s collaborator', async () => {
    const s = await firstSale({ renewal_incentive: { type: 'percent', basis_points: 500 }, renewal_limit: { periods: 12 } });
    expect((await operator.get(`${base}/programs/${s.programId}`)).json()).toMatchObject({ renewal_incentive: { type: 'percent', basis_points: 500 }, renewal_limit: { periods: 12 } });
    const res = await renew({ externalId: `renewal-${run}-1`, originalExternalId: s.externalId });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-siren-oid']).toBe(String(s.oid));
    const entries = await f.logEntries(res.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual(EARNING_RENEWAL);
    const conversions = await renewalConversions(s.collaboratorId);
    expect(conversions.map((c) => [c.status, c.amount])).toEqual([
      ['approved', 300],
      ['approved', 150],
    ]);
    expect(entries[0]!.payload).toMatchObject({ period: 1, subscriptionId: null });
    expect(entries[1]!.payload).toMatchObject({ originalConversionId: conversions[0]!.id, programId: s.programId, collaboratorId: s.collaboratorId, period: 1 });
    expect(entries[2]!.payload).toMatchObject({ conversionIds: [conversions[1]!.id], originalConversionId: conversions[0]!.id, amount: 150, incentive: { type: 'percent', basisPoints: 500 } });
    const obligation = (await f.obligations()).find((o) => o.conversion_id === conversions[1]!.id);
    expect(obligation).toMatchObject({ status: 'pending', amount: 150 });
  });

  it('a renewal past the period limit is stored and says period_limit, earning nothing', async () => {
    const s = await firstSale({ renewal_incentive: { type: 'flat', amounts: { USD: 200 } }, renewal_limit: { periods: 1 } });
    const first = await renew({ externalId: `renewal-${run}-1`, originalExternalId: s.externalId });
    expect(await f.log(first.headers['x-event-id'] as string)).toEqual(EARNING_RENEWAL);
    const second = await renew({ externalId: `renewal-${run}-2`, originalExternalId: s.externalId });
    expect(second.statusCode).toBe(200);
    const entries = await f.logEntries(second.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual(UNPAID_RENEWAL);
    expect(entries[2]!.payload).toMatchObject({ reason: 'period_limit', period: 2, programId: s.programId, collaboratorId: s.collaboratorId });
    expect((await renewalConversions(s.collaboratorId)).map((c) => c.amount)).toEqual([300, 200]);
    const sale = (await f.transactions()).find((t) => t.external_id === s.externalId)!;
    const renewals = await operator.get(`${base}/transactions?renews_transaction_id=${sale.id}`);
    expect(renewals.statusCode).toBe(200);
    expect(renewals.json().data.map((t: Record<string, unknown>) => [t.external_id, t.status, t.total])).toEqual([
      [`renewal-${run}-2`, 'complete', 3000],
      [`renewal-${run}-1`, 'complete', 3000],
    ]);
    expect((await operator.get(`${base}/transactions/${sale.id}`)).json()).toMatchObject({ renewal_count: 2, renews_transaction_id: null });
  });

  it('a renewal past the month limit since the first sale earns nothing and says month_limit', async () => {
    const s = await firstSale({ renewal_limit: { months: 12 } });
    const thirteenMonthsAgo = addMonths(Date.now(), -13);
    await f.db.updateTable('attribution_transactions').set({ created_at: thirteenMonthsAgo }).where('workspace_id', '=', server.workspaceId).where('external_id', '=', s.externalId).execute();
    const res = await renew({ externalId: `renewal-${run}-13`, originalExternalId: s.externalId });
    const entries = await f.logEntries(res.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual(UNPAID_RENEWAL);
    expect(entries[2]!.payload).toMatchObject({ reason: 'month_limit', period: 1 });
    expect((await renewalConversions(s.collaboratorId)).map((c) => c.amount)).toEqual([300]);
  });

  it('a renewal on a program with renewals off is recorded with renewals_off', async () => {
    const s = await firstSale({ renewal_incentive: { type: 'none' } });
    expect((await operator.get(`${base}/programs/${s.programId}`)).json()).toMatchObject({ renewal_incentive: { type: 'none' }, renewal_limit: null });
    const res = await renew({ externalId: `renewal-${run}-1`, originalExternalId: s.externalId });
    const entries = await f.logEntries(res.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual(UNPAID_RENEWAL);
    expect(entries[2]!.payload).toMatchObject({ reason: 'renewals_off' });
    expect(await renewalConversions(s.collaboratorId)).toHaveLength(1);
    expect((await f.transactions()).some((t) => t.external_id === `renewal-${run}-1`)).toBe(true);
  });

  it('a renewal by subscription id finds the first sale, and periods count renewals of that sale', async () => {
    const subscriptionId = `sub_${run}`;
    const s = await firstSale({ renewal_incentive: { type: 'same' }, renewal_limit: { periods: 2 } }, { subscriptionId });
    const first = await renew({ externalId: `renewal-${run}-1`, subscriptionId });
    expect(first.statusCode).toBe(200);
    const entries = await f.logEntries(first.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual(EARNING_RENEWAL);
    expect(entries[0]!.payload).toMatchObject({ subscriptionId, period: 1 });
    // Naming the previous renewal instead of the first sale still counts against the first sale.
    const second = await renew({ externalId: `renewal-${run}-2`, originalExternalId: `renewal-${run}-1` });
    expect(await f.log(second.headers['x-event-id'] as string)).toEqual(EARNING_RENEWAL);
    const third = await renew({ externalId: `renewal-${run}-3`, subscriptionId });
    const thirdEntries = await f.logEntries(third.headers['x-event-id'] as string);
    expect(thirdEntries.map((e) => e.name)).toEqual(UNPAID_RENEWAL);
    expect(thirdEntries[2]!.payload).toMatchObject({ reason: 'period_limit', period: 3 });
    expect((await renewalConversions(s.collaboratorId)).map((c) => c.amount)).toEqual([300, 300, 300]);
    const repeat = await renew({ externalId: `renewal-${run}-3`, subscriptionId });
    expect(repeat.statusCode).toBe(200);
    expect((await f.transactions()).filter((t) => t.external_id === `renewal-${run}-3`)).toHaveLength(1);
    expect(await renewalConversions(s.collaboratorId)).toHaveLength(3);
  });

  it('two renewals of one sale sent together get periods 1 and 2, so a one-period limit pays exactly one', async () => {
    const s = await firstSale({ renewal_limit: { periods: 1 } });
    const answers = await Promise.all([1, 2].map((n) => renew({ externalId: `renewal-${run}-race-${n}`, originalExternalId: s.externalId })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    const triggered = await Promise.all(answers.map(async (a) => (await f.logEntries(a.headers['x-event-id'] as string))[0]!.payload as { period: number }));
    expect(triggered.map((p) => p.period).sort()).toEqual([1, 2]);
    expect((await renewalConversions(s.collaboratorId)).map((c) => c.amount)).toEqual([300, 300]);
  });

  it('answers 400 without originalExternalId or subscriptionId, and 404 for an unknown subscription', async () => {
    const missing = await renew({ externalId: `renewal-${run}-x`, total: 'abc' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.data.fields.map((e: { field: string }) => e.field).sort()).toEqual(['originalExternalId', 'total']);
    const unknown = await renew({ externalId: `renewal-${run}-y`, subscriptionId: 'sub_never' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });

  it('answers 400 listing every invalid renewal field of a program', async () => {
    const programId = await f.program({ name: `Bad ${run}` });
    const res = await operator.patch(`${base}/programs/${programId}`, { renewal_incentive: { type: 'percent' }, renewal_limit: { periods: 0, weeks: 2 } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['renewal_incentive.basis_points', 'renewal_limit.periods', 'renewal_limit.weeks']);
    const none = await operator.patch(`${base}/programs/${programId}`, { renewal_incentive: { type: 'none', basis_points: 10 } });
    expect(fieldsOf(none)).toEqual(['renewal_incentive.basis_points']);
  });
});
