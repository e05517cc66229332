import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, waitFor, type TestServer } from '../support/harness.ts';
import { forwardingApi, insertTransformation } from './forward-support.ts';
import { verifySignature, type Receiver } from './receiver.ts';

describe.each(DIALECTS)('webhook delivery on %s', (dialect) => {
  let server: TestServer;
  let api: ReturnType<typeof forwardingApi>;
  const receivers: Receiver[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect, { forwardAllowPrivateTargets: true, forwardRetryBaseMs: 20, forwardTimeoutMs: 8000 });
    api = forwardingApi(server);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });
  afterAll(() => server?.close());

  const wire = async (options: Parameters<ReturnType<typeof forwardingApi>['wire']>[0]) => {
    const wired = await api.wire(options);
    receivers.push(wired.receiver);
    return wired;
  };

  it('delivers matching events as signed Standard Webhooks requests with the destination headers', async () => {
    const { receiver, destinationId, secret } = await wire({ eventNames: ['Signed Test'] });
    const messageIds = await api.track([
      { event: 'Signed Test', properties: { n: 1, total: 4999 } },
      { event: 'Not Forwarded' },
      { event: 'Signed Test', properties: { n: 2 } },
      { event: 'Signed Test', properties: { n: 3 } },
    ]);
    const deliveries = await api.settled(destinationId, 3, ['delivered']);
    expect(receiver.requests).toHaveLength(3);
    for (const request of receiver.requests) {
      const verified = verifySignature(secret, request) as Record<string, any>;
      expect(verified.event).toBe('Signed Test');
      expect(request.headers.authorization).toBe('Bearer receiver-token-0123456789');
      expect(request.headers['content-type']).toBe('application/json');
      const delivery = deliveries.find((row) => row.event_id === verified.id)!;
      expect(request.headers['webhook-id']).toBe(delivery.id);
      expect(delivery.webhook_id).toBe(delivery.id);
      expect(delivery.attempts).toEqual([expect.objectContaining({ status_code: 204, error: null })]);
    }
    const bodies = receiver.acceptedEvents();
    expect(bodies.map((body) => body.properties).sort((a: any, b: any) => a.n - b.n)).toEqual([{ n: 1, total: 4999 }, { n: 2 }, { n: 3 }]);
    expect(bodies.map((body) => body.message_id).sort()).toEqual([messageIds[0], messageIds[2], messageIds[3]].sort());
    expect(bodies[0]).toMatchObject({ type: 'track', user_id: 'user-1' });
    const tampered = { ...receiver.requests[0]!, body: receiver.requests[0]!.body.replace('Signed Test', 'Signed Tesx') };
    expect(() => verifySignature(secret, tampered)).toThrow();
  });

  it('signs with the old and the new secret for a day after a rotation', async () => {
    const { receiver, destinationId, secret: oldSecret } = await wire({ eventNames: ['Rotate Test'] });
    const rotated = await api.call('POST', `/destinations/${destinationId}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().signing_secret as string;
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(rotated.json().previous_secret_expires_at) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await api.track([{ event: 'Rotate Test' }]);
    await api.settled(destinationId, 1, ['delivered']);
    const [request] = receiver.requests;
    expect(String(request!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifySignature(newSecret, request!)).toMatchObject({ event: 'Rotate Test' });
    expect(verifySignature(oldSecret, request!)).toMatchObject({ event: 'Rotate Test' });
  });

  it('forwards what a contract lets through and nothing it blocks', async () => {
    const contract = await api.call('POST', '/event-contracts', {
      name: 'orders need an id',
      event_type: 'track',
      event_name: 'Contract Test',
      schema_definition: { properties: { order_id: { type: 'string', required: true } } },
      enforcement_mode: 'block',
    });
    expect(contract.statusCode).toBe(201);
    const { receiver, destinationId } = await wire({ eventNames: ['Contract Test'] });
    const [, blockedId] = await api.track([
      { event: 'Contract Test', properties: { order_id: 'ORD-1' } },
      { event: 'Contract Test', properties: { total: 5 } },
    ]);
    await api.settled(destinationId, 1, ['delivered']);
    await waitFor(async () => {
      const row = await server.runtime.services.db.kysely.selectFrom('inbox').select('status').where('dedupe_key', 'like', `%${blockedId}`).executeTakeFirst();
      return row?.status === 'blocked' ? true : undefined;
    }, 'the event without order_id to be blocked');
    expect(await api.deliveries(destinationId)).toHaveLength(1);
    expect(receiver.acceptedEvents().map((event) => event.properties)).toEqual([{ order_id: 'ORD-1' }]);
  });

  it('retries a failing receiver until it recovers; every event arrives once with a stable webhook-id', async () => {
    const { receiver, destinationId } = await wire({ eventNames: ['Flaky Test'], behaviour: (index) => (index < 4 ? 500 : 200) });
    await api.track([{ event: 'Flaky Test', properties: { n: 1 } }, { event: 'Flaky Test', properties: { n: 2 } }]);
    const deliveries = await api.settled(destinationId, 2, ['delivered']);
    const accepted = receiver.acceptedEvents();
    expect(accepted).toHaveLength(2);
    expect(new Set(accepted.map((event) => event.id)).size).toBe(2);
    const idsByEvent = new Map<string, Set<string>>();
    for (const request of receiver.requests) {
      const eventId = (JSON.parse(request.body) as { id: string }).id;
      idsByEvent.set(eventId, (idsByEvent.get(eventId) ?? new Set()).add(String(request.headers['webhook-id'])));
    }
    for (const ids of idsByEvent.values()) expect(ids.size).toBe(1);
    const attempts = deliveries.flatMap((row) => row.attempts);
    expect(attempts).toHaveLength(receiver.requests.length);
    expect(attempts.filter((attempt) => attempt.status_code === 500)).toHaveLength(4);
    expect(attempts.find((attempt) => attempt.status_code === 500)).toMatchObject({ error: expect.stringContaining('HTTP 500') });
    expect(deliveries.every((row) => row.attempt_count === row.attempts.length)).toBe(true);
  });

  it('waits as long as Retry-After asks before the next attempt', async () => {
    const { receiver, destinationId } = await wire({
      eventNames: ['Busy Test'],
      behaviour: (index) => (index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : 204),
    });
    await api.track([{ event: 'Busy Test' }]);
    const [delivery] = await api.settled(destinationId, 1, ['delivered']);
    expect(delivery!.attempts.map((attempt: { status_code: number }) => attempt.status_code)).toEqual([429, 204]);
    expect(receiver.requests[1]!.at - receiver.requests[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('keeps delivering to one destination while another hangs', async () => {
    const hanging = await wire({ eventNames: ['Hang Test'], behaviour: () => 'hang' });
    const healthy = await wire({ eventNames: ['Hang Test'] });
    // More events than the per-destination bound, so the hanging receiver could be sent more.
    const bound = server.config.forwardConcurrency;
    const count = bound + 2;
    await api.track(Array.from({ length: count }, (_, n) => ({ event: 'Hang Test', properties: { n } })));
    await api.settled(healthy.destinationId, count, ['delivered']);
    expect(healthy.receiver.accepted).toHaveLength(count);
    // The hanging receiver holds as many requests as the per-destination bound allows, none
    // answered, none settled yet: it held up nothing else.
    await waitFor(() => (hanging.receiver.requests.length >= bound ? true : undefined), 'the hanging receiver to be called');
    expect(hanging.receiver.requests).toHaveLength(bound);
    expect(hanging.receiver.requests.every((request) => request.status === null)).toBe(true);
    const stuck = await api.deliveries(hanging.destinationId);
    expect(stuck.every((row) => row.attempts.length === 0 && row.status !== 'delivered')).toBe(true);
  });

  it('spaces requests to a destination by its rate limit', async () => {
    const { receiver, destinationId } = await wire({ eventNames: ['Rate Test'], destination: { rate_limit: 5 } });
    await api.track(Array.from({ length: 4 }, (_, n) => ({ event: 'Rate Test', properties: { n } })));
    await api.settled(destinationId, 4, ['delivered']);
    const times = receiver.requests.map((request) => request.at).sort((a, b) => a - b);
    // 5 per second: one request every 200 ms, so four span at least 600 ms (minus timer slack).
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(560);
  });

  it('counts a 2xx as delivered when its headers arrive, even if the body never ends', async () => {
    const { destinationId } = await wire({ eventNames: ['Slow Body Test'], behaviour: () => ({ status: 200, holdBody: true }) });
    const started = Date.now();
    await api.track([{ event: 'Slow Body Test' }]);
    const [delivery] = await api.settled(destinationId, 1, ['delivered']);
    expect(delivery!.attempts).toEqual([expect.objectContaining({ status_code: 200, error: null })]);
    expect(Date.now() - started).toBeLessThan(server.config.forwardTimeoutMs);
  });

  it('treats a 4xx as final and a 410 as final that disables the destination', async () => {
    const rejecting = await wire({ eventNames: ['Reject Test'], behaviour: () => 422 });
    const gone = await wire({ eventNames: ['Gone Test'], behaviour: () => 410 });
    await api.track([{ event: 'Reject Test' }, { event: 'Gone Test' }]);
    const [rejected] = await api.settled(rejecting.destinationId, 1, ['failed']);
    expect(rejected!.attempts).toEqual([expect.objectContaining({ status_code: 422, error: 'HTTP 422: receiver says 422' })]);
    await api.settled(gone.destinationId, 1, ['failed']);
    const destination = (await api.call('GET', `/destinations/${gone.destinationId}`)).json();
    expect(destination.enabled).toBe(false);
    expect(destination.disabled_reason).toContain('410');
    // A disabled destination gets no new deliveries.
    const [messageId] = await api.track([{ event: 'Gone Test' }]);
    await waitFor(async () => {
      const row = await server.runtime.services.db.kysely.selectFrom('events').select('id').where('message_id', '=', messageId!).executeTakeFirst();
      return row ?? undefined;
    }, 'the event to be processed');
    expect(await api.deliveries(gone.destinationId)).toHaveLength(1);
    expect(rejecting.receiver.requests).toHaveLength(1);
  });

  it('sends JSON arrays to a destination with a batch size above one', async () => {
    const { receiver, destinationId, secret } = await wire({ eventNames: ['Batch Test'], destination: { batch_size: 10 } });
    await api.track(Array.from({ length: 6 }, (_, n) => ({ event: 'Batch Test', properties: { n } })));
    const deliveries = await api.settled(destinationId, 6, ['delivered']);
    for (const request of receiver.requests) {
      expect(Array.isArray(verifySignature(secret, request))).toBe(true);
    }
    expect(receiver.requests.length).toBeLessThan(6);
    expect(receiver.acceptedEvents().map((event) => (event.properties as { n: number }).n).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const webhookIds = new Set(deliveries.map((row) => row.webhook_id));
    expect(webhookIds.size).toBe(receiver.requests.length);
  });

  it('retries a failed batch whole: the same body under the same webhook-id, each row settled by the batch outcome', async () => {
    // Each batch fails twice, then is accepted.
    const seen = new Map<string, number>();
    const { receiver, destinationId, secret } = await wire({
      eventNames: ['Batch Retry Test'],
      destination: { batch_size: 50 },
      behaviour: (_index, request) => {
        const id = String(request.headers['webhook-id']);
        seen.set(id, (seen.get(id) ?? 0) + 1);
        return seen.get(id)! <= 2 ? 503 : 200;
      },
    });
    await api.track(Array.from({ length: 5 }, (_, n) => ({ event: 'Batch Retry Test', properties: { n } })));
    const deliveries = await api.settled(destinationId, 5, ['delivered']);
    const webhookIds = new Set(receiver.requests.map((request) => String(request.headers['webhook-id'])));
    const bodies = new Set(receiver.requests.map((request) => request.body));
    // However the 5 rows were grouped, each group went out 3 times (503, 503, 200) with one id and one body.
    expect(receiver.requests.length).toBe(3 * webhookIds.size);
    expect(bodies.size).toBe(webhookIds.size);
    for (const request of receiver.requests) expect(Array.isArray(verifySignature(secret, request))).toBe(true);
    expect(new Set(deliveries.map((row) => row.webhook_id))).toEqual(webhookIds);
    for (const row of deliveries) {
      expect(row.attempts.map((attempt: { status_code: number | null }) => attempt.status_code)).toEqual([503, 503, 200]);
      expect(row.attempt_count).toBe(3);
    }
    const delivered = receiver.requests.filter((request) => request.status === 200).flatMap((request) => JSON.parse(request.body) as { properties: { n: number } }[]);
    expect(delivered.map((event) => event.properties.n).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('applies the rule transformation at delivery time; a throwing one fails only its delivery, which replays once fixed', async () => {
    const enrich = await insertTransformation(server, "function transform(event) { event.properties.tier = event.properties.total > 100 ? 'high_value' : 'standard'; return event; }");
    const broken = await insertTransformation(server, "function transform(event) { throw new Error('boom at ' + event.event); }");
    const dropping = await insertTransformation(server, 'function transform(event) { return null; }');
    const enriched = await wire({ eventNames: ['Transform Test'], transformationId: enrich });
    const failing = await wire({ eventNames: ['Transform Test'], transformationId: broken });
    const dropped = await wire({ eventNames: ['Transform Test'], transformationId: dropping });
    await api.track([{ event: 'Transform Test', properties: { total: 150 } }]);
    await api.settled(enriched.destinationId, 1, ['delivered'], 20_000);
    expect(enriched.receiver.acceptedEvents()[0]!.properties).toEqual({ total: 150, tier: 'high_value' });
    const [failed] = await api.settled(failing.destinationId, 1, ['failed'], 20_000);
    expect(failed!.last_error).toContain('boom at Transform Test');
    expect(failed!.attempts).toEqual([expect.objectContaining({ status_code: null, error: expect.stringContaining('boom') })]);
    expect(failing.receiver.requests).toHaveLength(0);
    await api.settled(dropped.destinationId, 1, ['dropped'], 20_000);
    expect(dropped.receiver.requests).toHaveLength(0);
    // Fix the code, replay the failed delivery: it goes out once, through the fixed code.
    await server.runtime.services.db.kysely
      .updateTable('event_transformations')
      .set({ source_code: "function transform(event) { event.properties.fixed = true; return event; }" })
      .where('id', '=', broken)
      .execute();
    expect((await api.call('POST', `/deliveries/${failed!.id}/replay`)).statusCode).toBe(200);
    const [replayed] = await api.settled(failing.destinationId, 1, ['delivered'], 20_000);
    expect(replayed!.attempts).toHaveLength(2);
    expect(failing.receiver.acceptedEvents()).toEqual([expect.objectContaining({ properties: { total: 150, fixed: true } })]);
    // The event itself was processed normally: a transformation never fails the pipeline.
    const incoming = await server.runtime.services.db.kysely.selectFrom('inbox').select('status').where('id', '=', failed!.event_id).executeTakeFirstOrThrow();
    expect(incoming.status).toBe('processed');
  });
});

describe.each(DIALECTS)('dead letters and replay on %s', (dialect) => {
  let server: TestServer;
  let api: ReturnType<typeof forwardingApi>;
  let receiver: Receiver | undefined;
  beforeAll(async () => {
    server = await startTestServer(dialect, { forwardAllowPrivateTargets: true, forwardRetryBaseMs: 20, forwardRetryBudgetMs: 300 });
    api = forwardingApi(server);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  it('turns deliveries into dead letters after the retry budget and replays them once', async () => {
    const wired = await api.wire({ eventNames: ['Dead Test'], behaviour: () => 503 });
    receiver = wired.receiver;
    await api.track([{ event: 'Dead Test', properties: { n: 1 } }, { event: 'Dead Test', properties: { n: 2 } }]);
    const dead = await api.settled(wired.destinationId, 2, ['dead']);
    expect(dead.every((row) => row.attempts.length >= 1 && row.last_status_code === 503)).toBe(true);
    const failedRequests = wired.receiver.requests.length;

    wired.receiver.behaviour = () => 204;
    const replay = await api.call('POST', '/deliveries/replay', { destination_id: wired.destinationId });
    expect(replay.json()).toEqual({ replayed: 2 });
    const again = await api.call('POST', '/deliveries/replay', {});
    expect(again.json()).toEqual({ replayed: 0 });
    const delivered = await api.settled(wired.destinationId, 2, ['delivered']);
    expect(wired.receiver.requests.length - failedRequests).toBe(2);
    expect(wired.receiver.acceptedEvents().map((event) => (event.properties as { n: number }).n).sort()).toEqual([1, 2]);
    // The replayed request carries the webhook-id of the failed attempts.
    for (const row of delivered) {
      const ids = wired.receiver.requests.filter((request) => (JSON.parse(request.body) as { id: string }).id === row.event_id).map((request) => request.headers['webhook-id']);
      expect(new Set(ids)).toEqual(new Set([row.id]));
    }

    const one = delivered[0]!;
    const single = await api.call('POST', `/deliveries/${one.id}/replay`);
    expect(single.statusCode).toBe(200);
    expect(single.json().status).toBe('pending');
    await api.settled(wired.destinationId, 2, ['delivered']);
    expect(wired.receiver.accepted).toHaveLength(3);
    const filtered = await api.call('GET', `/deliveries?event_id=${one.event_id}`);
    expect(filtered.json().data).toHaveLength(1);
    expect((await api.call('POST', '/deliveries/00000000-0000-7000-8000-000000000000/replay')).statusCode).toBe(404);
    expect((await api.call('POST', '/deliveries/replay', { status: 'pending' })).statusCode).toBe(400);
  });

  it('pages deliveries newest first with a cursor and rejects unknown status filters', async () => {
    const page1 = (await api.call('GET', '/deliveries?limit=1')).json();
    expect(page1.data).toHaveLength(1);
    expect(page1.has_more).toBe(true);
    const page2 = (await api.call('GET', `/deliveries?limit=1&cursor=${page1.next_cursor}`)).json();
    expect(page2.data[0].id < page1.data[0].id).toBe(true);
    const bad = await api.call('GET', '/deliveries?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.data.fields[0].field).toBe('status');
  });
});
