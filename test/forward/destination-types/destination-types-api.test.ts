import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/ids.ts';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, useTestServer } from '../../support/harness.ts';
import { Receiver } from '../receiver.ts';

const AMPLITUDE_KEY = 'amp-key-0123456789abcdef-SECRET';

describe.each(DIALECTS)('destination types API on %s', (dialect) => {
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardTimeoutMs: 2000 });
  const receivers: Receiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    server.inject({
      method,
      url: `/api/v1/workspaces/${server.workspaceId}${url}`,
      headers: { authorization: bearer(server.operatorToken) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const receiver = async (behaviour?: Parameters<typeof Receiver.start>[0]) => {
    const started = await Receiver.start(behaviour);
    receivers.push(started);
    return started;
  };

  it('lists every type with its config schema, secret fields and limits', async () => {
    const response = await call('GET', '/destination-types');
    expect(response.statusCode).toBe(200);
    const types = response.json().data as Array<Record<string, any>>;
    expect(types.map((type) => type.id)).toEqual(['webhook', 'segment', 'amplitude', 'mixpanel', 'posthog', 'ga4', 'slack', 'postgres', 'nats', 'rabbitmq', 'redis']);
    const amplitude = types.find((type) => type.id === 'amplitude')!;
    expect(amplitude.secret_fields).toEqual(['api_key']);
    expect(amplitude.config_schema.properties.api_key).toMatchObject({ type: 'string', writeOnly: true, 'x-secret': true });
    expect(amplitude.config_schema.required).toEqual(['api_key']);
    expect(amplitude.limits).toEqual({ max_events: 1000, max_bytes: 900_000, max_wait_ms: 1000, rate_limit: null });
    expect(types.find((type) => type.id === 'slack')!.limits).toMatchObject({ max_events: 1, rate_limit: 1 });
    expect(types.find((type) => type.id === 'ga4')!.secret_fields).toEqual(['api_secret']);
  });

  it('answers 400 with every field error of a config, and writes nothing', async () => {
    const response = await call('POST', '/destinations', {
      name: 'bad amplitude',
      type: 'amplitude',
      config: { url: 42, region: 'eu' },
      batch_size: 5000,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    const fields = (response.json().error.data.fields as Array<{ field: string }>).map((error) => error.field).sort();
    expect(fields).toEqual(['batch_size']);
    const limited = await call('POST', '/destinations', { name: 'bad amplitude', type: 'amplitude', config: { url: 42, region: 'eu' } });
    expect(limited.statusCode).toBe(400);
    expect((limited.json().error.data.fields as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['config.api_key', 'config.region', 'config.url']);
    const unknown = await call('POST', '/destinations', { name: 'x', type: 'carrier-pigeon', config: {} });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.data.fields[0]).toMatchObject({ field: 'type' });
    expect(unknown.json().error.data.fields[0].message).toContain('amplitude');
    const misplaced = await call('POST', '/destinations', { name: 'x', type: 'segment', url: 'https://api.segment.io', config: { write_key: 'k' } });
    expect(misplaced.statusCode).toBe(400);
    expect(misplaced.json().error.data.fields).toEqual([{ field: 'url', message: 'is set in config for a segment destination' }]);
    const refused = await call('POST', '/destinations', { name: 'x', type: 'posthog', config: { api_key: 'k', url: 'ftp://posthog.example.com' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('url_not_allowed');
    expect(refused.json().error.data.fields[0].field).toBe('config.url');
    const list = await call('GET', '/destinations');
    expect(list.json()).toEqual([]);
  });

  it('encrypts secret config fields, masks them on every read, and keeps them when sent back masked', async () => {
    const created = await call('POST', '/destinations', { name: 'Amplitude', type: 'amplitude', config: { api_key: AMPLITUDE_KEY, url: 'https://api.eu.amplitude.com' } });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ type: 'amplitude', url: 'https://api.eu.amplitude.com', batch_size: 1000, rate_limit: null, enabled: true });
    expect(body.config).toEqual({ api_key: '••••CRET', url: 'https://api.eu.amplitude.com' });
    expect(created.body).not.toContain(AMPLITUDE_KEY);
    const stored = await server.db.kysely.selectFrom('destinations').select(['type', 'config']).where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(stored.type).toBe('amplitude');
    expect(stored.config).not.toContain(AMPLITUDE_KEY);
    expect(JSON.parse(stored.config!).api_key).toMatch(/^v1:/);

    const read = await call('GET', `/destinations/${body.id}`);
    expect(read.body).not.toContain(AMPLITUDE_KEY);
    expect(read.json().config.api_key).toBe('••••CRET');

    const updated = await call('PUT', `/destinations/${body.id}`, { config: { api_key: '••••CRET', group_type: 'org' }, batch_size: 200 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().config).toEqual({ api_key: '••••CRET', group_type: 'org' });
    const after = await server.db.kysely.selectFrom('destinations').select('config').where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(server.services.forward.secrets.unseal(JSON.parse(after.config!).api_key)).toBe(AMPLITUDE_KEY);

    const retyped = await call('PUT', `/destinations/${body.id}`, { type: 'mixpanel' });
    expect(retyped.statusCode).toBe(400);
    expect(retyped.json().error.data.fields[0].field).toBe('type');
  });

  it('keeps webhook destinations as they were: top-level url and headers, type webhook, rows from before types', async () => {
    const created = await call('POST', '/destinations', { name: 'hook', url: 'https://hooks.example.com/a', headers: { 'X-Api-Key': 'k-0123456789abcdef' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      type: 'webhook',
      url: 'https://hooks.example.com/a',
      headers: { 'X-Api-Key': '••••cdef' },
      config: { url: 'https://hooks.example.com/a', headers: { 'X-Api-Key': '••••cdef' } },
      batch_size: 1,
      signing_secret: expect.stringMatching(/^whsec_/),
    });
    // A row written the way code before migration 0021 wrote it (no type, no config).
    const secrets = server.services.forward.secrets;
    const id = newId();
    await server.db.kysely
      .insertInto('destinations')
      .values({
        id, workspace_id: server.workspaceId, name: 'old', url: 'https://old.example.com/', headers: secrets.seal('{}'), signing_secret: secrets.seal('whsec_b2xk'),
        previous_signing_secret: null, previous_secret_expires_at: null, batch_size: 1, rate_limit: null, enabled: 1, disabled_reason: null, created_at: Date.now(), updated_at: Date.now(),
      })
      .execute();
    const old = await call('GET', `/destinations/${id}`);
    expect(old.json()).toMatchObject({ type: 'webhook', url: 'https://old.example.com/', config: { url: 'https://old.example.com/', headers: {} } });
    const viaConfig = await call('POST', '/destinations', { name: 'hook 2', type: 'webhook', config: { url: 'https://hooks.example.com/b' } });
    expect(viaConfig.statusCode).toBe(201);
    expect(viaConfig.json().url).toBe('https://hooks.example.com/b');
  });

  it('tests a destination with one sample event and answers what it said, without writing deliveries', async () => {
    const peer = await receiver(() => 200);
    peer.okBody = '{"code":200,"events_ingested":1}';
    const created = await call('POST', '/destinations', { name: 'Amplitude test', type: 'amplitude', config: { api_key: AMPLITUDE_KEY, url: peer.origin } });
    const id = created.json().id as string;
    const tested = await call('POST', `/destinations/${id}/test`);
    expect(tested.statusCode).toBe(200);
    expect(tested.json()).toMatchObject({ ok: true, verdict: 'delivered', status_code: 200, response: '{"code":200,"events_ingested":1}', error: null });
    expect(tested.json().classification).toMatch(/^delivered/);
    expect(typeof tested.json().latency_ms).toBe('number');
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0]!.url).toBe('/2/httpapi');
    const sent = JSON.parse(peer.requests[0]!.body);
    expect(sent.api_key).toBe(AMPLITUDE_KEY);
    expect(sent.events).toEqual([expect.objectContaining({ event_type: 'Tributary Test Event', user_id: 'tributary-test', insert_id: expect.stringMatching(/^test-/) })]);
    expect(tested.body).not.toContain(AMPLITUDE_KEY);
    const deliveries = await call('GET', `/deliveries?destination_id=${id}`);
    expect(deliveries.json().data).toEqual([]);
  });

  it('reports a refusing or unreachable peer without marking the destination healthy or disabling it', async () => {
    const refusing = await receiver(() => 401);
    const created = await call('POST', '/destinations', { name: 'PostHog test', type: 'posthog', config: { api_key: 'phc_secret_0123456789', url: refusing.origin } });
    const id = created.json().id as string;
    const refused = await call('POST', `/destinations/${id}/test`);
    expect(refused.json()).toMatchObject({ ok: false, verdict: 'final', status_code: 401, response: 'receiver says 401' });
    expect(refused.json().classification).toMatch(/^permanent failure/);
    expect(refused.body).not.toContain('phc_secret_0123456789');

    const gone = await receiver(() => 410);
    await call('PUT', `/destinations/${id}`, { config: { api_key: '••••', url: gone.origin } });
    const goneAnswer = await call('POST', `/destinations/${id}/test`);
    expect(goneAnswer.json()).toMatchObject({ ok: false, verdict: 'gone', status_code: 410 });
    expect((await call('GET', `/destinations/${id}`)).json()).toMatchObject({ enabled: true, disabled_reason: null });

    const closed = await receiver();
    const closedOrigin = closed.origin;
    await closed.close();
    receivers.splice(receivers.indexOf(closed), 1);
    await call('PUT', `/destinations/${id}`, { config: { api_key: '••••', url: closedOrigin } });
    const unreachable = await call('POST', `/destinations/${id}/test`);
    expect(unreachable.json()).toMatchObject({ ok: false, verdict: 'retry', status_code: null });
    expect(unreachable.json().error).toBeTruthy();
  });

  it('answers 404 for testing a destination that is not in the workspace', async () => {
    const response = await call('POST', `/destinations/${newId()}/test`);
    expect(response.statusCode).toBe(404);
  });
});
