import { describe, expect, it } from 'vitest';
import { toAmplitudeBody, toAmplitudeEvent } from '../../../src/forward/destination-types/amplitude.ts';
import { readCanonicalEvent } from '../../../src/forward/destination-types/canonical-event.ts';
import { GA4_LIMITS, ga4EventName, ga4Name, ga4Params, ga4UserProperties, toGa4Bodies } from '../../../src/forward/destination-types/ga4-mapping.ts';
import { judgeMixpanelAnswer, mixpanelInsertId, toMixpanelEvent, toMixpanelProfileUpdate } from '../../../src/forward/destination-types/mixpanel.ts';
import { toPostHogEvent } from '../../../src/forward/destination-types/posthog.ts';
import { toSegmentBatch, toSegmentMessage } from '../../../src/forward/destination-types/segment.ts';
import { renderSlackTemplate, toSlackMessage } from '../../../src/forward/destination-types/slack.ts';

const NOW = Date.parse('2026-12-07T10:00:00.000Z');
const AT = '2026-12-06T08:30:00.000Z';

/** Events as the events API shows them (what the worker hands a type). */
const track = {
  id: 'evt_1',
  type: 'track',
  event: 'Order Completed',
  message_id: 'msg-0001',
  user_id: 'user-42',
  anonymous_id: 'anon-7',
  timestamp: AT,
  properties: { order_id: 'o-1', total: 49.99, currency: 'EUR', coupon: null, nested: { a: 1 } },
  traits: {},
  context: { ip: '203.0.113.9', locale: 'de-DE', library: { name: 'analytics.js' } },
  integrations: {},
};
const identify = { type: 'identify', message_id: 'msg-0002', user_id: 'user-42', anonymous_id: 'anon-7', timestamp: AT, traits: { email: 'a@example.com', plan: 'pro' }, properties: {}, context: {} };
const group = { type: 'group', message_id: 'msg-0003', user_id: 'user-42', group_id: 'acme', timestamp: AT, traits: { name: 'Acme', employees: 40 }, properties: {}, context: {} };
const page = { type: 'page', event: 'Pricing', message_id: 'msg-0004', anonymous_id: 'anon-7', timestamp: AT, properties: { url: 'https://example.com/pricing', title: 'Pricing — Example', referrer: 'https://google.com/' }, context: {} };
const alias = { type: 'alias', message_id: 'msg-0005', user_id: 'user-42', previous_id: 'anon-7', timestamp: AT, context: {} };

describe('canonical events', () => {
  it('reads the events API spelling and the Segment spelling alike', () => {
    const snake = readCanonicalEvent(track);
    const camel = readCanonicalEvent({ type: 'track', event: 'Order Completed', messageId: 'msg-0001', userId: 'user-42', anonymousId: 'anon-7', timestamp: AT, properties: track.properties, context: track.context });
    expect(camel).toEqual({ ...snake, integrations: {} });
    expect(snake).toMatchObject({ type: 'track', event: 'Order Completed', messageId: 'msg-0001', userId: 'user-42', anonymousId: 'anon-7', timestamp: AT });
  });
});

describe('segment mapping', () => {
  it('writes Segment spec messages with the message id kept', () => {
    expect(toSegmentMessage(track)).toEqual({
      type: 'track', messageId: 'msg-0001', userId: 'user-42', anonymousId: 'anon-7', timestamp: AT, event: 'Order Completed',
      properties: track.properties, context: track.context,
    });
    expect(toSegmentMessage(identify)).toEqual({ type: 'identify', messageId: 'msg-0002', userId: 'user-42', anonymousId: 'anon-7', timestamp: AT, traits: identify.traits, context: {} });
    expect(toSegmentMessage(group)).toMatchObject({ type: 'group', groupId: 'acme', traits: group.traits });
    expect(toSegmentMessage(page)).toMatchObject({ type: 'page', name: 'Pricing', properties: page.properties });
    expect(toSegmentMessage(alias)).toMatchObject({ type: 'alias', userId: 'user-42', previousId: 'anon-7' });
    expect(toSegmentBatch([track])).toEqual({ batch: [toSegmentMessage(track)] });
  });
});

describe('amplitude mapping', () => {
  it('maps track to an event with insert_id, time in ms and event_properties', () => {
    expect(toAmplitudeEvent(track, {}, NOW)).toEqual({
      user_id: 'user-42', device_id: 'anon-7', time: Date.parse(AT), insert_id: 'msg-0001', ip: '203.0.113.9', language: 'de-DE', library: 'analytics.js',
      event_type: 'Order Completed', event_properties: track.properties,
    });
  });

  it('maps identify to user_properties and group to a typed group with group_properties', () => {
    expect(toAmplitudeEvent(identify, {}, NOW)).toMatchObject({ event_type: '$identify', user_properties: { $set: identify.traits }, insert_id: 'msg-0002' });
    expect(toAmplitudeEvent(group, { group_type: 'org' }, NOW)).toMatchObject({ event_type: '$groupidentify', groups: { org: 'acme' }, group_properties: { $set: group.traits } });
  });

  it('leaves out what Amplitude cannot take: no user or device id, aliases', () => {
    expect(toAmplitudeEvent({ type: 'track', event: 'x' }, {}, NOW)).toBeNull();
    expect(toAmplitudeEvent(alias, {}, NOW)).toBeNull();
    expect(toAmplitudeBody([alias], { api_key: 'k' }, NOW)).toBeNull();
    expect(toAmplitudeBody([track], { api_key: 'k' }, NOW)).toMatchObject({ api_key: 'k', options: { min_id_length: 1 } });
  });

  it('falls back to now for an event without a readable time', () => {
    expect(toAmplitudeEvent({ ...track, timestamp: 'yesterday' }, {}, NOW)).toMatchObject({ time: NOW });
  });
});

describe('mixpanel mapping', () => {
  it('maps track to an import event with distinct_id, time in ms and $insert_id', () => {
    expect(toMixpanelEvent(track, NOW)).toEqual({
      event: 'Order Completed',
      properties: { ...track.properties, time: Date.parse(AT), distinct_id: 'user-42', $insert_id: 'msg-0001', $device_id: 'anon-7', $user_id: 'user-42', ip: '203.0.113.9' },
    });
    expect(toMixpanelEvent(page, NOW)).toMatchObject({ event: 'Viewed Pricing', properties: { distinct_id: 'anon-7' } });
    expect(toMixpanelEvent(identify, NOW)).toBeNull();
  });

  it('keeps $insert_id within 36 letters, digits and dashes', () => {
    expect(mixpanelInsertId('0190a6b2-7c1d-7e3f-8a9b-0123456789ab')).toBe('0190a6b2-7c1d-7e3f-8a9b-0123456789ab');
    const hashed = mixpanelInsertId('ajs-next-1733563200000-1f2e3d4c5b6a.with.dots');
    expect(hashed).toMatch(/^[0-9a-f]{36}$/);
    expect(mixpanelInsertId('ajs-next-1733563200000-1f2e3d4c5b6a.with.dots')).toBe(hashed);
  });

  it('reads a 200 whose verbose body refuses a profile update as a final failure with the reason', () => {
    const answer = { statusCode: 200, latencyMs: 1, error: null, retryAfterMs: null, refused: false };
    expect(judgeMixpanelAnswer({ ...answer, body: '{"status":0,"error":"bad token"}' })).toEqual({ verdict: 'final', error: 'Mixpanel refused the update: bad token' });
    expect(judgeMixpanelAnswer({ ...answer, body: '{"status":1,"error":null}' })).toBeUndefined();
    expect(judgeMixpanelAnswer({ ...answer, body: '{"code":200,"num_records_imported":2,"status":"OK"}' })).toBeUndefined();
    expect(judgeMixpanelAnswer({ ...answer, body: '1' })).toBeUndefined();
    expect(judgeMixpanelAnswer({ ...answer, statusCode: 400, body: '{"status":0}' })).toBeUndefined();
  });

  it('maps identify to an engage $set and group to a groups $set', () => {
    const config = { project_token: 'tok', group_key: 'company_id' };
    expect(toMixpanelProfileUpdate(identify, config)).toEqual({ kind: 'engage', update: { $token: 'tok', $distinct_id: 'user-42', $set: identify.traits } });
    expect(toMixpanelProfileUpdate(group, config)).toEqual({ kind: 'groups', update: { $token: 'tok', $group_key: 'company_id', $group_id: 'acme', $set: group.traits } });
  });

});

describe('posthog mapping', () => {
  it('maps track, identify ($set), group ($groupidentify), page, alias', () => {
    expect(toPostHogEvent(track, {})).toEqual({
      distinct_id: 'user-42', timestamp: AT, event: 'Order Completed', properties: { ...track.properties, $ip: '203.0.113.9', message_id: 'msg-0001' },
    });
    expect(toPostHogEvent(identify, {})).toEqual({
      distinct_id: 'user-42', timestamp: AT, event: '$identify', properties: { message_id: 'msg-0002', $anon_distinct_id: 'anon-7', $set: identify.traits },
    });
    expect(toPostHogEvent(group, { group_type: 'company' })).toEqual({
      distinct_id: 'user-42', timestamp: AT, event: '$groupidentify', properties: { message_id: 'msg-0003', $group_type: 'company', $group_key: 'acme', $group_set: group.traits },
    });
    expect(toPostHogEvent(page, {})).toMatchObject({ distinct_id: 'anon-7', event: '$pageview', properties: { $current_url: 'https://example.com/pricing', title: 'Pricing' } });
    expect(toPostHogEvent(alias, {})).toMatchObject({ distinct_id: 'anon-7', event: '$create_alias', properties: { alias: 'user-42' } });
  });

  it('uses a UUID message id as the event uuid PostHog deduplicates on', () => {
    const id = '0190A6B2-7C1D-7E3F-8A9B-0123456789AB';
    expect(toPostHogEvent({ ...track, message_id: id }, {})).toMatchObject({ uuid: id.toLowerCase() });
    expect(toPostHogEvent({ type: 'track', event: 'x' }, {})).toBeNull();
  });
});

describe('ga4 mapping', () => {
  it('names events within GA4 rules and maps ecommerce names to recommended events', () => {
    expect(ga4EventName('Order Completed')).toBe('purchase');
    expect(ga4EventName('Video Played (HD)')).toBe('video_played_hd');
    expect(ga4EventName('2fa enabled')).toBe('fa_enabled');
    expect(ga4EventName('session_start')).toBe('x_session_start');
    expect(ga4EventName('google_thing')).toBe('x_google_thing');
    expect(ga4Name('a'.repeat(60))).toHaveLength(GA4_LIMITS.nameLength);
  });

  it('keeps params to scalars and items, renamed, cut to 100 characters, at most 25', () => {
    const params = ga4Params({ order_id: 'o-1', total: 10, long: 'x'.repeat(150), flag: true, nested: { a: 1 }, products: [{ product_id: 'p1', name: 'Hat', price: 5 }] });
    expect(params).toEqual({ transaction_id: 'o-1', value: 10, long: 'x'.repeat(100), flag: 'true', items: [{ item_id: 'p1', item_name: 'Hat', price: 5 }] });
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, n) => [`p${n}`, n]));
    expect(Object.keys(ga4Params(many))).toHaveLength(GA4_LIMITS.paramsPerEvent);
  });

  it('writes user properties within 24-character names and 36-character values, skipping reserved names', () => {
    expect(ga4UserProperties({ email_address_of_the_customer_here: 'a@example.com', plan: 'p'.repeat(50), user_id: 'x' })).toEqual({
      email_address_of_the_cus: { value: 'a@example.com' },
      plan: { value: 'p'.repeat(36) },
    });
  });

  it('groups events by client into requests of at most 25, with identify as user properties', () => {
    const events = [
      ...Array.from({ length: 27 }, (_, n) => ({ ...track, event: 'Clicked', message_id: `m${n}` })),
      { ...track, anonymous_id: 'anon-8', event: 'Clicked' },
      identify,
      page,
    ];
    const bodies = toGa4Bodies(events, NOW);
    expect(bodies.map((body) => [body.client_id, body.user_id, body.events.length])).toEqual([
      ['anon-7', 'user-42', 25],
      ['anon-7', 'user-42', 2],
      ['anon-8', 'user-42', 1],
      ['anon-7', 'user-42', 0],
      ['anon-7', undefined, 1],
    ]);
    expect(bodies[3]!.user_properties).toEqual({ email: { value: 'a@example.com' }, plan: { value: 'pro' } });
    expect(bodies[0]!.events[0]).toEqual({ name: 'clicked', params: { transaction_id: 'o-1', value: 49.99, currency: 'EUR' }, timestamp_micros: Date.parse(AT) * 1000 });
    expect(bodies[4]!.events[0]).toEqual({
      name: 'page_view',
      params: { page_location: 'https://example.com/pricing', page_title: 'Pricing — Example', page_referrer: 'https://google.com/' },
      timestamp_micros: Date.parse(AT) * 1000,
    });
    expect(toGa4Bodies([group, alias], NOW)).toEqual([]);
  });
});

describe('slack mapping', () => {
  it('renders the template for the event name, escaping Slack control characters', () => {
    const config = { templates: { 'Order Completed': '{{user}} paid {{properties.total}} {{properties.currency}} <{{properties.nested}}>' } };
    // The template's own `<…>` stays (Slack links); the event's values are escaped.
    expect(toSlackMessage(track, config)).toEqual({ text: 'user-42 paid 49.99 EUR <{"a":1}>' });
    expect(renderSlackTemplate('{{event}} & {{missing.value}}', { ...track, event: '<!channel>' })).toBe('&lt;!channel&gt; & ');
  });

  it('falls back to the type template, then the default', () => {
    expect(toSlackMessage(identify, { templates: { identify: 'Hello {{traits.email}}' } })).toEqual({ text: 'Hello a@example.com' });
    expect(toSlackMessage(page, {})).toEqual({ text: '*Pricing* (page) from anon-7' });
  });
});
