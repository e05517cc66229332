import { Analytics } from '@segment/analytics-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyMapping, checkMapping } from '../../src/attribution/bindings/mapping.ts';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, bearer, useTestServer, waitFor } from '../support/harness.ts';
import { AttributionFixtures } from './fixtures/attribution-fixtures.ts';

describe('binding field mappings', () => {
  it('reads paths, alternatives, constants and lists of objects', () => {
    const source = { userId: 'u1', properties: { revenue: 12.5, products: [{ sku: 'a', price: 1, quantity: 2 }, { product_id: 'b', price: 3 }] } };
    expect(
      applyMapping(source, {
        source: { const: 'segment' },
        total: ['properties.total', 'properties.revenue'],
        userId: 'userId',
        coupon: 'properties.coupon',
        items: { each: 'properties.products', fields: { externalId: ['product_id', 'sku'], amount: 'price', quantity: 'quantity' } },
      }),
    ).toEqual({ source: 'segment', total: 12.5, userId: 'u1', items: [{ externalId: 'a', amount: 1, quantity: 2 }, { externalId: 'b', amount: 3 }] });
  });

  it('reports every malformed rule', () => {
    expect(checkMapping({ a: 'ok.path', b: '', c: [], d: 3, e: { each: 'x', fields: { f: 7 } } })).toEqual([
      { field: 'mapping.b', message: 'must be a dotted path' },
      { field: 'mapping.c', message: 'must be a non-empty list of dotted paths' },
      { field: 'mapping.d', message: 'must be a path, a list of paths, { const } or { each, fields }' },
      { field: 'mapping.e.fields.f', message: 'must be a path, a list of paths, { const } or { each, fields }' },
    ]);
  });
});

describe.each(DIALECTS)('event bindings on %s', (dialect) => {
  const server = useTestServer(dialect);
  let f: AttributionFixtures;
  let collaboratorId: number;
  const url = () => `/api/v1/workspaces/${server.workspaceId}/event-bindings`;
  const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object) =>
    server.inject({ method, url: path, headers: { authorization: bearer(server.operatorToken) }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    f = await AttributionFixtures.create(server);
    await f.program({ incentive_bps: 2000, lead_amount: 300, lead_currency: 'USD', approval: 'on_payment' });
    collaboratorId = await f.collaborator({ coupon: 'SEGMENT20' });
  });

  it('creates, reads, updates and deletes a binding, and refuses a second binding of the same event with 409', async () => {
    const created = await admin('POST', url(), { event_type: 'track', event_name: 'Purchase Made', slug: 'sale', mapping: { source: { const: 'app' }, externalId: 'properties.id', total: 'properties.amount' } });
    expect(created.statusCode).toBe(201);
    const binding = created.json();
    expect(binding).toMatchObject({ event_type: 'track', event_name: 'Purchase Made', slug: 'sale', enabled: true, template: null });
    expect((await admin('POST', url(), { event_type: 'track', event_name: 'Purchase Made', slug: 'lead', mapping: {} })).statusCode).toBe(409);
    expect((await admin('GET', `${url()}/${binding.id}`)).json().id).toBe(binding.id);
    const patched = await admin('PATCH', `${url()}/${binding.id}`, { enabled: false });
    expect(patched.json()).toMatchObject({ enabled: false, slug: 'sale' });
    expect((await admin('GET', url())).json().data.map((b: { id: number }) => b.id)).toContain(binding.id);
    expect((await admin('DELETE', `${url()}/${binding.id}`)).statusCode).toBe(204);
    expect((await admin('GET', `${url()}/${binding.id}`)).statusCode).toBe(404);
  });

  it('answers 400 with every field error for a binding without a type, an unknown slug and a bad mapping', async () => {
    const res = await admin('POST', url(), { event_name: 'X', slug: 'nope', mapping: { total: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.data.fields.map((e: { field: string }) => e.field).sort()).toEqual(['event_type', 'mapping.total', 'slug']);
  });

  it('hides bindings from another workspace\'s key', async () => {
    const other = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: 'Other' } });
    const otherId = other.json().id as string;
    const key = await server.inject({ method: 'POST', url: `/api/v1/workspaces/${otherId}/api-keys`, headers: { authorization: bearer(server.operatorToken) }, payload: { label: 'o', scopes: ['admin'] } });
    const res = await server.inject({ method: 'GET', url: url(), headers: { authorization: bearer(key.json().key) } });
    expect(res.statusCode).toBe(404);
  });

  it('turns Segment Order Completed and Order Refunded sent by @segment/analytics-node into a conversion, an obligation and its reversal', async () => {
    for (const template of ['segment-order-completed', 'segment-order-refunded', 'segment-signed-up']) {
      expect((await admin('POST', url(), { template })).statusCode).toBe(201);
    }
    const oid = await f.visit(collaboratorId, { userId: 'seg-user-1' });
    const host = await server.listen();
    const analytics = new Analytics({ writeKey: server.writeKey, host, flushAt: 1 });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));
    analytics.track({ userId: 'seg-user-1', event: 'Signed Up', properties: { plan: 'trial' } });
    analytics.track({
      userId: 'seg-user-1',
      event: 'Order Completed',
      properties: { order_id: 'seg-order-1', total: 59.9, currency: 'USD', products: [{ product_id: 'p1', name: 'Book', price: 29.95, quantity: 2 }] },
    });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const conversion = await waitFor(async () => (await f.conversions()).find((c) => c.kind === 'sale' && c.opportunity_id === oid), 'the Segment order to convert');
    expect(conversion).toMatchObject({ status: 'approved', amount: 1198, currency: 'USD', collaborator_id: collaboratorId });
    expect((await f.obligations()).find((o) => o.conversion_id === conversion.id)).toMatchObject({ status: 'pending', amount: 1198 });
    const transaction = (await f.transactions()).find((t) => t.external_id === 'seg-order-1')!;
    expect(transaction).toMatchObject({ source: 'segment', total: 5990, user_id: 'seg-user-1' });
    expect(JSON.parse(transaction.items)).toEqual([{ externalId: 'p1', name: 'Book', quantity: 2, amount: 2995 }]);
    const lead = await waitFor(async () => (await f.conversions()).find((c) => c.kind === 'lead' && c.opportunity_id === oid), 'the Signed Up lead');
    expect(lead).toMatchObject({ amount: 300, status: 'pending' });

    const refunds = new Analytics({ writeKey: server.writeKey, host, flushAt: 1 });
    refunds.track({ userId: 'seg-user-1', event: 'Order Refunded', properties: { order_id: 'seg-order-1', total: 59.9, currency: 'USD' } });
    await refunds.closeAndFlush({ timeout: 10_000 });
    await waitFor(async () => ((await f.conversions()).find((c) => c.id === conversion.id)?.status === 'rejected' ? true : undefined), 'the refund to reject the conversion');
    expect((await f.obligations()).find((o) => o.conversion_id === conversion.id)!.status).toBe('cancelled');
  });

  it('keeps a tracked event whose mapping builds an invalid body processed, with the 400 outcome recorded', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { authorization: basicAuth(server.writeKey) },
      payload: { userId: 'u', event: 'Order Completed', messageId: 'no-order-id', properties: { total: 'lots' } },
    });
    expect(res.statusCode).toBe(200);
    const row = await waitFor(async () => {
      const found = await f.db.selectFrom('inbox').selectAll().where('dedupe_key', '=', 'msg:no-order-id').executeTakeFirst();
      return found?.status === 'processed' ? found : undefined;
    }, 'the tracked event to be processed');
    const outcome = await f.db.selectFrom('domain_outcomes').selectAll().where('inbox_id', '=', row.id).executeTakeFirstOrThrow();
    expect(outcome).toMatchObject({ http_status: 400, error_code: 'validation_failed' });
    expect(JSON.parse(outcome.error_fields!).map((e: { field: string }) => e.field).sort()).toEqual(['externalId', 'total']);
  });
});
