import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIREN_TYPE_OF } from '../../../src/attribution/webhooks/index.ts';
import { DIALECTS } from '../../support/databases.ts';
import { startTestServer, waitFor, waitForInbox, type TestServer } from '../../support/harness.ts';
import { clientFor, fieldsOf, otherWorkspace, type Client } from '../api/api-client.ts';
import { AttributionFixtures } from '../fixtures/attribution-fixtures.ts';
import { Receiver } from '../../forward/receiver.ts';
import { constructEvent, verifiedEvents } from './siren-verify.ts';

/** The Siren types a flow's domain-event log announces, in log order. */
function announced(log: string[]): string[] {
  return log.flatMap((name) => {
    const type = (SIREN_TYPE_OF as Record<string, string | undefined>)[name];
    return type ? [type] : [];
  });
}

describe.each(DIALECTS)('Siren webhook subscriptions on %s', (dialect) => {
  let server: TestServer;
  let siren: Client;
  let operator: Client;
  let f: AttributionFixtures;
  let collaboratorId: number;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    // One request in flight per destination, so a receiver sees deliveries in the order they were queued.
    server = await startTestServer(dialect, { forwardAllowPrivateTargets: true, forwardRetryBaseMs: 10, forwardConcurrency: 1 });
    operator = clientFor(server, server.operatorToken);
    const key = (await operator.post(`/api/v1/workspaces/${server.workspaceId}/api-keys`, { label: 'siren' })).json().key as string;
    siren = clientFor(server, key);
    f = await AttributionFixtures.create(server);
    await f.program();
    collaboratorId = await f.collaborator({ name: 'Seller' });
  });
  afterAll(() => server?.close());
  afterEach(async () => {
    for (const subscription of (await siren.get('/siren/v1/webhooks')).json() as Array<{ id: number }>) {
      expect((await siren.delete(`/siren/v1/webhooks/${subscription.id}`)).statusCode).toBe(200);
    }
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
    // The inbox retries a failed event after a backoff (half a second and up), in whichever test
    // runs then: its flow would announce its events to that test's subscriptions.
    const failed = await operator.get(`/api/v1/workspaces/${server.workspaceId}/events/incoming?status=failed`);
    expect(failed.json().data.filter((event: { retryable: boolean }) => event.retryable), 'events left to be retried in a later test').toEqual([]);
  });

  async function subscribe(events: string[], description?: string) {
    const receiver = await Receiver.start();
    receivers.push(receiver);
    const res = await siren.post('/siren/v1/webhooks', { targetUrl: receiver.url, events, ...(description ? { description } : {}) });
    expect(res.statusCode).toBe(201);
    return { receiver, subscription: res.json() as Record<string, unknown> & { id: number; signingSecret: string } };
  }

  /** A referred visit; its Siren types (opportunity.created, engagement.created) in log order. */
  async function visit() {
    const res = await f.send('site-visited', { collaboratorId });
    expect(res.statusCode).toBe(200);
    return { oid: Number(res.headers['x-siren-oid']), types: announced(await f.log(res.headers['x-event-id'] as string)) };
  }

  /** A visit then a completed sale; `types` are the Siren types both flows announce, in order. */
  async function sale(externalId: string) {
    const referred = await visit();
    const res = await f.send('sale', { source: 'stripe', externalId, total: 49.99, trackingId: referred.oid, currency: 'USD' });
    expect(res.statusCode).toBe(200);
    const saleTypes = announced(await f.log(res.headers['x-event-id'] as string));
    return { oid: referred.oid, saleTypes, types: [...referred.types, ...saleTypes] };
  }

  it('creates a subscription with an integer id and shows the signing secret once', async () => {
    const { receiver, subscription } = await subscribe(['conversion.approved', 'payout.paid'], 'Accounting');
    expect(subscription).toEqual({
      id: expect.any(Number),
      targetUrl: receiver.url,
      events: ['conversion.approved', 'payout.paid'],
      description: 'Accounting',
      status: 'active',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      signingSecret: expect.stringMatching(/^whsec_/),
    });
    const list = await siren.get('/siren/v1/webhooks');
    expect(list.statusCode).toBe(200);
    const { signingSecret, ...shown } = subscription;
    expect(list.json()).toEqual([shown]);
    expect(list.body).not.toContain(signingSecret);
    const stored = await server.runtime.services.db.kysely.selectFrom('destinations').select('signing_secret').execute();
    expect(stored.map((row) => row.signing_secret).join()).not.toContain(signingSecret.slice(6));
  });

  it('answers 400 listing every unknown event type and every bad field', async () => {
    const res = await siren.post('/siren/v1/webhooks', { targetUrl: 42, events: ['sale.created', 'sale.exploded', 'Conversion.Approved', 7], description: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(fieldsOf(res)).toEqual(['description', 'events.1', 'events.2', 'events.3', 'targetUrl']);
    const messages = (res.json().error.data.fields as Array<{ message: string }>).map((field) => field.message).join(' ');
    expect(messages).toContain('"sale.exploded"');
    expect(messages).toContain('"Conversion.Approved"');

    const empty = await siren.post('/siren/v1/webhooks', { targetUrl: 'https://example.com/hook', events: [] });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty)).toEqual(['events']);
    const notObject = await siren.post('/siren/v1/webhooks', ['https://example.com/hook']);
    expect(notObject.statusCode).toBe(400);
  });

  it('refuses target URLs the SSRF guard refuses, even with private targets allowed', async () => {
    for (const targetUrl of ['ftp://example.com/hook', 'http://169.254.169.254/latest/meta-data', 'https://user:pass@example.com/hook']) {
      const res = await siren.post('/siren/v1/webhooks', { targetUrl, events: ['*'] });
      expect(res.statusCode, targetUrl).toBe(400);
      expect(res.json().error.code).toBe('url_not_allowed');
      expect(fieldsOf(res)).toEqual(['targetUrl']);
    }
    expect((await siren.get('/siren/v1/webhooks')).json()).toEqual([]);
  });

  it("answers 404 for another workspace's subscription and never lists it", async () => {
    const { subscription } = await subscribe(['*']);
    const other = await otherWorkspace(operator, `other-${dialect}`);
    const stranger = clientFor(server, other.key);
    expect((await stranger.get('/siren/v1/webhooks')).json()).toEqual([]);
    const res = await stranger.delete(`/siren/v1/webhooks/${subscription.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await siren.get('/siren/v1/webhooks')).json().map((s: { id: number }) => s.id)).toEqual([subscription.id]);
    expect((await siren.delete('/siren/v1/webhooks/999999')).statusCode).toBe(404);
    expect((await siren.delete('/siren/v1/webhooks/abc')).statusCode).toBe(404);
  });

  it('needs a full-access API key', async () => {
    expect((await server.inject({ method: 'GET', url: '/siren/v1/webhooks' })).statusCode).toBe(401);
    expect((await clientFor(server, f.key).get('/siren/v1/webhooks')).statusCode).toBe(403);
  });

  it('delivers a sale flow in order to a * subscription and only the subscribed types to a narrower one, signed as Siren signs', async () => {
    const all = await subscribe(['*']);
    const narrow = await subscribe(['obligation.created', 'sale.created']);
    const { oid, saleTypes, types: expected } = await sale('ord-webhooks-1');
    expect(expected.slice(0, 2)).toEqual(['opportunity.created', 'engagement.created']);
    expect(saleTypes.slice(0, 3)).toEqual(['sale.created', 'transaction.created', 'conversion.created']);
    expect(saleTypes).toEqual(expect.arrayContaining(['obligation.created', 'transaction.completed', 'conversion.approved']));

    await waitFor(() => (all.receiver.accepted.length === expected.length ? true : undefined), `${expected.length} deliveries to the * receiver`);
    await waitFor(() => (narrow.receiver.accepted.length === 2 ? true : undefined), 'two deliveries to the narrow receiver');

    const events = verifiedEvents(all.receiver.accepted, all.subscription.signingSecret);
    expect(events.map((event) => event.type)).toEqual(expected);
    expect(events[2]).toEqual({ type: 'sale.created', data: expect.objectContaining({ source: 'stripe', externalId: 'ord-webhooks-1', total: 4999, currency: 'USD', opportunityId: oid }), deliveryId: expect.any(String) });
    expect(new Set(events.map((event) => event.deliveryId)).size).toBe(events.length);
    expect(verifiedEvents(narrow.receiver.accepted, narrow.subscription.signingSecret).map((event) => event.type)).toEqual(['sale.created', 'obligation.created']);

    const request = all.receiver.accepted[2]!;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-signature']).toBeUndefined();
    expect(() => constructEvent(request.body, request.headers['x-siren-signature'], narrow.subscription.signingSecret)).toThrow('signature mismatch');
    expect(() => constructEvent(request.body.replace('4999', '4998'), request.headers['x-siren-signature'], all.subscription.signingSecret)).toThrow('signature mismatch');
  });

  it('queues deliveries in the flow transaction: a flow that fails after sale.created queues nothing, and its retry announces the sale', async () => {
    const { receiver } = await subscribe(['*']);
    const remove = server.runtime.services.attribution.bus.on('TransactionCreated', (payload) => {
      if (payload.externalId === 'ord-rolled-back') throw new Error('a plugin refuses this sale');
    });
    let inboundId: string;
    let referred: Awaited<ReturnType<typeof visit>>;
    try {
      referred = await visit();
      const res = await f.send('sale', { source: 'stripe', externalId: 'ord-rolled-back', total: 10, trackingId: referred.oid });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      inboundId = res.headers['x-event-id'] as string;
      expect(inboundId).toBeTruthy();
      const queued = await server.runtime.services.db.kysely.selectFrom('deliveries').select('id').where('event_id', '=', inboundId).execute();
      expect(queued).toEqual([]);
      // The visit's events were queued by its own (committed) flow; nothing of the failed sale was.
      await waitFor(() => (receiver.accepted.length === referred.types.length ? true : undefined), "the visit's events");
      expect(receiver.acceptedEvents().map((event) => event.type)).toEqual(referred.types);
    } finally {
      remove();
    }

    // The failed sale stays queued for a retry. Retried here, its events reach this test's
    // receiver; left to the inbox's backoff, they reached whichever later test was subscribed.
    const retried = await operator.post(`/api/v1/workspaces/${server.workspaceId}/events/incoming/${inboundId}/retry`);
    // 409: the worker's own retry claimed the event first, which ends the same way.
    expect([200, 409]).toContain(retried.statusCode);
    await waitForInbox(server, inboundId, 'processed');
    const saleTypes = announced(await f.log(inboundId));
    expect(saleTypes.slice(0, 3)).toEqual(['sale.created', 'transaction.created', 'conversion.created']);
    const expected = [...referred.types, ...saleTypes];
    await waitFor(() => (receiver.accepted.length === expected.length ? true : undefined), "the retried sale's events");
    expect(receiver.acceptedEvents().map((event) => event.type)).toEqual(expected);
  });

  it('a receiver that is down for a while gets every event once it is back, each with the same deliveryId as its failed attempts', async () => {
    const { receiver, subscription } = await subscribe(['*']);
    const failures = 5;
    receiver.behaviour = (index) => (index < failures ? 503 : 204);
    const first = await sale('ord-outage-1');
    const second = await sale('ord-outage-2');
    const expected = [...first.types, ...second.types];

    await waitFor(() => (receiver.accepted.length === expected.length ? true : undefined), `${expected.length} deliveries after the outage`, 20_000);
    const failed = receiver.requests.filter((request) => request.status === 503);
    expect(failed).toHaveLength(failures);
    const events = verifiedEvents(receiver.accepted, subscription.signingSecret);
    expect(events.map((event) => event.type).sort()).toEqual([...expected].sort());
    const delivered = new Set(events.map((event) => event.deliveryId));
    expect(delivered.size).toBe(expected.length);
    for (const request of failed) {
      const retried = receiver.accepted.find((accepted) => accepted.body === request.body);
      expect(retried, 'a failed delivery is retried with the same body and deliveryId').toBeDefined();
    }

    // The receiver answers before the worker commits the outcome: wait for the rows to settle.
    const rows = await waitFor(async () => {
      const found = await server.runtime.services.db.kysely
        .selectFrom('deliveries')
        .select(['id', 'status', 'attempt_count'])
        .where('id', 'in', [...delivered])
        .execute();
      return found.length === expected.length && found.every((row) => row.status === 'delivered') ? found : undefined;
    }, 'every delivery to be delivered');
    expect(rows.reduce((sum, row) => sum + row.attempt_count, 0)).toBe(expected.length + failures);
  });

  it('pauses a subscription whose receiver answers 410 Gone, and resumes it through its destination', async () => {
    const { receiver, subscription } = await subscribe(['sale.created']);
    receiver.behaviour = () => 410;
    await sale('ord-gone-1');
    const paused = await waitFor(async () => {
      const [shown] = (await siren.get('/siren/v1/webhooks')).json() as Array<{ status: string }>;
      return shown?.status === 'paused' ? shown : undefined;
    }, 'the subscription to be paused');
    expect(paused).toMatchObject({ id: subscription.id, status: 'paused' });
    expect(receiver.requests).toHaveLength(1);

    const { destination_id: destinationId } = await server.runtime.services.db.kysely
      .selectFrom('siren_webhooks')
      .select('destination_id')
      .where('id', '=', subscription.id)
      .executeTakeFirstOrThrow();
    const enabled = await server.inject({
      method: 'PUT',
      url: `/api/v1/workspaces/${server.workspaceId}/destinations/${destinationId}`,
      headers: { authorization: `Bearer ${server.operatorToken}` },
      payload: { enabled: true },
    });
    expect(enabled.statusCode).toBe(200);
    expect((await siren.get('/siren/v1/webhooks')).json()[0].status).toBe('active');
  });

  it("refuses to delete or rotate a subscription's destination through forwarding's API", async () => {
    const { subscription } = await subscribe(['*']);
    const { destination_id: destinationId } = await server.runtime.services.db.kysely
      .selectFrom('siren_webhooks')
      .select('destination_id')
      .where('id', '=', subscription.id)
      .executeTakeFirstOrThrow();
    const base = `/api/v1/workspaces/${server.workspaceId}/destinations/${destinationId}`;
    const rotated = await operator.post(`${base}/rotate-secret`);
    expect(rotated.statusCode).toBe(409);
    expect(rotated.json().error.code).toBe('conflict');
    expect((await operator.delete(base)).statusCode).toBe(409);
    expect((await siren.get('/siren/v1/webhooks')).json().map((s: { id: number }) => s.id)).toEqual([subscription.id]);
  });

  it('replays a delivery through forwarding with the same deliveryId and a valid signature', async () => {
    const { receiver, subscription } = await subscribe(['sale.created']);
    await sale('ord-replay-1');
    await waitFor(() => (receiver.accepted.length === 1 ? true : undefined), 'sale.created');
    const [original] = verifiedEvents(receiver.accepted, subscription.signingSecret);
    await waitFor(async () => {
      const row = await server.runtime.services.db.kysely.selectFrom('deliveries').select('status').where('id', '=', original!.deliveryId).executeTakeFirst();
      return row?.status === 'delivered' ? true : undefined;
    }, 'the delivery to settle');

    const replay = await operator.post(`/api/v1/workspaces/${server.workspaceId}/deliveries/${original!.deliveryId}/replay`);
    expect(replay.statusCode).toBeLessThan(300);
    await waitFor(() => (receiver.accepted.length === 2 ? true : undefined), 'the replayed delivery');
    const replayed = verifiedEvents(receiver.accepted, subscription.signingSecret)[1]!;
    expect(replayed).toEqual(original);
    expect(receiver.accepted[1]!.body).toBe(receiver.accepted[0]!.body);
  });

  it("announces an admin action's events too (a conversion approved by hand)", async () => {
    const { receiver, subscription } = await subscribe(['conversion.approved']);
    const referred = await visit();
    const pending = await f.send('sale', { source: 'stripe', externalId: 'ord-review-1', total: 20, trackingId: referred.oid, status: 'pending' });
    expect(pending.statusCode).toBe(200);
    const conversion = (await f.conversions()).find((row) => row.opportunity_id === referred.oid)!;
    expect(conversion.status).toBe('pending');
    const approved = await operator.post(`/api/v1/workspaces/${server.workspaceId}/conversions/${conversion.id}/approve`);
    expect(approved.statusCode).toBe(200);
    await waitFor(() => (receiver.accepted.length === 1 ? true : undefined), 'conversion.approved');
    expect(verifiedEvents(receiver.accepted, subscription.signingSecret)).toEqual([
      { type: 'conversion.approved', data: expect.objectContaining({ conversionId: conversion.id, by: 'admin' }), deliveryId: expect.any(String) },
    ]);
  });

  it('stops queueing for a deleted subscription', async () => {
    const { receiver, subscription } = await subscribe(['sale.created']);
    expect((await siren.delete(`/siren/v1/webhooks/${subscription.id}`)).json()).toMatchObject({ id: subscription.id, status: 'active' });
    const kept = await subscribe(['sale.created']);
    await sale('ord-after-delete');
    await waitFor(() => (kept.receiver.accepted.length === 1 ? true : undefined), 'the remaining subscription to get sale.created');
    expect(receiver.requests).toEqual([]);
  });
});
