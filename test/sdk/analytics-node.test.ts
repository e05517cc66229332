import { Analytics } from '@segment/analytics-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { useTestServer } from '../support/harness.ts';
import { listIncoming, waitForAllProcessed, type EventResource } from './canonical-events.ts';

interface SdkRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Segment's Node SDK, unmodified, pointed at Tributary by `host` only. What it sends and what it
 * hears back are taken from its own `http_request`, `http_response` and `error` events.
 */
function segmentNode(host: string, writeKey: string, settings: { flushAt?: number; maxRetries?: number; httpClient?: typeof fetch } = {}) {
  const analytics = new Analytics({ writeKey, host, ...settings });
  const requests: SdkRequest[] = [];
  const statuses: number[] = [];
  const errors: Array<{ code: string; reason?: unknown }> = [];
  analytics.on('http_request', (request) => requests.push({ url: request.url, headers: request.headers, body: request.body }));
  analytics.on('http_response', (response) => statuses.push(response.status));
  analytics.on('error', (error) => errors.push(error));
  return { analytics, requests, statuses, errors };
}

function byMessageId(events: EventResource[]): Map<string | null, EventResource> {
  return new Map(events.map((event) => [event.message_id, event]));
}

describe.each(DIALECTS)('@segment/analytics-node against Tributary on %s', (dialect) => {
  const server = useTestServer(dialect);
  let host: string;

  beforeAll(async () => {
    host = await server.listen();
  });

  it('delivers track, identify, page, screen, group and alias as canonical events, each exactly once', async () => {
    const sdk = segmentNode(host, server.writeKey);
    const context = { app: { name: 'checkout', version: '2.4.0' }, campaign: { name: 'spring', source: 'newsletter', medium: 'email' } };
    sdk.analytics.track({ userId: 'node-1', event: 'Order Completed', properties: { total_minor: 4999, currency: 'EUR' }, context, messageId: 'node-track' });
    sdk.analytics.identify({ userId: 'node-1', traits: { email: 'buyer@example.com', plan: 'pro' }, context, messageId: 'node-identify' });
    sdk.analytics.page({ anonymousId: 'anon-node', category: 'Docs', name: 'Pricing', properties: { path: '/pricing' }, messageId: 'node-page' });
    sdk.analytics.screen({ userId: 'node-1', name: 'Home', properties: { variant: 'b' }, messageId: 'node-screen' });
    sdk.analytics.group({ userId: 'node-1', groupId: 'acme', traits: { employees: 120 }, messageId: 'node-group' });
    sdk.analytics.alias({ userId: 'node-1', previousId: 'anon-node', messageId: 'node-alias' });
    await sdk.analytics.closeAndFlush({ timeout: 10_000 });

    expect(sdk.errors).toEqual([]);
    expect(sdk.statuses.every((status) => status === 200)).toBe(true);
    expect(sdk.requests[0]!.url).toBe(`${host}/v1/batch`);
    // analytics-node 3.x never compresses its batches; were that to change, this line says so.
    expect(sdk.requests[0]!.headers['Content-Encoding']).toBeUndefined();

    const { incoming, events } = await waitForAllProcessed(server);
    const sent = ['node-track', 'node-identify', 'node-page', 'node-screen', 'node-group', 'node-alias'];
    expect(incoming.filter((row) => sent.includes(row.message_id ?? '')).map((row) => row.message_id).sort()).toEqual([...sent].sort());
    // The SDK sends its write key in the batch body too; a stored event must not keep it.
    expect(JSON.stringify(incoming)).not.toContain(server.writeKey);

    const got = byMessageId(events.filter((event) => sent.includes(event.message_id ?? '')));
    expect(got.size).toBe(sent.length);
    const track = got.get('node-track')!;
    expect(track).toMatchObject({ type: 'track', event: 'Order Completed', user_id: 'node-1', source: 'segment' });
    expect(track.properties).toEqual({ total_minor: 4999, currency: 'EUR' });
    expect(track.context).toMatchObject({ ...context, library: { name: '@segment/analytics-node', version: sdk.analytics.VERSION } });
    expect(got.get('node-identify')).toMatchObject({ type: 'identify', user_id: 'node-1', email: 'buyer@example.com', traits: { email: 'buyer@example.com', plan: 'pro' } });
    expect(got.get('node-page')).toMatchObject({ type: 'page', event: 'Pricing', anonymous_id: 'anon-node', user_id: null });
    expect(got.get('node-page')!.properties).toMatchObject({ path: '/pricing', name: 'Pricing', category: 'Docs' });
    expect(got.get('node-screen')).toMatchObject({ type: 'screen', event: 'Home', user_id: 'node-1', properties: { variant: 'b', name: 'Home' } });
    expect(got.get('node-group')).toMatchObject({ type: 'group', group_id: 'acme', user_id: 'node-1', traits: { employees: 120 } });
    expect(got.get('node-alias')).toMatchObject({ type: 'alias', user_id: 'node-1', previous_id: 'anon-node' });
  });

  it('keeps the time an event happened, corrected by the batch sentAt the SDK stamps when it sends', async () => {
    const happened = new Date(Date.now() - 10 * 60_000);
    const sdk = segmentNode(host, server.writeKey);
    const beforeSend = Date.now();
    sdk.analytics.track({ userId: 'node-clock', event: 'Queued Offline', timestamp: happened, messageId: 'node-clock' });
    await sdk.analytics.closeAndFlush({ timeout: 10_000 });
    const afterSend = Date.now();

    const { events } = await waitForAllProcessed(server);
    const event = byMessageId(events).get('node-clock')!;
    const ms = (iso: string | null) => Date.parse(iso ?? '');
    expect(ms(event.original_timestamp)).toBe(happened.getTime());
    // sentAt exists only on the batch envelope, never on the message: it must reach the event.
    expect(ms(event.sent_at)).toBeGreaterThanOrEqual(beforeSend);
    expect(ms(event.sent_at)).toBeLessThanOrEqual(afterSend);
    expect(ms(event.timestamp)).toBe(ms(event.received_at) - (ms(event.sent_at) - happened.getTime()));
  });

  it('keeps one event when the SDK sends a messageId again, and the SDK sees success both times', async () => {
    for (let round = 0; round < 2; round += 1) {
      const sdk = segmentNode(host, server.writeKey);
      sdk.analytics.track({ userId: 'node-dup', event: 'Sent Twice', properties: { round }, messageId: 'node-dup' });
      await sdk.analytics.closeAndFlush({ timeout: 10_000 });
      expect(sdk.errors).toEqual([]);
      expect(sdk.statuses).toEqual([200]);
    }
    const { events } = await waitForAllProcessed(server);
    const copies = events.filter((event) => event.message_id === 'node-dup');
    expect(copies).toHaveLength(1);
    expect(copies[0]!.properties).toEqual({ round: 0 });
  });

  it('stores a batch once when the SDK retries it after losing the answer to a committed request', async () => {
    // The SDK's documented `httpClient` hook stands in for the network: the first answer is lost
    // after Tributary committed the batch, as on a dropped connection, and the SDK sends it again.
    let calls = 0;
    const lossyFetch: typeof fetch = async (input, init) => {
      calls += 1;
      const response = await fetch(input, init);
      if (calls === 1) throw new TypeError('fetch failed: the connection dropped before the answer arrived');
      return response;
    };
    const sdk = segmentNode(host, server.writeKey, { httpClient: lossyFetch });
    sdk.analytics.track({ userId: 'node-retry', event: 'Retried', messageId: 'node-retry-1' });
    sdk.analytics.identify({ userId: 'node-retry', traits: { plan: 'free' }, messageId: 'node-retry-2' });
    await sdk.analytics.closeAndFlush({ timeout: 10_000 });

    expect(sdk.errors).toEqual([]);
    expect(sdk.requests.map((request) => request.headers['X-Retry-Count'])).toEqual([undefined, '1']);
    const { incoming, events } = await waitForAllProcessed(server);
    expect(incoming.filter((row) => row.message_id?.startsWith('node-retry-'))).toHaveLength(2);
    expect(events.filter((event) => event.user_id === 'node-retry').map((event) => event.type).sort()).toEqual(['identify', 'track']);
  });

  it('splits 40 events into batches of 15 and stores every one once, with distinct SDK messageIds', async () => {
    const sdk = segmentNode(host, server.writeKey, { flushAt: 15 });
    for (let i = 0; i < 40; i += 1) sdk.analytics.track({ anonymousId: 'anon-many', event: 'Many', properties: { i } });
    await sdk.analytics.closeAndFlush({ timeout: 10_000 });
    expect(sdk.errors).toEqual([]);
    expect(sdk.requests).toHaveLength(3);

    const { events } = await waitForAllProcessed(server);
    const many = events.filter((event) => event.event === 'Many');
    expect(many).toHaveLength(40);
    expect(new Set(many.map((event) => event.message_id)).size).toBe(40);
    expect(many.map((event) => event.properties.i).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('refuses a batch with an event over 32 KB that the SDK let through, and the SDK reports every event of it as failed', async () => {
    // analytics-node measures an event by splitting its URI-encoded JSON on /%..|i/ (sic): a
    // 40 KB run of "x" counts as almost nothing, so the SDK sends it and the whole batch with it.
    const sdk = segmentNode(host, server.writeKey);
    sdk.analytics.track({ userId: 'node-big', event: 'Fits', messageId: 'node-fits' });
    sdk.analytics.track({ userId: 'node-big', event: 'Too Big', properties: { blob: 'x'.repeat(40 * 1024) }, messageId: 'node-too-big' });
    await sdk.analytics.closeAndFlush({ timeout: 10_000 });

    expect(sdk.statuses).toEqual([413]);
    expect(sdk.errors.map((error) => [error.code, String(error.reason)])).toEqual([
      ['delivery_failure', expect.stringContaining('[413]')],
      ['delivery_failure', expect.stringContaining('[413]')],
    ]);
    const stored = (await listIncoming(server)).map((row) => row.message_id);
    expect(stored).not.toContain('node-fits');
    expect(stored).not.toContain('node-too-big');
  });

  it('answers an unknown write key with 401, which the SDK reports as a delivery failure without retrying', async () => {
    const before = (await listIncoming(server)).length;
    const sdk = segmentNode(host, 'wk_not_a_real_key', { maxRetries: 3 });
    const callbackErrors: unknown[] = [];
    sdk.analytics.track({ userId: 'node-bad', event: 'Refused', messageId: 'node-bad' }, (error) => callbackErrors.push(error));
    await sdk.analytics.closeAndFlush({ timeout: 10_000 });

    expect(sdk.statuses).toEqual([401]);
    expect(sdk.requests).toHaveLength(1);
    expect(sdk.errors).toHaveLength(1);
    expect(sdk.errors[0]!.code).toBe('delivery_failure');
    expect(String(sdk.errors[0]!.reason)).toContain('[401]');
    expect(callbackErrors).toHaveLength(1);
    expect((await listIncoming(server)).length).toBe(before);
  });
});
