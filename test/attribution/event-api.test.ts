import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer } from '../support/harness.ts';
import { AttributionFixtures } from './fixtures/attribution-fixtures.ts';

describe.each(DIALECTS)('POST /event/{slug} on %s', (dialect) => {
  const server = useTestServer(dialect);
  let f: AttributionFixtures;
  let collaboratorId: number;

  beforeAll(async () => {
    f = await AttributionFixtures.create(server);
    await f.program();
    collaboratorId = await f.collaborator();
  });

  const keyWith = async (scopes: string[]) => {
    const res = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/api-keys`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { label: 'k', scopes },
    });
    return res.json().key as string;
  };

  it('answers 404 not_found for an unknown slug', async () => {
    const res = await f.send('no-such-slug', {});
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('answers 401 without a key and 403 with a key that lacks events:write', async () => {
    const anonymous = await server.inject({ method: 'POST', url: '/event/sale', payload: { source: 's', externalId: 'x', total: 1 } });
    expect(anonymous.statusCode).toBe(401);
    const readOnly = await f.send('sale', { source: 's', externalId: 'x', total: 1 }, { authorization: bearer(await keyWith(['events:read'])) });
    expect(readOnly.statusCode).toBe(403);
    expect(readOnly.json().error.code).toBe('forbidden');
  });

  it('answers 400 listing every field error in error.data.fields, in Siren\'s error body', async () => {
    const res = await f.send('sale', { externalId: '', total: 12.345, currency: 'US', trackingId: 'abc', items: [{ name: 'x', amount: 1.001 }] });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    const fields = error.data.fields.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['currency', 'externalId', 'items.0.amount', 'source', 'total', 'trackingId']);
    const money = await f.send('sale', { source: 's', externalId: 'm', total: 12.345, items: [{ name: 'x', amount: '1.001' }] });
    expect(money.json().error.data.fields.map((e: { field: string }) => e.field)).toEqual(['total', 'items.0.amount']);
  });

  it('treats null optional fields as absent (currency defaults to USD)', async () => {
    const res = await f.send('sale', { source: 'sdk', externalId: 'nulls-1', total: 5, currency: null, trackingId: null, userId: null, email: null, coupon: null });
    expect(res.statusCode).toBe(200);
    expect((await f.transactions()).find((t) => t.external_id === 'nulls-1')).toMatchObject({ currency: 'USD', total: 500, opportunity_id: null });
  });

  it('serves the same route under /siren/v1 for Siren\'s SDKs', async () => {
    const res = await f.send('site-visited', { collaboratorId }, {}, '/siren/v1');
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['x-siren-oid'])).toBeGreaterThan(0);
  });

  it('answers a CORS preflight and exposes X-Siren-OID to scripts', async () => {
    const res = await server.inject({
      method: 'OPTIONS',
      url: '/siren/v1/event/site-visited',
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-siren-oid' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('x-siren-oid');
    const post = await f.send('site-visited', { collaboratorId }, { origin: 'https://shop.example.com' });
    expect(post.headers['access-control-expose-headers']).toContain('X-Siren-OID');
  });

  it('lets a workspace make site-visited public for allowed origins only', async () => {
    const visit = (origin: string) =>
      server.inject({ method: 'POST', url: `/event/site-visited?workspace_id=${server.workspaceId}`, headers: { origin }, payload: { collaboratorId } });
    expect((await visit('https://shop.example.com')).statusCode).toBe(401);
    const put = await server.inject({
      method: 'PUT',
      url: `/api/v1/workspaces/${server.workspaceId}/attribution-settings`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { public_slugs: ['site-visited'], allowed_origins: ['https://shop.example.com'] },
    });
    expect(put.statusCode).toBe(200);
    const allowed = await visit('https://shop.example.com');
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['set-cookie']).toContain(`siren_oid=${allowed.headers['x-siren-oid']}`);
    expect((await visit('https://evil.example.net')).statusCode).toBe(403);
    const sale = await server.inject({ method: 'POST', url: `/event/sale?workspace_id=${server.workspaceId}`, headers: { origin: 'https://shop.example.com' }, payload: { source: 's', externalId: 'p', total: 1 } });
    expect(sale.statusCode).toBe(401);
    const bad = await server.inject({
      method: 'PUT',
      url: `/api/v1/workspaces/${server.workspaceId}/attribution-settings`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { public_slugs: ['sale'], allowed_origins: ['not an origin'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.data.fields.map((e: { field: string }) => e.field).sort()).toEqual(['allowed_origins.0', 'public_slugs.0']);
  });

  it('reads the opportunity from the cookie when there is no header or trackingId', async () => {
    const oid = await f.visit(collaboratorId);
    const sale = await f.send('sale', { source: 'web', externalId: 'cookie-1', total: 10 }, { cookie: `other=1; siren_oid=${oid}` });
    expect(sale.headers['x-siren-oid']).toBe(String(oid));
    expect((await f.conversions()).some((c) => c.opportunity_id === oid)).toBe(true);
  });

  it('answers 404 for a refund of an unknown sale and records it, never a 500', async () => {
    const res = await f.send('refund', { source: 'stripe', externalId: 'never-sold' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    const inbox = await f.db.selectFrom('inbox').selectAll().where('id', '=', res.headers['x-event-id'] as string).executeTakeFirstOrThrow();
    expect(inbox.status).toBe('processed');
    expect(await f.log(inbox.id)).toEqual([]);
  });

  it('answers a repeated sale like the first and changes nothing (Siren\'s SDK retries)', async () => {
    const oid = await f.visit(collaboratorId);
    const body = { source: 'stripe', externalId: 'retry-1', total: 30, trackingId: oid };
    const first = await f.send('sale', body);
    const countsBefore = [(await f.conversions()).length, (await f.obligations()).length, (await f.transactions()).length];
    const again = await f.send('sale', body);
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.headers['x-siren-oid']).toBe(first.headers['x-siren-oid']);
    expect(again.headers['x-event-id']).toBe(first.headers['x-event-id']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect([(await f.conversions()).length, (await f.obligations()).length, (await f.transactions()).length]).toEqual(countsBefore);
  });

  it('deduplicates by Idempotency-Key when the body has no external id, and refuses the key with another body', async () => {
    const key = { 'idempotency-key': `visit-${dialect}-1` };
    const first = await f.send('site-visited', { collaboratorId }, key);
    const again = await f.send('site-visited', { collaboratorId }, key);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['x-event-id']).toBe(first.headers['x-event-id']);
    expect(again.headers['x-siren-oid']).toBe(first.headers['x-siren-oid']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // Without the key the same body is a new visit.
    const unkeyed = await f.send('site-visited', { collaboratorId });
    expect(unkeyed.headers['x-event-id']).not.toBe(first.headers['x-event-id']);

    const reused = await f.send('site-visited', { collaboratorId, userId: 'someone-else' }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });

  /** Sends the body text exactly as given: key order and number spellings reach the server. */
  const sendText = (slug: string, text: string, headers: Record<string, string> = {}, prefix = '') => f.send(slug, text, { 'content-type': 'application/json', ...headers }, prefix);

  it('answers a sale re-sent with its keys reordered and its numbers spelled differently as a replay', async () => {
    const first = await sendText('sale', '{"source":"stripe","externalId":"meaning-1","total":49.99,"currency":"USD","items":[{"name":"Pro","amount":49.99,"quantity":1}]}');
    expect(first.statusCode, first.body).toBe(200);
    const again = await sendText('sale', '{ "items": [ { "quantity": 1, "amount": 49.990, "name": "Pro" } ], "currency": "USD", "total": 4999e-2, "externalId": "meaning-1", "source": "stripe" }', {}, '/siren/v1');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['x-event-id']).toBe(first.headers['x-event-id']);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses a sale re-sent with the same source and externalId but another total with 422 event_already_reported, and keeps the first', async () => {
    const first = await f.send('sale', { source: 'stripe', externalId: 'changed-total', total: 30 });
    expect(first.statusCode).toBe(200);
    for (const prefix of ['', '/siren/v1']) {
      const changed = await f.send('sale', { source: 'stripe', externalId: 'changed-total', total: 31 }, {}, prefix);
      expect(changed.statusCode, changed.body).toBe(422);
      expect(changed.json().error.code).toBe('event_already_reported');
      expect(changed.headers['idempotent-replayed']).toBeUndefined();
    }
    expect((await f.transactions()).filter((t) => t.external_id === 'changed-total').map((t) => t.total)).toEqual([3000]);
  });

  it('answers a sale retried with another opportunity hint (X-Siren-OID, cookie) as a replay: the hint is not the event', async () => {
    const oid = await f.visit(collaboratorId);
    const body = { source: 'stripe', externalId: 'hint-retry', total: 12 };
    const first = await f.send('sale', body, { 'x-siren-oid': String(oid) });
    const again = await f.send('sale', body, { cookie: `siren_oid=${oid + 1000}` });
    const bare = await f.send('sale', body);
    for (const retry of [again, bare]) {
      expect(retry.statusCode, retry.body).toBe(200);
      expect(retry.headers['x-event-id']).toBe(first.headers['x-event-id']);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    }
  });

  it('refuses a refund re-sent with the same refundId but another amount, and replays the same one', async () => {
    await f.send('sale', { source: 'stripe', externalId: 'refund-id-sale', total: 50 });
    const first = await f.send('refund', { source: 'stripe', externalId: 'refund-id-sale', refundId: 're_1', amount: 10 });
    expect(first.statusCode, first.body).toBe(200);
    const same = await sendText('refund', '{"refundId":"re_1","amount":10.00,"externalId":"refund-id-sale","source":"stripe"}');
    expect(same.headers['x-event-id']).toBe(first.headers['x-event-id']);
    const changed = await f.send('refund', { source: 'stripe', externalId: 'refund-id-sale', refundId: 're_1', amount: 20 });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('event_already_reported');
  });

  it('refuses a lead or a renewal re-sent with the same source and externalId but another body', async () => {
    const lead = await f.send('lead', { source: 'form', externalId: 'lead-twice', email: 'a@example.com' });
    expect(lead.statusCode, lead.body).toBe(200);
    expect((await f.send('lead', { email: 'a@example.com', externalId: 'lead-twice', source: 'form' })).headers['x-event-id']).toBe(lead.headers['x-event-id']);
    const otherLead = await f.send('lead', { source: 'form', externalId: 'lead-twice', email: 'b@example.com' });
    expect(otherLead.json().error.code).toBe('event_already_reported');

    await f.send('sale', { source: 'stripe', externalId: 'renewed-sale', total: 30 });
    const renewal = await f.send('renewal', { source: 'stripe', externalId: 'renewal-twice', originalExternalId: 'renewed-sale', total: 30 });
    expect(renewal.statusCode, renewal.body).toBe(200);
    const otherRenewal = await f.send('renewal', { source: 'stripe', externalId: 'renewal-twice', originalExternalId: 'renewed-sale', total: 35 });
    expect(otherRenewal.statusCode).toBe(422);
    expect(otherRenewal.json().error.code).toBe('event_already_reported');
  });

  it('in a race of 10 + 10 sales with two totals under one source and externalId, answers one total as replays and the other 422', async () => {
    const body = (total: number) => ({ source: 'stripe', externalId: 'race-sale', total });
    const plan = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 30 : 31));
    const answers = await Promise.all(plan.map(async (total) => ({ total, res: await f.send('sale', body(total)) })));
    const stored = (await f.transactions()).filter((t) => t.external_id === 'race-sale');
    expect(stored).toHaveLength(1);
    const winner = stored[0]!.total / 100;
    const ids = new Set<string>();
    for (const { total, res } of answers) {
      if (total === winner) {
        expect(res.statusCode, res.body).toBe(200);
        ids.add(res.headers['x-event-id'] as string);
      } else {
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().error.code).toBe('event_already_reported');
      }
    }
    expect(ids.size).toBe(1);
  });

  it('compares an Idempotency-Key repeat by meaning, without the opportunity hint', async () => {
    const oid = await f.visit(collaboratorId);
    const key = { 'idempotency-key': `meaning-${dialect}` };
    const first = await sendText('site-visited', `{"collaboratorId":${collaboratorId},"userId":"k-1"}`, key);
    expect(first.statusCode, first.body).toBe(200);
    const again = await sendText('site-visited', `{ "userId": "k-1", "collaboratorId": ${collaboratorId}.0 }`, { ...key, 'x-siren-oid': String(oid) });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['x-event-id']).toBe(first.headers['x-event-id']);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('answers 400 for a malformed Idempotency-Key', async () => {
    const res = await f.send('site-visited', { collaboratorId }, { 'idempotency-key': 'x'.repeat(256) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.data.fields).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  });

  it('answers a repeated refund like the first and refunds once', async () => {
    const oid = await f.visit(collaboratorId);
    await f.send('sale', { source: 'stripe', externalId: 'refund-twice', total: 30, trackingId: oid });
    const first = await f.send('refund', { source: 'stripe', externalId: 'refund-twice' });
    const again = await f.send('refund', { source: 'stripe', externalId: 'refund-twice' });
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.headers['x-event-id']).toBe(first.headers['x-event-id']);
    const refunds = await f.db.selectFrom('attribution_refunds').selectAll().execute();
    expect(refunds.filter((r) => r.refund_key === 'full')).toHaveLength(1);
  });

  it('records a sale with no attributable opportunity as a transaction with no conversion', async () => {
    const res = await f.send('sale', { source: 'stripe', externalId: 'organic-1', total: 15 });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-siren-oid']).toBeUndefined();
    expect(await f.log(res.headers['x-event-id'] as string)).toEqual(['SaleTriggered', 'TransactionCreateRequested', 'TransactionCreated', 'TransactionCompleted']);
    const transaction = (await f.transactions()).find((t) => t.external_id === 'organic-1')!;
    expect(transaction).toMatchObject({ opportunity_id: null, total: 1500, status: 'complete' });
    expect((await f.conversions()).filter((c) => c.transaction_id === transaction.id)).toEqual([]);
  });

  it('a second sale on the same opportunity stores the transaction but earns nothing (the engagement is used)', async () => {
    const oid = await f.visit(collaboratorId);
    await f.send('sale', { source: 'stripe', externalId: 'first-of-two', total: 10, trackingId: oid });
    const second = await f.send('sale', { source: 'stripe', externalId: 'second-of-two', total: 10, trackingId: oid });
    expect(await f.log(second.headers['x-event-id'] as string)).toEqual(['SaleTriggered', 'TransactionCreateRequested', 'TransactionCreated', 'ConversionInitialized', 'TransactionCompleted']);
    expect((await f.conversions()).filter((c) => c.opportunity_id === oid)).toHaveLength(1);
  });
});
