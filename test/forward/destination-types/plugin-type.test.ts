import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { echoType } from './fixtures/echo-plugin.ts';
import { DIALECTS } from '../../support/databases.ts';
import { basicAuth, useTestServer } from '../../support/harness.ts';
import { forwardingApi } from '../forward-support.ts';
import { Receiver } from '../receiver.ts';

const PLUGIN = 'test/forward/destination-types/fixtures/echo-plugin.ts';

describe('DESTINATION_PLUGINS', () => {
  it('reads a comma-separated list of module paths', () => {
    expect(loadConfig({ DESTINATION_PLUGINS: ' a.ts, ./b.js ,' }).destinationPlugins).toEqual(['a.ts', './b.js']);
    expect(loadConfig({}).destinationPlugins).toEqual([]);
  });
});

describe.each(DIALECTS)('a destination type added by a plugin on %s', (dialect) => {
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardRetryBaseMs: 20, destinationPlugins: [PLUGIN] });
  let api: ReturnType<typeof forwardingApi>;
  const receivers: Receiver[] = [];
  beforeAll(() => {
    api = forwardingApi(server);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });

  it('is listed, validated, delivered through, and splits a batch over its byte limit into several requests', async () => {
    expect(() => server.services.forward.types.add(echoType)).toThrow(/already registered/);
    const listed = await api.call('GET', '/destination-types');
    expect(listed.json().data.map((type: { id: string }) => type.id)).toContain('echo');
    const invalid = await api.call('POST', '/destinations', { name: 'echo', type: 'echo', config: { url: 'http://127.0.0.1:9/' } });
    expect(invalid.json().error.data.fields).toEqual([{ field: 'config.token', message: 'is required' }]);

    const receiver = await Receiver.start(() => 200);
    receivers.push(receiver);
    const created = await api.call('POST', '/destinations', { name: 'echo', type: 'echo', config: { url: receiver.url, token: 'echo-token-0123456789' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ batch_size: 100, config: { token: '••••6789' } });
    const destinationId = created.json().id as string;
    await api.call('POST', '/event-forwarding-rules', { name: 'echo', destination_id: destinationId, event_types: ['track'], event_names: ['Echo'], transformation_id: null, enabled: true });
    const batch = Array.from({ length: 6 }, (_, n) => ({ type: 'track', event: 'Echo', messageId: `${dialect}-echo-${n}`, userId: 'user-1', properties: { filler: 'x'.repeat(300) } }));
    const response = await server.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basicAuth(server.writeKey) }, payload: { batch } });
    expect(response.statusCode).toBe(200);
    const deliveries = await api.settled(destinationId, 6, ['delivered']);

    // Each event is several hundred bytes as handed over (the events API's shape): 1,500 bytes
    // take one or two per request, never the six the batch holds.
    const parts = receiver.requests.length;
    expect(parts).toBeGreaterThanOrEqual(3);
    const sent = receiver.requests.flatMap((request) => JSON.parse(request.body) as Array<{ id: string; name: string }>);
    expect(sent.map((item) => item.id).sort()).toEqual(batch.map((item) => item.messageId).sort());
    expect(receiver.requests.every((request) => (JSON.parse(request.body) as unknown[]).length <= 2)).toBe(true);
    expect(receiver.requests.every((request) => request.headers.authorization === 'Bearer echo-token-0123456789')).toBe(true);
    const keys = receiver.requests.map((request) => request.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(deliveries.every((row) => row.attempts.length === 1)).toBe(true);
    // The six were queued in one transaction and claimed as one batch (one webhook_id), which
    // went out as several requests: the batch's id, then `<id>-1`, `<id>-2`…
    const batchIds = new Set(deliveries.map((row) => row.webhook_id));
    expect(batchIds.size).toBe(1);
    const [batchId] = [...batchIds];
    expect([...keys].sort()).toEqual([batchId, ...Array.from({ length: parts - 1 }, (_, n) => `${batchId}-${n + 1}`)].sort());
  });
});
