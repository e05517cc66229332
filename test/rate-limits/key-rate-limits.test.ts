import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, bearer, createApiKey, useTestServer, waitFor, waitForAccepted, type TestServer } from '../support/harness.ts';

const METRICS_TOKEN = 'metrics-token-0123456789';

/** The value of one series (name and exact label set) in a Prometheus text exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A clock the test moves; the server's rate limits read it. */
function testClock() {
  let now = Date.UTC(2026, 11, 7, 10, 0, 0);
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function admin(server: TestServer) {
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, token = server.operatorToken) =>
    server.inject({ method, url, headers: { authorization: bearer(token) }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    call,
    limitsUrl: (workspaceId: string) => `/api/v1/workspaces/${workspaceId}/settings/rate-limits`,
    async putLimits(workspaceId: string, body: unknown) {
      const res = await call('PUT', `/api/v1/workspaces/${workspaceId}/settings/rate-limits`, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
    async workspace(name: string): Promise<string> {
      const res = await call('POST', '/api/v1/workspaces', { name });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    },
    async writeKey(workspaceId: string, name: string): Promise<string> {
      const res = await call('POST', `/api/v1/workspaces/${workspaceId}/event-keys`, { name });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().key as string;
    },
  };
}

/**
 * Issue 16 §5: every write key and every API key has its own token bucket, with the limit its
 * workspace sets (or the server's default); over it, 429 `rate_limited` with Retry-After.
 */
describe.each(DIALECTS)('rate limits per key on %s', (dialect) => {
  const clock = testClock();
  const server = useTestServer(dialect, { metricsToken: METRICS_TOKEN }, { clock: { now: clock.now } });
  const api = admin(server);
  const track = (writeKey: string, n = 0) =>
    server.inject({ method: 'POST', url: '/v1/track', headers: { authorization: basicAuth(writeKey) }, payload: { event: 'Limited', userId: `u-${n}` } });

  let otherWorkspace: string;
  let otherWorkspaceKey: string;
  let secondKey: string;

  beforeAll(async () => {
    otherWorkspace = await api.workspace(`Other ${dialect}`);
    otherWorkspaceKey = await api.writeKey(otherWorkspace, 'other site');
    secondKey = await api.writeKey(server.workspaceId, 'second site');
  });

  it('is off by default: the settings show the server default, not limited', async () => {
    const res = await api.call('GET', api.limitsUrl(server.workspaceId));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      write_key: { per_second: 0, burst: 0, source: 'default' },
      api_key: { per_second: 0, burst: 0, source: 'default' },
      updated_at: null,
    });
    for (let i = 0; i < 30; i += 1) expect((await track(server.writeKey, i)).statusCode).toBe(200);
  });

  it('answers 429 rate_limited with Retry-After once a write key spent its burst, and neither another key nor another workspace is affected', async () => {
    const saved = await api.putLimits(server.workspaceId, { write_key: { per_second: 2, burst: 3 }, api_key: null });
    expect(saved).toMatchObject({ write_key: { per_second: 2, burst: 3, source: 'workspace' }, api_key: { per_second: 0, source: 'default' } });
    expect(saved.updated_at).toBe(new Date(clock.now()).toISOString());
    clock.advance(60_000);

    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await track(server.writeKey, i)).statusCode);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await track(server.writeKey, 99);
    expect(limited.statusCode).toBe(429);
    const body = limited.json();
    expect(body.error.code).toBe('rate_limited');
    // The Segment routes also put the code at the top, as their other errors do.
    expect(body.code).toBe('rate_limited');
    expect(body.error.data).toEqual({ key_kind: 'write_key', retry_after_seconds: 1, limit: { per_second: 2, burst: 3 } });
    // 2 a second: the next token is 500 ms away, and Retry-After rounds up to whole seconds.
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.headers['ratelimit-limit']).toBe('3');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(limited.headers['ratelimit-reset']).toBe('1');
    expect(String(limited.headers['access-control-expose-headers'])).toContain('Retry-After');

    // Another write key of the same workspace has its own bucket; another workspace keeps its default.
    for (let i = 0; i < 3; i += 1) expect((await track(secondKey, i)).statusCode).toBe(200);
    for (let i = 0; i < 20; i += 1) expect((await track(otherWorkspaceKey, i)).statusCode).toBe(200);
    expect((await track(server.writeKey, 100)).statusCode).toBe(429);

    // The refused requests wrote nothing: u-99 and u-100 never reached the inbox.
    await waitForAccepted(server);
    const incoming = await api.call('GET', `/api/v1/workspaces/${server.workspaceId}/events/incoming?limit=500`);
    const users = (incoming.json().data as Array<{ payload: { userId?: string } }>).map((row) => row.payload.userId);
    expect(users).not.toContain('u-99');
    expect(users).not.toContain('u-100');
  });

  it('lets a key through again as its bucket refills with the clock, never beyond its burst', async () => {
    await api.putLimits(server.workspaceId, { write_key: { per_second: 2, burst: 3 }, api_key: null });
    clock.advance(60_000);
    for (let i = 0; i < 3; i += 1) expect((await track(server.writeKey, i)).statusCode).toBe(200);
    expect((await track(server.writeKey)).statusCode).toBe(429);

    clock.advance(499);
    expect((await track(server.writeKey)).statusCode).toBe(429);
    clock.advance(1);
    expect((await track(server.writeKey)).statusCode).toBe(200);
    expect((await track(server.writeKey)).statusCode).toBe(429);

    // A long pause refills the bucket to its burst, and no further.
    clock.advance(3_600_000);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await track(server.writeKey, i)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('limits each API key on every route it calls, with its own bucket, and never the operator', async () => {
    await api.putLimits(server.workspaceId, { write_key: null, api_key: { per_second: 1, burst: 2 } });
    clock.advance(60_000);
    const first = await createApiKey(server, { label: 'reporting', scopes: ['events:read', 'events:write'] });
    const second = await createApiKey(server, { label: 'backfill', scopes: ['events:read', 'events:write'] });
    const read = (key: string) => server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}`, headers: { authorization: bearer(key) } });
    const send = (key: string) =>
      server.inject({ method: 'POST', url: '/api/v1/client/events', headers: { authorization: bearer(key) }, payload: { type: 'signup', uid: 'u-1' } });

    expect((await read(first)).statusCode).toBe(200);
    expect((await send(first)).statusCode).toBeLessThan(300);
    const limited = await read(first);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited', data: { key_kind: 'api_key', retry_after_seconds: 1, limit: { per_second: 1, burst: 2 } } });
    expect(limited.headers['retry-after']).toBe('1');
    expect((await send(first)).statusCode).toBe(429);

    expect((await read(second)).statusCode).toBe(200);
    for (let i = 0; i < 10; i += 1) expect((await api.call('GET', `/api/v1/workspaces/${server.workspaceId}`)).statusCode).toBe(200);
    // Write keys follow the default again (null): not limited.
    for (let i = 0; i < 10; i += 1) expect((await track(server.writeKey, i)).statusCode).toBe(200);

    clock.advance(1000);
    expect((await read(first)).statusCode).toBe(200);
  });

  it('takes effect at once when the operator raises or lifts a limit', async () => {
    await api.putLimits(server.workspaceId, { write_key: { per_second: 1, burst: 1 }, api_key: null });
    clock.advance(60_000);
    expect((await track(server.writeKey)).statusCode).toBe(200);
    expect((await track(server.writeKey)).statusCode).toBe(429);
    // per_second 0: this workspace's write keys are not limited, whatever the default.
    const lifted = await api.putLimits(server.workspaceId, { write_key: { per_second: 0 }, api_key: null });
    expect(lifted.write_key).toEqual({ per_second: 0, burst: 0, source: 'workspace' });
    for (let i = 0; i < 10; i += 1) expect((await track(server.writeKey, i)).statusCode).toBe(200);
    // Without a burst, a key may make one second's worth at once.
    const raised = await api.putLimits(server.workspaceId, { write_key: { per_second: 4 }, api_key: null });
    expect(raised.write_key).toEqual({ per_second: 4, burst: 4, source: 'workspace' });
    clock.advance(60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await track(server.writeKey, i)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('counts refused requests by the kind of key in tributary_rate_limited_requests_total', async () => {
    const res = await server.inject({ method: 'GET', url: '/metrics', headers: { authorization: bearer(METRICS_TOKEN) } });
    expect(res.statusCode).toBe(200);
    // Refused so far (the tests above): 2 + 5 + 2 write-key requests, 2 API-key requests.
    expect(sample(res.body, 'tributary_rate_limited_requests_total{limit="write_key"}')).toBe(9);
    expect(sample(res.body, 'tributary_rate_limited_requests_total{limit="api_key"}')).toBe(2);
    expect(res.body).not.toContain(server.workspaceId);
  });

  it('applies a change another process made within a second, without a query per request', async () => {
    await api.putLimits(server.workspaceId, { write_key: null, api_key: null });
    expect((await track(secondKey)).statusCode).toBe(200);
    // Another process sharing the database changes the limits: this one has them cached.
    await server.db.kysely
      .updateTable('workspace_rate_limits')
      .set({ write_key_per_second: 1, write_key_burst: 1, updated_at: clock.now() })
      .where('workspace_id', '=', server.workspaceId)
      .execute();
    for (let i = 0; i < 5; i += 1) expect((await track(secondKey, i)).statusCode).toBe(200);
    // A second on, the cached limits are read again (in the background: the request that notices
    // is still answered under the old ones), and the new limit applies.
    clock.advance(1000);
    const statuses = await waitFor(async () => {
      const answers = [(await track(secondKey)).statusCode, (await track(secondKey)).statusCode];
      return answers.includes(429) ? answers : undefined;
    }, 'the other process\'s limit to apply');
    expect(statuses).toContain(429);
    await api.putLimits(server.workspaceId, { write_key: null, api_key: null });
  });

  it('refuses invalid settings with every bad field listed, and writes nothing', async () => {
    await api.putLimits(server.workspaceId, { write_key: { per_second: 5, burst: 10 }, api_key: null });
    const bad = await api.call('PUT', api.limitsUrl(server.workspaceId), {
      write_key: { per_second: -1, burst: 0, per_minute: 3 },
      api_key: { burst: 1.5 },
      ip: { per_second: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const fields = (bad.json().error.data.fields as Array<{ field: string }>).map((f) => f.field).sort();
    expect(fields).toEqual(['api_key.burst', 'api_key.per_second', 'ip', 'write_key.burst', 'write_key.per_minute', 'write_key.per_second']);

    const tooBig = await api.call('PUT', api.limitsUrl(server.workspaceId), { write_key: { per_second: 100_001, burst: 1_000_001 }, api_key: 'fast' });
    expect(tooBig.statusCode).toBe(400);
    expect((tooBig.json().error.data.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(['api_key', 'write_key.burst', 'write_key.per_second']);

    const empty = await api.call('PUT', api.limitsUrl(server.workspaceId), {});
    expect(empty.statusCode).toBe(400);
    expect((empty.json().error.data.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(['api_key', 'write_key']);

    const after = await api.call('GET', api.limitsUrl(server.workspaceId));
    expect(after.json()).toMatchObject({ write_key: { per_second: 5, burst: 10, source: 'workspace' }, api_key: { source: 'default' } });
    await api.putLimits(server.workspaceId, { write_key: null, api_key: null });
  });

  it('answers 404 for another workspace, or one that does not exist, and lets only the operator change limits', async () => {
    const otherAdmin = await createApiKey(server, { label: 'other admin', scopes: ['admin'] }, otherWorkspace);
    const ownAdmin = await createApiKey(server, { label: 'own admin', scopes: ['admin'] });
    const body = { write_key: { per_second: 1000 }, api_key: null };
    const url = api.limitsUrl(server.workspaceId);

    const read = await api.call('GET', url, undefined, otherAdmin);
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('not_found');
    expect((await api.call('PUT', url, body, otherAdmin)).statusCode).toBe(404);
    expect((await api.call('GET', api.limitsUrl('01890000-0000-7000-8000-000000000000'))).statusCode).toBe(404);
    expect((await api.call('PUT', api.limitsUrl('01890000-0000-7000-8000-000000000000'), body)).statusCode).toBe(404);

    // A workspace's own admin key reads its limits but cannot raise them.
    expect((await api.call('GET', url, undefined, ownAdmin)).statusCode).toBe(200);
    const raise = await api.call('PUT', url, body, ownAdmin);
    expect(raise.statusCode).toBe(403);
    expect(raise.json().error.code).toBe('forbidden');
    expect((await api.call('GET', url)).json().write_key.source).toBe('default');
    expect((await server.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('rate limit defaults from the environment on %s', (dialect) => {
  const clock = testClock();
  const server = useTestServer(dialect, { rateLimitWriteKeyPerSecond: 1, rateLimitWriteKeyBurst: 2, rateLimitApiKeyPerSecond: 5 }, { clock: { now: clock.now } });

  it('limits every write key by RATE_LIMIT_WRITE_KEY_* until a workspace sets its own', async () => {
    const settings = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}/settings/rate-limits`, headers: { authorization: bearer(server.operatorToken) } });
    expect(settings.json()).toEqual({
      write_key: { per_second: 1, burst: 2, source: 'default' },
      api_key: { per_second: 5, burst: 5, source: 'default' },
      updated_at: null,
    });
    const track = () => server.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basicAuth(server.writeKey) }, payload: { batch: [{ type: 'track', event: 'A', userId: 'u' }, { type: 'track', event: 'B', userId: 'u' }] } });
    // A batch counts as one request, however many events it holds.
    expect([(await track()).statusCode, (await track()).statusCode, (await track()).statusCode]).toEqual([200, 200, 429]);
    clock.advance(1000);
    expect((await track()).statusCode).toBe(200);
  });
});
