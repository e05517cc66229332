import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { basicAuth, bearer, useTestServer, waitFor } from '../../support/harness.ts';
import { Receiver, type Behaviour, type ReceivedRequest } from '../receiver.ts';
import { forwardingApi } from '../forward-support.ts';

const AT = '2026-12-06T08:30:00.000Z';
const AT_MS = Date.parse(AT);
const CONTEXT = { ip: '203.0.113.9', locale: 'de-DE', library: { name: 'analytics-node', version: '6.0.0' } };

/** One of each call the vendors care about, as a Segment library sends them. */
function mixedBatch(tag: string) {
  return [
    { type: 'track', event: 'Order Completed', messageId: `${tag}-track`, userId: 'user-42', anonymousId: 'anon-7', timestamp: AT, properties: { order_id: 'o-1', total: 49.99, currency: 'EUR' }, context: CONTEXT },
    { type: 'identify', messageId: `${tag}-identify`, userId: 'user-42', anonymousId: 'anon-7', timestamp: AT, traits: { email: 'a@example.com', plan: 'pro' }, context: CONTEXT },
    { type: 'group', messageId: `${tag}-group`, userId: 'user-42', groupId: 'acme', timestamp: AT, traits: { name: 'Acme', employees: 40 }, context: CONTEXT },
    { type: 'page', name: 'Pricing', messageId: `${tag}-page`, anonymousId: 'anon-7', timestamp: AT, properties: { url: 'https://example.com/pricing', title: 'Pricing' }, context: CONTEXT },
  ];
}

const json = (request: ReceivedRequest) => JSON.parse(request.body) as any;

/**
 * Per type: its config against a receiver, and what the receiver must have got for
 * `mixedBatch(tag)`, field by field, from the documented request shapes.
 */
interface TypeCase {
  readonly type: string;
  config(receiver: Receiver): Record<string, unknown>;
  /** The status a vendor answers a good request with, and its body. */
  readonly ok: { status: number; body?: string };
  expectMixed(requests: ReceivedRequest[], tag: string): void;
  /** The dedupe ids a request carries (what a replay must send again). */
  ids(request: ReceivedRequest): string[];
}

const CASES: TypeCase[] = [
  {
    type: 'segment',
    config: (receiver) => ({ write_key: 'wk_segment_secret', url: receiver.origin }),
    ok: { status: 200, body: '{"success":true}' },
    expectMixed(requests, tag) {
      for (const request of requests) {
        expect(request.url).toBe('/v1/batch');
        expect(request.headers.authorization).toBe(`Basic ${Buffer.from('wk_segment_secret:').toString('base64')}`);
        expect(Object.keys(json(request))).toEqual(['batch']);
      }
      const messages = requests.flatMap((request) => json(request).batch);
      const byId = new Map(messages.map((message: any) => [message.messageId, message]));
      expect(byId.size).toBe(4);
      expect(byId.get(`${tag}-track`)).toEqual({ type: 'track', messageId: `${tag}-track`, userId: 'user-42', anonymousId: 'anon-7', timestamp: AT, event: 'Order Completed', properties: { order_id: 'o-1', total: 49.99, currency: 'EUR' }, context: expect.objectContaining(CONTEXT) });
      expect(byId.get(`${tag}-identify`)).toMatchObject({ type: 'identify', userId: 'user-42', traits: { email: 'a@example.com', plan: 'pro' } });
      expect(byId.get(`${tag}-group`)).toMatchObject({ type: 'group', groupId: 'acme', traits: { name: 'Acme', employees: 40 } });
      expect(byId.get(`${tag}-page`)).toMatchObject({ type: 'page', name: 'Pricing', anonymousId: 'anon-7', properties: { url: 'https://example.com/pricing', title: 'Pricing', name: 'Pricing' } });
    },
    ids: (request) => json(request).batch.map((message: any) => message.messageId),
  },
  {
    type: 'amplitude',
    config: (receiver) => ({ api_key: 'amp_secret_key_0123456789', url: receiver.origin, group_type: 'org' }),
    ok: { status: 200, body: '{"code":200,"events_ingested":1}' },
    expectMixed(requests, tag) {
      for (const request of requests) {
        expect(request.url).toBe('/2/httpapi');
        expect(request.headers['content-type']).toBe('application/json');
        expect(json(request)).toMatchObject({ api_key: 'amp_secret_key_0123456789', options: { min_id_length: 1 } });
      }
      const events = new Map(requests.flatMap((request) => json(request).events).map((event: any) => [event.insert_id, event]));
      expect(events.size).toBe(4);
      const common = { user_id: 'user-42', time: AT_MS, ip: '203.0.113.9', language: 'de-DE', library: 'analytics-node' };
      expect(events.get(`${tag}-track`)).toEqual({ ...common, device_id: 'anon-7', insert_id: `${tag}-track`, event_type: 'Order Completed', event_properties: { order_id: 'o-1', total: 49.99, currency: 'EUR' } });
      expect(events.get(`${tag}-identify`)).toEqual({ ...common, device_id: 'anon-7', insert_id: `${tag}-identify`, event_type: '$identify', user_properties: { $set: { email: 'a@example.com', plan: 'pro' } } });
      expect(events.get(`${tag}-group`)).toEqual({ ...common, insert_id: `${tag}-group`, event_type: '$groupidentify', groups: { org: 'acme' }, group_properties: { $set: { name: 'Acme', employees: 40 } } });
      const { user_id: _u, ...anonymous } = common;
      expect(events.get(`${tag}-page`)).toEqual({ ...anonymous, device_id: 'anon-7', insert_id: `${tag}-page`, event_type: 'Viewed Pricing', event_properties: { url: 'https://example.com/pricing', title: 'Pricing', name: 'Pricing' } });
    },
    ids: (request) => json(request).events.map((event: any) => event.insert_id),
  },
  {
    type: 'mixpanel',
    config: (receiver) => ({ project_token: 'mp_token_0123456789', api_secret: 'mp_api_secret_0123456789', url: receiver.origin }),
    ok: { status: 200, body: '{"code":200,"num_records_imported":2,"status":"OK"}' },
    expectMixed(requests, tag) {
      const imports = requests.filter((request) => request.url.startsWith('/import'));
      for (const request of imports) {
        expect(request.url).toBe('/import?strict=1');
        expect(request.headers.authorization).toBe(`Basic ${Buffer.from('mp_api_secret_0123456789:').toString('base64')}`);
      }
      const events = new Map(imports.flatMap((request) => json(request)).map((event: any) => [event.properties.$insert_id, event]));
      expect(events.get(`${tag}-track`)).toEqual({
        event: 'Order Completed',
        properties: { order_id: 'o-1', total: 49.99, currency: 'EUR', time: AT_MS, distinct_id: 'user-42', $insert_id: `${tag}-track`, $device_id: 'anon-7', $user_id: 'user-42', ip: '203.0.113.9' },
      });
      expect(events.get(`${tag}-page`)).toEqual({
        event: 'Viewed Pricing',
        properties: { url: 'https://example.com/pricing', title: 'Pricing', name: 'Pricing', time: AT_MS, distinct_id: 'anon-7', $insert_id: `${tag}-page`, ip: '203.0.113.9' },
      });
      const engage = requests.filter((request) => request.url === '/engage?verbose=1').flatMap((request) => json(request));
      expect(engage).toEqual([{ $token: 'mp_token_0123456789', $distinct_id: 'user-42', $set: { email: 'a@example.com', plan: 'pro' } }]);
      const groups = requests.filter((request) => request.url === '/groups?verbose=1').flatMap((request) => json(request));
      expect(groups).toEqual([{ $token: 'mp_token_0123456789', $group_key: 'company_id', $group_id: 'acme', $set: { name: 'Acme', employees: 40 } }]);
      for (const request of [...requests.filter((r) => r.url === '/engage?verbose=1' || r.url === '/groups?verbose=1')]) expect(request.headers.authorization).toBeUndefined();
    },
    ids: (request) => (request.url.startsWith('/import') ? json(request).map((event: any) => event.properties.$insert_id) : []),
  },
  {
    type: 'posthog',
    config: (receiver) => ({ api_key: 'phc_project_key_0123456789', url: receiver.origin }),
    ok: { status: 200, body: '{"status":1}' },
    expectMixed(requests, tag) {
      for (const request of requests) {
        expect(request.url).toBe('/batch/');
        expect(json(request).api_key).toBe('phc_project_key_0123456789');
      }
      const events = new Map(requests.flatMap((request) => json(request).batch).map((event: any) => [event.properties.message_id, event]));
      expect(events.get(`${tag}-track`)).toEqual({ distinct_id: 'user-42', timestamp: AT, event: 'Order Completed', properties: { order_id: 'o-1', total: 49.99, currency: 'EUR', $ip: '203.0.113.9', message_id: `${tag}-track` } });
      expect(events.get(`${tag}-identify`)).toEqual({ distinct_id: 'user-42', timestamp: AT, event: '$identify', properties: { $ip: '203.0.113.9', message_id: `${tag}-identify`, $anon_distinct_id: 'anon-7', $set: { email: 'a@example.com', plan: 'pro' } } });
      expect(events.get(`${tag}-group`)).toEqual({ distinct_id: 'user-42', timestamp: AT, event: '$groupidentify', properties: { $ip: '203.0.113.9', message_id: `${tag}-group`, $group_type: 'company', $group_key: 'acme', $group_set: { name: 'Acme', employees: 40 } } });
      expect(events.get(`${tag}-page`)).toEqual({ distinct_id: 'anon-7', timestamp: AT, event: '$pageview', properties: { url: 'https://example.com/pricing', title: 'Pricing', name: 'Pricing', $ip: '203.0.113.9', message_id: `${tag}-page`, $current_url: 'https://example.com/pricing' } });
    },
    ids: (request) => json(request).batch.map((event: any) => event.properties.message_id),
  },
  {
    type: 'ga4',
    config: (receiver) => ({ measurement_id: 'G-TEST1234', api_secret: 'ga4_secret_0123456789', url: receiver.origin }),
    ok: { status: 204 },
    expectMixed(requests) {
      for (const request of requests) expect(request.url).toBe('/mp/collect?measurement_id=G-TEST1234&api_secret=ga4_secret_0123456789');
      const bodies = requests.map(json);
      const purchase = bodies.find((body) => body.events.some((event: any) => event.name === 'purchase'));
      expect(purchase).toEqual({ client_id: 'anon-7', user_id: 'user-42', events: [{ name: 'purchase', params: { transaction_id: 'o-1', value: 49.99, currency: 'EUR' }, timestamp_micros: AT_MS * 1000 }] });
      expect(bodies.find((body) => body.user_properties)).toEqual({ client_id: 'anon-7', user_id: 'user-42', user_properties: { email: { value: 'a@example.com' }, plan: { value: 'pro' } }, events: [] });
      expect(bodies.find((body) => body.events.some((event: any) => event.name === 'page_view'))).toEqual({
        client_id: 'anon-7',
        events: [{ name: 'page_view', params: { page_location: 'https://example.com/pricing', page_title: 'Pricing', name: 'Pricing' }, timestamp_micros: AT_MS * 1000 }],
      });
      // GA4 has no group profiles: nothing is sent for the group call.
      expect(bodies.every((body) => body.client_id !== 'user-42' || body.events.length > 0 || body.user_properties)).toBe(true);
    },
    ids: (request) => json(request).events.map((event: any) => `${event.name}@${event.timestamp_micros}`),
  },
  {
    type: 'slack',
    config: (receiver) => ({ url: receiver.url, templates: { 'Order Completed': '{{user}} ordered {{properties.total}} {{properties.currency}} ({{message_id}})', identify: '{{traits.email}} signed in ({{message_id}})' }, default_template: '{{type}} {{event}} ({{message_id}})' }),
    ok: { status: 200, body: 'ok' },
    expectMixed(requests, tag) {
      for (const request of requests) expect(request.url).toBe('/hook');
      expect(requests.map((request) => json(request)).sort((a, b) => a.text.localeCompare(b.text))).toEqual([
        { text: `a@example.com signed in (${tag}-identify)` },
        { text: `group group (${tag}-group)` },
        { text: `page Pricing (${tag}-page)` },
        { text: `user-42 ordered 49.99 EUR (${tag}-track)` },
      ]);
    },
    ids: (request) => [/\(([^)]+)\)$/.exec(json(request).text)![1]!],
  },
];

describe.each(DIALECTS)('vendor destinations on %s', (dialect) => {
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardRetryBaseMs: 20, forwardTimeoutMs: 4000 });
  let api: ReturnType<typeof forwardingApi>;
  const receivers: Receiver[] = [];
  beforeAll(() => {
    api = forwardingApi(server);
  });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });

  /** A receiver standing in for the vendor, a destination of `type` pointing at it, a rule for every event. */
  async function wire(spec: TypeCase, behaviour: Behaviour, eventTypes: string[], eventNames: string[] = []) {
    const receiver = await Receiver.start(behaviour);
    receiver.okBody = spec.ok.body;
    receivers.push(receiver);
    const destination = await api.call('POST', '/destinations', { name: `${spec.type} receiver`, type: spec.type, config: spec.config(receiver), rate_limit: null });
    expect(destination.statusCode).toBe(201);
    const rule = await api.call('POST', '/event-forwarding-rules', {
      name: `to ${spec.type}`, destination_id: destination.json().id, event_types: eventTypes, event_names: eventNames, transformation_id: null, enabled: true,
    });
    expect(rule.statusCode).toBe(201);
    return { receiver, destinationId: destination.json().id as string, ruleId: rule.json().id as string };
  }

  async function send(batch: Array<Record<string, unknown>>) {
    const response = await server.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basicAuth(server.writeKey) }, payload: { batch } });
    expect(response.statusCode).toBe(200);
  }

  /** Sends one track event only this case's rule forwards. */
  async function sendOne(spec: TypeCase, tag: string) {
    await send([{ type: 'track', event: `Only ${spec.type} ${tag}`, messageId: `${tag}-one`, userId: 'user-42', anonymousId: 'anon-7', timestamp: AT, properties: { n: 1 }, context: CONTEXT }]);
  }

  for (const spec of CASES) {
    describe(spec.type, () => {
      it('maps track, identify, group and page to the documented request', async () => {
        const tag = `${dialect}-${spec.type}-mixed`;
        const { receiver, destinationId, ruleId } = await wire(spec, () => spec.ok.status, ['track', 'identify', 'group', 'page']);
        await send(mixedBatch(tag));
        await api.settled(destinationId, 4, ['delivered']);
        expect(receiver.requests.every((request) => request.method === 'POST' && request.headers['content-type'] === 'application/json')).toBe(true);
        spec.expectMixed(receiver.requests, tag);
        // Only this rule's destination: the next case wires its own.
        await api.call('PUT', `/event-forwarding-rules/${ruleId}`, { enabled: false });
      });

      it('retries 5xx and 429, waiting as long as Retry-After asks', async () => {
        const tag = `${dialect}-${spec.type}-retry`;
        const { receiver, destinationId, ruleId } = await wire(
          spec,
          (index) => (index === 0 ? 503 : index === 1 ? { status: 429, headers: { 'retry-after': '1' } } : spec.ok.status),
          ['track'],
          [`Only ${spec.type} ${tag}`],
        );
        await sendOne(spec, tag);
        const [delivery] = await api.settled(destinationId, 1, ['delivered']);
        expect(delivery!.attempts.map((attempt: any) => attempt.status_code)).toEqual([503, 429, spec.ok.status]);
        expect(delivery!.attempts[1].error).toContain('HTTP 429');
        expect(receiver.requests[2]!.at - receiver.requests[1]!.at).toBeGreaterThanOrEqual(950);
        expect(new Set(receiver.requests.map((request) => JSON.stringify(spec.ids(request))))).toHaveProperty('size', 1);
        await api.call('PUT', `/event-forwarding-rules/${ruleId}`, { enabled: false });
      });

      it('fails a permanent 4xx at once with the reason, and replays it with the same ids', async () => {
        const tag = `${dialect}-${spec.type}-dead`;
        let refuse = true;
        const { receiver, destinationId, ruleId } = await wire(spec, () => (refuse ? 400 : spec.ok.status), ['track'], [`Only ${spec.type} ${tag}`]);
        await sendOne(spec, tag);
        const [failed] = await api.settled(destinationId, 1, ['failed']);
        expect(failed!.attempts).toHaveLength(1);
        expect(failed!.last_status_code).toBe(400);
        expect(failed!.last_error).toBe('HTTP 400: receiver says 400');
        expect(JSON.stringify(failed)).not.toMatch(/secret|phc_project_key|mp_token/);
        refuse = false;
        const replayed = await api.call('POST', '/deliveries/replay', { status: 'failed', destination_id: destinationId });
        expect(replayed.json()).toEqual({ replayed: 1 });
        await api.settled(destinationId, 1, ['delivered']);
        expect(receiver.requests).toHaveLength(2);
        expect(spec.ids(receiver.requests[1]!)).toEqual(spec.ids(receiver.requests[0]!));
        await api.call('PUT', `/event-forwarding-rules/${ruleId}`, { enabled: false });
      });
    });
  }

  it('fails a Mixpanel profile update its 200 answer refuses, with Mixpanel\'s reason', async () => {
    const receiver = await Receiver.start(() => 200);
    receiver.okBody = '{"status":0,"error":"$distinct_id is missing"}';
    receivers.push(receiver);
    const destination = await api.call('POST', '/destinations', { name: 'mixpanel refusing', type: 'mixpanel', config: { project_token: 'mp_token_0123456789', url: receiver.origin } });
    const destinationId = destination.json().id as string;
    const rule = await api.call('POST', '/event-forwarding-rules', { name: 'identify to mixpanel', destination_id: destinationId, event_types: ['identify'], event_names: [], transformation_id: null, enabled: true });
    await send([{ type: 'identify', messageId: `${dialect}-mp-refused`, userId: 'user-42', timestamp: AT, traits: { plan: 'pro' } }]);
    const [failed] = await api.settled(destinationId, 1, ['failed']);
    expect(failed).toMatchObject({ last_status_code: 200, last_error: 'Mixpanel refused the update: $distinct_id is missing' });
    expect(receiver.requests.map((request) => request.url)).toEqual(['/engage?verbose=1']);
    await api.call('PUT', `/event-forwarding-rules/${rule.json().id}`, { enabled: false });
  });

  it('paces Slack messages at its default one per second', async () => {
    const receiver = await Receiver.start(() => 200);
    receivers.push(receiver);
    const destination = await api.call('POST', '/destinations', { name: 'slack paced', type: 'slack', config: { url: receiver.url } });
    expect(destination.json()).toMatchObject({ rate_limit: 1, batch_size: 1, url: '', config: { url: '••••hook' } });
    const destinationId = destination.json().id as string;
    await api.call('POST', '/event-forwarding-rules', { name: 'slack paced', destination_id: destinationId, event_types: ['track'], event_names: ['Paced'], transformation_id: null, enabled: true });
    await send([1, 2].map((n) => ({ type: 'track', event: 'Paced', messageId: `${dialect}-paced-${n}`, userId: 'user-42', timestamp: AT })));
    await api.settled(destinationId, 2, ['delivered']);
    const [first, second] = receiver.requests.map((request) => request.at).sort((a, b) => a - b);
    expect(second! - first!).toBeGreaterThanOrEqual(900);
  });

  it('forwards Tributary to Tributary through the Segment type: each event arrives once, message id kept, also after a replay', async () => {
    const { startTestServer } = await import('../../support/harness.ts');
    const peer = await startTestServer(dialect);
    try {
      const origin = await peer.listen();
      const destination = await api.call('POST', '/destinations', { name: 'peer', type: 'segment', config: { write_key: peer.writeKey, url: origin } });
      expect(destination.statusCode).toBe(201);
      const destinationId = destination.json().id as string;
      await api.call('POST', '/event-forwarding-rules', { name: 'to peer', destination_id: destinationId, event_types: ['track', 'identify'], event_names: [], transformation_id: null, enabled: true });
      const tag = `${dialect}-peer`;
      await send([
        { type: 'track', event: 'Peer Test', messageId: `${tag}-1`, userId: 'user-42', timestamp: AT, properties: { n: 1 } },
        { type: 'identify', messageId: `${tag}-2`, userId: 'user-42', timestamp: AT, traits: { plan: 'pro' } },
      ]);
      await api.settled(destinationId, 2, ['delivered']);
      const peerEvents = async () => {
        const response = await peer.inject({ method: 'GET', url: `/api/v1/workspaces/${peer.workspaceId}/events?limit=100`, headers: { authorization: bearer(peer.operatorToken) } });
        return (response.json().data as Array<Record<string, any>>).filter((event) => String(event.message_id).startsWith(tag));
      };
      const arrived = await waitFor(async () => {
        const events = await peerEvents();
        return events.length >= 2 ? events : undefined;
      }, 'the peer to process both events');
      expect(arrived.map((event) => [event.type, event.message_id, event.user_id]).sort()).toEqual([
        ['identify', `${tag}-2`, 'user-42'],
        ['track', `${tag}-1`, 'user-42'],
      ]);
      expect(arrived.find((event) => event.type === 'track')).toMatchObject({ event: 'Peer Test', properties: { n: 1 } });
      const replayed = await api.call('POST', '/deliveries/replay', { status: 'delivered', destination_id: destinationId });
      expect(replayed.json()).toEqual({ replayed: 2 });
      await api.settled(destinationId, 2, ['delivered']);
      const deliveries = await api.deliveries(destinationId);
      expect(deliveries.every((row) => row.attempts.length === 2)).toBe(true);
      expect(await peerEvents()).toHaveLength(2);
    } finally {
      await peer.close();
    }
  });
});
