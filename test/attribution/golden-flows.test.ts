import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer } from '../support/harness.ts';
import { AttributionFixtures, STANDARD_SALE_AFTER_VISIT } from './fixtures/attribution-fixtures.ts';

/** Golden tests: each flow's exact domain-event sequence (seed 002), read back from the log API. */
describe.each(DIALECTS)('attribution flows, golden event order, on %s', (dialect) => {
  const server = useTestServer(dialect);
  let f: AttributionFixtures;
  let programId: number;
  let manualProgramId: number;

  beforeAll(async () => {
    f = await AttributionFixtures.create(server);
    programId = await f.program({ name: 'Referrals 10 %', incentive_bps: 1000, engagement_trigger: 'referral', lead_amount: 200, lead_currency: 'USD' });
    manualProgramId = await f.program({ name: 'Coupons flat', incentive_type: 'flat', incentive_bps: null, incentive_amounts: JSON.stringify({ USD: 500 }), engagement_trigger: 'coupon', approval: 'manual' });
  });

  it('a site visit fires OpportunityTriggered then EngagementsTriggered and answers the new opportunity id', async () => {
    const collaboratorId = await f.collaborator({ name: 'Visit' });
    const res = await f.send('site-visited', { collaboratorId, userId: 42 });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    const oid = Number(res.headers['x-siren-oid']);
    expect(Number.isInteger(oid) && oid > 0).toBe(true);
    expect(res.headers['access-control-expose-headers']).toContain('X-Siren-OID');
    const entries = await f.logEntries(res.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual(['OpportunityTriggered', 'EngagementsTriggered']);
    expect(entries.map((e) => e.sequence)).toEqual([1, 2]);
    expect(entries[1]!.payload).toMatchObject({ opportunityId: oid, collaboratorId, trigger: 'referral', programIds: [programId] });
  });

  it('a completed sale after a visit fires the 13-step standard sale (steps 3–13) and approves on payment', async () => {
    const collaboratorId = await f.collaborator({ name: 'Seller' });
    const oid = await f.visit(collaboratorId);
    const res = await f.send('sale', { source: 'stripe', externalId: 'ord-golden-1', total: 49.99, trackingId: oid, currency: 'USD' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-siren-oid']).toBe(String(oid));
    expect(await f.log(res.headers['x-event-id'] as string)).toEqual(STANDARD_SALE_AFTER_VISIT);
    const conversion = (await f.conversions()).find((c) => c.opportunity_id === oid)!;
    expect(conversion).toMatchObject({ status: 'approved', amount: 500, currency: 'USD', program_id: programId, collaborator_id: collaboratorId });
    const obligation = (await f.obligations()).find((o) => o.conversion_id === conversion.id)!;
    expect(obligation).toMatchObject({ status: 'pending', amount: 500 });
  });

  it('a pending sale stops after ObligationIssued; transaction-completed then fires TransactionCompleted and ConversionApproved', async () => {
    const collaboratorId = await f.collaborator({ name: 'Pending' });
    const oid = await f.visit(collaboratorId);
    const sale = await f.send('sale', { source: 'stripe', externalId: 'ord-pending-1', total: '20.00', trackingId: oid, status: 'pending' });
    expect(sale.statusCode).toBe(200);
    expect(await f.log(sale.headers['x-event-id'] as string)).toEqual(STANDARD_SALE_AFTER_VISIT.slice(0, 8));
    const conversion = (await f.conversions()).find((c) => c.opportunity_id === oid)!;
    expect(conversion.status).toBe('pending');
    expect((await f.obligations()).find((o) => o.conversion_id === conversion.id)!.status).toBe('draft');
    const done = await f.send('transaction-completed', { source: 'stripe', externalId: 'ord-pending-1' });
    expect(done.statusCode).toBe(200);
    expect(await f.log(done.headers['x-event-id'] as string)).toEqual(['TransactionCompleted', 'ConversionApproved']);
    expect((await f.obligations()).find((o) => o.conversion_id === conversion.id)!.status).toBe('pending');
  });

  it('a sale with a coupon takes the coupon path without any visit, and a manual program waits for an admin', async () => {
    const collaboratorId = await f.collaborator({ name: 'Coupon owner', coupon: 'ADA10' });
    const res = await f.send('sale', { source: 'shopify', externalId: 'ord-coupon-1', total: 80, coupon: 'ada10' });
    expect(res.statusCode).toBe(200);
    const oid = Number(res.headers['x-siren-oid']);
    expect(await f.log(res.headers['x-event-id'] as string)).toEqual([
      'CouponApplied',
      'EngagementsTriggered',
      ...STANDARD_SALE_AFTER_VISIT.slice(0, 9),
    ]);
    const conversion = (await f.conversions()).find((c) => c.opportunity_id === oid)!;
    expect(conversion).toMatchObject({ program_id: manualProgramId, collaborator_id: collaboratorId, amount: 500, status: 'pending' });
  });

  it('coupon-applied at checkout opens a coupon opportunity that the sale then names', async () => {
    const collaboratorId = await f.collaborator({ name: 'Checkout coupon', coupon: 'CHECKOUT5' });
    const applied = await f.send('coupon-applied', { code: 'Checkout5', userId: 'buyer-9' });
    expect(applied.statusCode).toBe(200);
    const oid = Number(applied.headers['x-siren-oid']);
    expect(await f.log(applied.headers['x-event-id'] as string)).toEqual(['CouponApplied', 'EngagementsTriggered']);
    const sale = await f.send('sale', { source: 'shopify', externalId: 'ord-checkout-coupon', total: 10, trackingId: oid });
    expect(await f.log(sale.headers['x-event-id'] as string)).toEqual(STANDARD_SALE_AFTER_VISIT.slice(0, 9));
    expect((await f.conversions()).find((c) => c.opportunity_id === oid)).toMatchObject({ collaborator_id: collaboratorId, program_id: manualProgramId });
    const unknown = await f.send('coupon-applied', { code: 'nope' });
    expect(unknown.headers['x-siren-oid']).toBeUndefined();
    expect(await f.log(unknown.headers['x-event-id'] as string)).toEqual([]);
  });

  it('a lead fires LeadTriggered, ConversionInitialized, ConversionsAwarded, ObligationIssued and is not approved by itself', async () => {
    const collaboratorId = await f.collaborator({ name: 'Lead' });
    const oid = await f.visit(collaboratorId);
    const lead = await f.send('lead', { source: 'form', externalId: 'signup-1', trackingId: oid, email: 'new@example.com' });
    expect(lead.statusCode).toBe(200);
    expect(await f.log(lead.headers['x-event-id'] as string)).toEqual(['LeadTriggered', 'ConversionInitialized', 'ConversionsAwarded', 'ObligationIssued']);
    const conversion = (await f.conversions()).find((c) => c.kind === 'lead' && c.collaborator_id === collaboratorId)!;
    expect(conversion).toMatchObject({ status: 'pending', amount: 200, program_id: programId });
    expect((await f.obligations()).find((o) => o.conversion_id === conversion.id)!.status).toBe('draft');
  });

  it('a renewal fires RenewalTriggered, ConversionRenewed, RenewedConversionsAwarded, ObligationIssued, TransactionCompleted, ConversionApproved from the original engagement', async () => {
    const collaboratorId = await f.collaborator({ name: 'Subscriptions' });
    const oid = await f.visit(collaboratorId);
    await f.send('sale', { source: 'stripe', externalId: 'sub-1-first', total: 30, trackingId: oid });
    const renewal = await f.send('renewal', { source: 'stripe', externalId: 'sub-1-month-2', originalExternalId: 'sub-1-first', total: 30 });
    expect(renewal.statusCode).toBe(200);
    expect(renewal.headers['x-siren-oid']).toBe(String(oid));
    expect(await f.log(renewal.headers['x-event-id'] as string)).toEqual(['RenewalTriggered', 'ConversionRenewed', 'RenewedConversionsAwarded', 'ObligationIssued', 'TransactionCompleted', 'ConversionApproved']);
    const conversions = (await f.conversions()).filter((c) => c.collaborator_id === collaboratorId);
    expect(conversions.map((c) => [c.status, c.amount])).toEqual([
      ['approved', 300],
      ['approved', 300],
    ]);
    const unknown = await f.send('renewal', { source: 'stripe', externalId: 'sub-x-2', originalExternalId: 'never', total: 30 });
    expect(unknown.statusCode).toBe(404);
  });

  it('a full refund fires RefundTriggered then ConversionRejected and cancels the unpaid obligation', async () => {
    const collaboratorId = await f.collaborator({ name: 'Refunded' });
    const oid = await f.visit(collaboratorId);
    await f.send('sale', { source: 'stripe', externalId: 'ord-refund-1', total: 100, trackingId: oid });
    const refund = await f.send('refund', { source: 'stripe', externalId: 'ord-refund-1' });
    expect(refund.statusCode).toBe(200);
    expect(await f.log(refund.headers['x-event-id'] as string)).toEqual(['RefundTriggered', 'ConversionRejected']);
    const conversion = (await f.conversions()).find((c) => c.opportunity_id === oid)!;
    expect(conversion.status).toBe('rejected');
    expect((await f.obligations()).filter((o) => o.conversion_id === conversion.id).map((o) => o.status)).toEqual(['cancelled']);
    expect((await f.transactions()).find((t) => t.external_id === 'ord-refund-1')).toMatchObject({ status: 'refunded', refunded_total: 10_000 });
  });

  it.each([
    ['an unknown collaborator', async () => ({ body: { collaboratorId: 999_999 }, reason: 'invalid' })],
    ['an inactive collaborator', async () => ({ body: { collaboratorId: await f.collaborator({ status: 'inactive' }) }, reason: 'invalid' })],
    ['an expired referral code', async () => {
      await f.collaborator({ code: 'OLDCODE', codeExpiresAt: Date.now() - 1000 });
      return { body: { landingUrl: 'https://shop.example.com/?ref=oldcode' }, reason: 'expired' };
    }],
    ['a self-referral', async () => ({ body: { collaboratorId: await f.collaborator({ userId: '77' }), userId: 77 }, reason: 'self_referral' })],
  ])('a visit from %s fires only OpportunityInvalidated and creates no opportunity', async (_name, make) => {
    const { body, reason } = await make();
    const before = await f.db.selectFrom('opportunities').select('id').execute();
    const res = await f.send('site-visited', body);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-siren-oid']).toBeUndefined();
    const entries = await f.logEntries(res.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual(['OpportunityInvalidated']);
    expect(entries[0]!.payload).toMatchObject({ reason });
    expect(await f.db.selectFrom('opportunities').select('id').execute()).toHaveLength(before.length);
  });

  it('a repeat visit with the live opportunity (X-Siren-OID) is a duplicate answered with the same id', async () => {
    const collaboratorId = await f.collaborator({ name: 'Twice' });
    const oid = await f.visit(collaboratorId);
    const again = await f.send('site-visited', { collaboratorId }, { 'x-siren-oid': String(oid) });
    expect(again.headers['x-siren-oid']).toBe(String(oid));
    const entries = await f.logEntries(again.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual(['OpportunityInvalidated']);
    expect(entries[0]!.payload).toMatchObject({ reason: 'duplicate', opportunityId: oid });
  });

  it('a visit through a referral link (?ref=) resolves the code case-insensitively', async () => {
    const collaboratorId = await f.collaborator({ name: 'Linked', code: 'Grace' });
    const res = await f.send('site-visited', { landingUrl: 'https://shop.example.com/pricing?ref=GRACE' });
    const entries = await f.logEntries(res.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual(['OpportunityTriggered', 'EngagementsTriggered']);
    expect(entries[0]!.payload).toMatchObject({ collaboratorId, landingUrl: 'https://shop.example.com/pricing?ref=GRACE' });
  });

  it('lists the log of a workspace only to its own keys', async () => {
    const res = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}/domain-events`, headers: { authorization: bearer(f.key) } });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.length).toBeGreaterThan(0);
    const other = await server.inject({ method: 'GET', url: '/api/v1/workspaces/00000000-0000-0000-0000-000000000000/domain-events', headers: { authorization: bearer(f.key) } });
    expect(other.statusCode).toBe(404);
  });
});
