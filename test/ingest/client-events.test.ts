import { beforeAll, describe, expect, it } from 'vitest';
import type { PipelineStage } from '../../src/pipeline/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { bearer, createApiKey, useTestServer, waitFor, waitForInbox } from '../support/harness.ts';

/** Fails every event named `explode` until `healed`, so the retry path can be seen from the API. */
function flakyStage() {
  const state = { healed: false, attempts: 0 };
  const stage: PipelineStage = {
    name: 'flaky',
    async run(items) {
      for (const item of items) {
        if (item.event.name === 'explode' && !state.healed) {
          state.attempts += 1;
          throw new Error('downstream unavailable');
        }
      }
    },
  };
  return { stage, state };
}

describe.each(DIALECTS)('client events API (seed 004) on %s', (dialect) => {
  const flaky = flakyStage();
  const server = useTestServer(dialect, { syncTimeoutMs: 5000 }, { extraStages: [flaky.stage] });
  let key: string;
  let readOnlyKey: string;

  beforeAll(async () => {
    key = await createApiKey(server, { label: 'backend', scopes: ['events:write', 'events:read'] });
    readOnlyKey = await createApiKey(server, { label: 'reader', scopes: ['events:read'] });
  });

  const send = (payload: unknown, url = '/api/v1/client/events', token = key) =>
    server.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: bearer(token) } });
  const get = (url: string, token = key) => server.inject({ method: 'GET', url, headers: { authorization: bearer(token) } });

  it('accepts an event with 202 accepted after the durable write, then links a canonical event', async () => {
    const res = await send({ email: 'buyer@example.com', type: 'purchase', source: 'api', action: 'renewed', plan: 'pro', amount: 49.9, status: 'success', upgrade: false, idempotency_key: 'purchase-1', ts: '2026-06-22T10:30:00Z' });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({ status: 'accepted', duplicate: false });
    await waitForInbox(server, body.id, 'processed');
    const incoming = await get(`/api/v1/public/authenticated/events/incoming/${body.id}`);
    expect(incoming.json()).toMatchObject({ id: body.id, status: 'processed', event_id: body.id, retryable: false, retry_count: 0, process_error: null, idempotency_key: 'purchase-1' });
    const event = await get(`/api/v1/public/authenticated/events/${body.id}`);
    expect(event.json()).toMatchObject({
      type: 'track',
      event: 'purchase',
      event_type: 'purchase',
      email: 'buyer@example.com',
      source: 'api',
      status: 'success',
      timestamp: '2026-06-22T10:30:00.000Z',
      properties: { action: 'renewed', plan: 'pro', amount: 49.9, upgrade: false },
    });
  });

  it('answers a repeat of the same idempotency key like the first, and never makes a second event', async () => {
    const payload = { uid: 'user_123', type: 'signup', idempotency_key: 'signup-user_123' };
    const first = await send(payload);
    const again = await send(payload);
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().duplicate).toBe(true);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await waitForInbox(server, first.json().id, 'processed');
    const list = await get('/api/v1/public/authenticated/events?event_type=signup');
    expect(list.json().data).toHaveLength(1);
  });

  it('refuses an idempotency key reused with a different body with 422 idempotency_key_reused', async () => {
    await send({ uid: 'u-9', type: 'upgrade', idempotency_key: 'reused-1', plan: 'pro' });
    const res = await send({ uid: 'u-9', type: 'upgrade', idempotency_key: 'reused-1', plan: 'enterprise' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('idempotency_key_reused');
  });

  it('deduplicates by external_id per type when no idempotency key is given', async () => {
    const first = await send({ uid: 'u-ext', type: 'order', external_id: 'ORD-1' });
    const second = await send({ uid: 'u-ext', type: 'order', external_id: 'ORD-1' });
    const refund = await send({ uid: 'u-ext', type: 'refund', external_id: 'ORD-1' });
    expect(second.json().id).toBe(first.json().id);
    expect(refund.json().id).not.toBe(first.json().id);
  });

  it('lists every field error: type missing, no email or uid, wrong types', async () => {
    const res = await send({ email: 'not-an-email', amount: 'ten', upgrade: 'yes', ts: 'yesterday', metadata: [] });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.data.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['type', 'email', 'amount', 'upgrade', 'ts', 'metadata']));
    const noIdentity = await send({ type: 'purchase' });
    expect(noIdentity.json().error.data.fields).toEqual([{ field: 'email', message: 'email or uid is required' }]);
  });

  it('in sync mode answers success with the canonical event id once processed', async () => {
    const res = await send({ uid: 'sync-user', type: 'login' }, '/api/v1/client/events?sync=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'success', event_id: res.json().id });
  });

  it('takes a bulk request atomically: one bad event refuses the whole bulk', async () => {
    const bad = await send({ events: [{ uid: 'b1', type: 'bulk-a' }, { uid: 'b2' }, { type: 'bulk-a' }] }, '/api/v1/client/events/bulk');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.data.fields.map((f: { field: string }) => f.field)).toEqual(['events.1.type', 'events.2.email']);
    const written = await get('/api/v1/public/authenticated/events/incoming?limit=500');
    expect(written.json().data.filter((r: { payload: { type: string } }) => r.payload.type === 'bulk-a')).toHaveLength(0);

    const ok = await send({ events: [{ uid: 'b1', type: 'bulk-a' }, { uid: 'b2', type: 'bulk-a', idempotency_key: 'bulk-k' }, { uid: 'b2', type: 'bulk-a', idempotency_key: 'bulk-k' }] }, '/api/v1/client/events/bulk');
    expect(ok.statusCode).toBe(202);
    const results = ok.json().results;
    expect(results).toHaveLength(3);
    expect(results[2].id).toBe(results[1].id);
    expect(results[2].duplicate).toBe(true);
  });

  it('accepts a bare array on /bulk and refuses more than 1,000 events with 413 batch_too_large', async () => {
    const bare = await send([{ uid: 'arr', type: 'bare' }], '/api/v1/client/events/bulk');
    expect(bare.statusCode).toBe(202);
    const events = Array.from({ length: 10_000 }, (_, i) => ({ uid: `u${i}`, type: 'flood' }));
    const tooMany = await send({ events }, '/api/v1/client/events/bulk');
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.code).toBe('batch_too_large');
  });

  it('records a processing failure with error, retryable and retry_count, retries with backoff, and a manual retry finishes it', async () => {
    const res = await send({ uid: 'boom', type: 'explode' });
    const id = res.json().id;
    const failed = await waitForInbox(server, id, 'failed');
    expect(failed.process_error).toBe('downstream unavailable');
    expect(failed.retryable).toBe(1);
    expect(failed.retry_count).toBe(1);
    const listed = await get(`/api/v1/public/authenticated/events/incoming?status=failed`);
    const row = listed.json().data.find((r: { id: string }) => r.id === id);
    expect(row).toMatchObject({ status: 'failed', retryable: true, retry_count: 1, process_error: 'downstream unavailable', event_id: null });
    expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(Date.now());

    flaky.state.healed = true;
    const retried = await server.inject({ method: 'POST', url: `/api/v1/public/authenticated/events/incoming/${id}/retry`, headers: { authorization: bearer(key) } });
    expect(retried.statusCode).toBe(200);
    const done = await waitForInbox(server, id, 'processed');
    expect(done.event_id).toBe(id);
    const again = await server.inject({ method: 'POST', url: `/api/v1/public/authenticated/events/incoming/${id}/retry`, headers: { authorization: bearer(key) } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('filters canonical events by event_type, source, status, time range and free text, with cursor pagination', async () => {
    for (let i = 0; i < 5; i++) {
      await send({ email: `page${i}@example.com`, type: 'paged', source: i % 2 ? 'web' : 'ios', status: i < 2 ? 'failed' : 'success', ts: `2026-01-0${i + 1}T00:00:00Z`, metadata: { note: i === 3 ? 'Needle in here' : 'hay' } });
    }
    await waitFor(async () => {
      const res = await get('/api/v1/public/authenticated/events?event_type=paged');
      return res.json().data.length === 5 ? true : undefined;
    }, 'five paged events');
    const q = (query: string) => get(`/api/v1/public/authenticated/events?event_type=paged&${query}`).then((r) => r.json());
    expect((await q('source=web')).data).toHaveLength(2);
    expect((await q('status=failed')).data).toHaveLength(2);
    expect((await q('from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z')).data).toHaveLength(2);
    const found = await q('q=needle');
    expect(found.data).toHaveLength(1);
    expect(found.data[0].email).toBe('page3@example.com');
    expect((await q('q=100%25')).data).toHaveLength(0);

    const first = await q('limit=2');
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const second = await q(`limit=2&cursor=${first.next_cursor}`);
    const third = await q(`limit=2&cursor=${second.next_cursor}`);
    const ids = [...first.data, ...second.data, ...third.data].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.has_more).toBe(false);
  });

  it('answers 400 for bad filters and 403 when the key lacks the scope', async () => {
    const bad = await get('/api/v1/public/authenticated/events?from=soon&limit=0');
    expect(bad.statusCode).toBe(400);
    const reader = await send({ uid: 'x', type: 'nope' }, '/api/v1/client/events', readOnlyKey);
    expect(reader.statusCode).toBe(403);
    expect(reader.json().error.code).toBe('forbidden');
    const anonymous = await server.inject({ method: 'GET', url: '/api/v1/public/authenticated/events' });
    expect(anonymous.statusCode).toBe(401);
  });
});
