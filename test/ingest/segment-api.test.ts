import { beforeAll, describe, expect, it } from 'vitest';
import { DedupeExpiry } from '../../src/inbox/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, useTestServer, waitFor, waitForAccepted, waitForEventCount, waitForInbox } from '../support/harness.ts';

describe.each(DIALECTS)('Segment tracking API on %s', (dialect) => {
  const server = useTestServer(dialect);
  let auth: string;

  beforeAll(async () => {
    auth = basicAuth(server.writeKey);
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    server.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: auth, ...headers } });

  /** The inbox row of a messageId, once a worker has moved its request out of the journal. */
  function inboxRowOf(messageId: string) {
    return waitFor(
      () => server.db.kysely.selectFrom('inbox').selectAll().where('dedupe_key', '=', `msg:${messageId}`).executeTakeFirst(),
      `the inbox row of ${messageId}`,
    );
  }

  async function eventsNamed(name: string) {
    return server.db.kysely
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', server.workspaceId)
      .where('name', '=', name)
      .execute();
  }

  it('accepts a track call with Basic auth and answers {success:true}', async () => {
    const res = await post('/v1/track', { event: 'Signed Up', userId: 'u-1', messageId: 'track-1', properties: { plan: 'pro' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true });
    const row = await inboxRowOf('track-1');
    const processed = await waitForInbox(server, row.id, 'processed');
    expect(processed.event_id).toBe(row.id);
    const [event] = await eventsNamed('Signed Up');
    expect(event).toMatchObject({ type: 'track', user_id: 'u-1', message_id: 'track-1', source: 'segment' });
    expect(JSON.parse(event!.body).properties).toEqual({ plan: 'pro' });
  });

  it('accepts every call type on its own path with the fields Segment requires', async () => {
    const calls: Array<[string, object]> = [
      ['identify', { userId: 'u-2', traits: { email: 'a@example.com' } }],
      ['page', { anonymousId: 'anon-2', name: 'Pricing', properties: { url: 'https://example.com/pricing' } }],
      ['screen', { userId: 'u-2', name: 'Home' }],
      ['group', { userId: 'u-2', groupId: 'acme' }],
      ['alias', { userId: 'u-2', previousId: 'anon-2' }],
    ];
    for (const [type, body] of calls) {
      const res = await post(`/v1/${type}`, { ...body, messageId: `all-${type}` });
      expect(res.statusCode, type).toBe(200);
    }
    const rows = await waitForEventCount(server, 6);
    const byMessage = new Map(rows.map((r) => [r.message_id, r]));
    expect(byMessage.get('all-identify')).toMatchObject({ type: 'identify', email: 'a@example.com' });
    expect(byMessage.get('all-page')).toMatchObject({ type: 'page', name: 'Pricing', anonymous_id: 'anon-2' });
    expect(byMessage.get('all-group')).toMatchObject({ type: 'group', group_id: 'acme' });
    expect(byMessage.get('all-alias')).toMatchObject({ type: 'alias', previous_id: 'anon-2', user_id: 'u-2' });
  });

  it('lists every missing field of a batch and writes none of it', async () => {
    const before = await server.db.kysely.selectFrom('inbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'ok', event: 'Fine', messageId: 'batch-partial-0' },
        { type: 'track', userId: 'u' },
        { type: 'group', anonymousId: 'a' },
        { type: 'alias', userId: 'u' },
        { type: 'bogus', userId: 'u' },
        { type: 'identify' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const fields = body.error.data.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['batch.1.event', 'batch.2.groupId', 'batch.3.previousId', 'batch.4.type', 'batch.5.userId']),
    );
    const after = await server.db.kysely.selectFrom('inbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('deduplicates a repeated messageId: one canonical event, same answer', async () => {
    const message = { type: 'track', event: 'Dedupe Me', userId: 'u-3', messageId: 'dup-1' };
    const first = await post('/v1/batch', { batch: [message, message] });
    const second = await post('/v1/track', message);
    expect(first.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    await waitForAccepted(server);
    const rows = await server.db.kysely.selectFrom('inbox').selectAll().where('dedupe_key', '=', 'msg:dup-1').execute();
    expect(rows).toHaveLength(1);
    await waitForInbox(server, rows[0]!.id, 'processed');
    expect(await eventsNamed('Dedupe Me')).toHaveLength(1);
  });

  it('forgets a messageId once the dedupe window has passed', async () => {
    const message = { type: 'track', event: 'Window', userId: 'u-w', messageId: 'window-1' };
    await post('/v1/track', message);
    await waitForAccepted(server);
    const db = server.services;
    // Nothing is older than a 7-day window yet, so nothing expires and a repeat is still a duplicate.
    const expiry = new DedupeExpiry(db.db, db.config.dedupeWindowMs);
    expect(await expiry.run()).toBe(0);
    await post('/v1/track', message);
    await waitForAccepted(server);
    expect(await db.db.kysely.selectFrom('inbox').select('id').where('payload', 'like', '%"window-1"%').execute()).toHaveLength(1);
    // A week later the key is forgotten: the same id is a new event.
    await expiry.run(Date.now() + db.config.dedupeWindowMs + 1);
    await post('/v1/track', message);
    await waitForAccepted(server);
    expect(await db.db.kysely.selectFrom('inbox').select('id').where('payload', 'like', '%"window-1"%').execute()).toHaveLength(2);
  });

  it('corrects a skewed client clock: timestamp = receivedAt − (sentAt − timestamp)', async () => {
    // The device clock runs one hour fast: it stamped the event 5 s before sending.
    const skew = 3_600_000;
    const sentAt = Date.now() + skew;
    const res = await post('/v1/batch', {
      sentAt: new Date(sentAt).toISOString(),
      batch: [{ type: 'track', event: 'Skewed', userId: 'u-4', timestamp: new Date(sentAt - 5000).toISOString() }],
    });
    expect(res.statusCode).toBe(200);
    await waitForEventCount(server, 1);
    const [event] = await (async () => {
      for (;;) {
        const rows = await eventsNamed('Skewed');
        if (rows.length > 0) return rows;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    expect(event!.received_at - event!.timestamp).toBe(5000);
    expect(event!.original_timestamp).toBe(sentAt - 5000);
    expect(event!.sent_at).toBe(sentAt);
  });

  it('accepts the browser SDK shape: text/plain body, writeKey in the body, short path', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/v1/t',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ type: 'track', event: 'Browser', anonymousId: 'anon-b', writeKey: server.writeKey, messageId: 'browser-1' }),
    });
    expect(res.statusCode).toBe(200);
    const row = await inboxRowOf('browser-1');
    expect(row.payload).not.toContain(server.writeKey);
  });

  it("puts code and message at the top of error bodies too, where Segment's Python SDK reads them", async () => {
    const invalid = await post('/v1/track', { userId: 'u' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'validation_failed', message: expect.any(String), error: { code: 'validation_failed', data: { fields: [{ field: 'event' }] } } });
    const unauthorized = await server.inject({ method: 'POST', url: '/v1/batch', payload: { batch: [] }, headers: { authorization: basicAuth('wk_unknown') } });
    expect(unauthorized.statusCode).toBe(401);
    expect(unauthorized.json()).toMatchObject({ code: 'unauthorized', error: { code: 'unauthorized' } });
    const notJson = await server.inject({ method: 'POST', url: '/v1/batch', payload: '{"batch":', headers: { authorization: auth, 'content-type': 'application/json' } });
    expect(notJson.json()).toMatchObject({ code: 'invalid_json', error: { code: 'invalid_json' } });
    // Elsewhere the body is ours alone.
    const admin = await server.inject({ method: 'GET', url: '/api/v1/workspaces/nope' });
    expect(Object.keys(admin.json())).toEqual(['error']);
  });

  it('answers a CORS preflight for any origin with the headers the browser SDK sends', async () => {
    const res = await server.inject({
      method: 'OPTIONS',
      url: '/v1/t',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
  });

  it('serves CDN settings for a valid write key and 404 for an unknown one', async () => {
    const ok = await server.inject({ method: 'GET', url: `/v1/projects/${server.writeKey}/settings`, headers: { host: 'events.example:8080' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().integrations['Segment.io']).toMatchObject({ apiKey: server.writeKey, apiHost: 'events.example:8080/v1', protocol: 'http' });
    const missing = await server.inject({ method: 'GET', url: '/v1/projects/wk_nope/settings' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('answers 401 with code unauthorized for a missing or unknown write key', async () => {
    const none = await server.inject({ method: 'POST', url: '/v1/track', payload: { event: 'x', userId: 'u' } });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    const wrong = await post('/v1/track', { event: 'x', userId: 'u' }, { authorization: basicAuth('wk_unknown') });
    expect(wrong.statusCode).toBe(401);
  });

  it('answers 413 for a single event over 32 KB and for a batch message over 32 KB', async () => {
    const big = 'x'.repeat(33 * 1024);
    const single = await post('/v1/track', { event: 'Big', userId: 'u', properties: { big } });
    expect(single.statusCode).toBe(413);
    expect(single.json().error.code).toBe('payload_too_large');
    const inBatch = await post('/v1/batch', { batch: [{ type: 'track', event: 'Big', userId: 'u', properties: { big } }] });
    expect(inBatch.statusCode).toBe(413);
    expect(inBatch.json().error.data.fields[0].field).toBe('batch.0');
  });

  it('answers 413 for a batch body over 500 KB', async () => {
    const batch = Array.from({ length: 60 }, (_, i) => ({ type: 'track', event: 'Filler', userId: `u${i}`, properties: { pad: 'y'.repeat(9000) } }));
    const res = await post('/v1/batch', { batch });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('refuses a 10,000-message batch over 500 KB with 413 and writes none of it', async () => {
    const batch = Array.from({ length: 10_000 }, (_, i) => ({ type: 'track', event: 'TooMany', userId: `b${i}`, messageId: `too-many-${i}` }));
    const res = await post('/v1/batch', { batch });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    const written = await server.db.kysely.selectFrom('inbox').select('id').where('dedupe_key', 'like', 'msg:too-many-%').execute();
    expect(written).toHaveLength(0);
  });

  it('takes a 10,000-message batch under 500 KB whole and makes exactly 10,000 events of it', async () => {
    const batch = Array.from({ length: 10_000 }, (_, i) => ({ type: 'track', event: 'Bulk', userId: `b${i}` }));
    const res = await post('/v1/batch', { batch });
    expect(res.statusCode).toBe(200);
    const count = async () =>
      Number(
        (
          await server.db.kysely
            .selectFrom('events')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('name', '=', 'Bulk')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const deadline = Date.now() + 20_000;
    while ((await count()) < 10_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await count()).toBe(10_000);
  });
});
