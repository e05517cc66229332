import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { clientFor, type Client } from './api-client.ts';

describe.each(DIALECTS)('admin API and Siren readers over sales sent to /event/{slug} on %s', (dialect) => {
  const server = useTestServer(dialect);
  let admin: Client;
  let siren: Client;
  let base: string;
  beforeAll(async () => {
    const operator = clientFor(server, server.operatorToken);
    base = `/api/v1/workspaces/${server.workspaceId}`;
    // A key created without scopes has full access: it manages the model and sends events, as Siren's do.
    const key = (await operator.post(`${base}/api-keys`, { label: 'shop' })).json().key;
    admin = clientFor(server, key);
    siren = admin;
  });

  async function visit(body: Record<string, unknown>): Promise<number> {
    const response = await siren.post('/siren/v1/event/site-visited', body);
    expect(response.statusCode).toBe(200);
    return Number(response.headers['x-siren-oid']);
  }

  it('a manual program: the sale waits for review, approval makes the obligation payable and Siren sees it', async () => {
    const program = (await admin.post(`${base}/programs`, { name: 'Manual 12.5%', incentive: { type: 'percent', basis_points: 1250 }, approval: 'manual' })).json();
    const partner = (await admin.post(`${base}/collaborators`, { name: 'Ada', email: 'ada@example.com' })).json();
    const code = (await admin.post(`${base}/collaborators/${partner.id}/referral-codes`, { code: 'ADA' })).json();
    expect(code.code).toBe('ADA');

    const opportunityId = await visit({ landingUrl: 'https://shop.example.com/?ref=ADA' });
    expect((await admin.get(`${base}/opportunities/${opportunityId}`)).json()).toMatchObject({ collaborator_id: partner.id, status: 'active' });
    const sale = await siren.post('/siren/v1/event/sale', { source: 'stripe', externalId: 'cs_manual_1', total: 49.99, trackingId: opportunityId });
    expect(sale.statusCode).toBe(200);

    const [conversion] = (await admin.get(`${base}/conversions?program_id=${program.id}`)).json().data;
    // 12.5 % of 4999 minor units is 624.875: half-even rounds to 625.
    expect(conversion).toMatchObject({ status: 'pending', collaborator_id: partner.id, amount: 625, currency: 'USD' });
    const [draft] = (await admin.get(`${base}/obligations?conversion_id=${conversion.id}`)).json().data;
    expect(draft).toMatchObject({ status: 'draft', amount: 625 });
    expect((await siren.get(`/siren/v1/obligations?conversionId=${conversion.id}`)).json()).toEqual([]);

    const approved = (await admin.post(`${base}/conversions/${conversion.id}/approve`)).json();
    const log = (await admin.get(`${base}/domain-events?inbound_event_id=${approved.inbound_event_id}`)).json().data;
    expect(log.map((e: { name: string }) => e.name)).toEqual(['ConversionApproved']);
    expect((await admin.get(`${base}/obligations/${draft.id}`)).json().status).toBe('pending');
    expect((await siren.get(`/siren/v1/conversions?programId=${program.id}&status=approved`)).json().map((c: { id: number }) => c.id)).toEqual([conversion.id]);
    expect((await siren.get(`/siren/v1/obligations?conversionId=${conversion.id}`)).json()).toMatchObject([{ id: draft.id, status: 'pending', amount: 625, currency: 'USD' }]);
    const [transaction] = (await siren.get('/siren/v1/transactions?externalId=cs_manual_1')).json();
    expect(transaction).toMatchObject({ status: 'complete', total: 4999, currency: 'USD', opportunityId });
  });

  it('a coupon created through the admin API credits its owner, and a refund shows as rejected and cancelled', async () => {
    const program = (await admin.post(`${base}/programs`, { name: 'Coupons flat', incentive: { type: 'flat', amounts: { EUR: 300 } }, engagement_trigger: 'coupon' })).json();
    const owner = (await admin.post(`${base}/collaborators`, { name: 'Grace' })).json();
    expect((await admin.post(`${base}/coupons`, { code: 'GRACE10', collaborator_id: owner.id })).statusCode).toBe(201);

    const sale = await siren.post('/siren/v1/event/sale', { source: 'woo', externalId: 'order-c1', total: '20.00', currency: 'EUR', coupon: 'grace10' });
    expect(sale.statusCode).toBe(200);
    const [conversion] = (await admin.get(`${base}/conversions?program_id=${program.id}`)).json().data;
    expect(conversion).toMatchObject({ collaborator_id: owner.id, amount: 300, currency: 'EUR' });

    const refund = await siren.post('/siren/v1/event/refund', { source: 'woo', externalId: 'order-c1' });
    expect(refund.statusCode).toBe(200);
    expect((await siren.get(`/siren/v1/conversions?programId=${program.id}`)).json()).toMatchObject([{ id: conversion.id, status: 'rejected' }]);
    expect((await siren.get(`/siren/v1/obligations?conversionId=${conversion.id}&status=cancelled`)).json()).toHaveLength(1);
    expect((await siren.get('/siren/v1/transactions?externalId=order-c1')).json()).toMatchObject([{ status: 'refunded' }]);
    expect((await admin.post(`${base}/conversions/${conversion.id}/approve`)).statusCode).toBe(409);
  });

  it('keeps a code as the admin typed it (GRACE20) and matches visits and coupons whatever their case', async () => {
    await admin.post(`${base}/programs`, { name: 'Case 10%', incentive: { type: 'percent', basis_points: 1000 } });
    const owner = (await admin.post(`${base}/collaborators`, { name: 'Grace Hopper' })).json();
    const code = await admin.post(`${base}/collaborators/${owner.id}/referral-codes`, { code: 'GRACE20' });
    expect(code.json().code).toBe('GRACE20');
    expect((await admin.get(`${base}/collaborators/${owner.id}/referral-codes`)).json().data.map((c: { code: string }) => c.code)).toEqual(['GRACE20']);
    expect((await admin.post(`${base}/collaborators/${owner.id}/referral-codes`, { code: 'grace20' })).statusCode).toBe(409);
    for (const typed of ['grace20', 'Grace20', 'GRACE20']) {
      const opportunityId = await visit({ landingUrl: `https://shop.example.com/?ref=${typed}` });
      expect((await admin.get(`${base}/opportunities/${opportunityId}`)).json().collaborator_id, typed).toBe(owner.id);
    }

    const coupon = await admin.post(`${base}/coupons`, { code: 'Hopper15', collaborator_id: owner.id });
    expect(coupon.json().code).toBe('Hopper15');
    expect((await admin.get(`${base}/coupons?code=HOPPER15`)).json().data.map((c: { code: string }) => c.code)).toEqual(['Hopper15']);
    expect((await admin.post(`${base}/coupons`, { code: 'HOPPER15', collaborator_id: owner.id })).statusCode).toBe(409);
    const sale = await siren.post('/siren/v1/event/sale', { source: 'woo', externalId: 'order-case-1', total: '10.00', currency: 'EUR', coupon: 'hopper15' });
    expect(sale.statusCode).toBe(200);
    const opportunity = (await admin.get(`${base}/opportunities/${Number(sale.headers['x-siren-oid'])}`)).json();
    expect(opportunity).toMatchObject({ collaborator_id: owner.id, origin: 'coupon' });
  });
});
