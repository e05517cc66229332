import { eventTimeMs, readCanonicalEvent } from './canonical-event.ts';

/**
 * Google Analytics 4 Measurement Protocol limits, as documented ("Limitations" in "Send
 * Measurement Protocol events"): 25 events per request, 25 params per event, 25 user properties,
 * names of events and params up to 40 characters (letters, digits, underscores, starting with a
 * letter), user property names up to 24, param values up to 100 characters (page_location 1000,
 * page_referrer 420, page_title 300), user property values up to 36, 200 items per event, and no
 * names starting with google_, ga_ or firebase_. GA4 drops what breaks them silently (it answers
 * 2xx for any well-formed request), so the mapping keeps within them.
 */
export const GA4_LIMITS = {
  eventsPerRequest: 25,
  paramsPerEvent: 25,
  userProperties: 25,
  nameLength: 40,
  userPropertyNameLength: 24,
  paramValueLength: 100,
  userPropertyValueLength: 36,
  itemsPerEvent: 200,
} as const;

const LONG_PARAMS: Record<string, number> = { page_location: 1000, page_referrer: 420, page_title: 300 };
const RESERVED_PREFIX = /^(google_|ga_|firebase_)/;
/** Event names GA4 reserves (collected automatically); a custom event of that name is renamed. */
const RESERVED_EVENTS = new Set([
  'ad_activeview', 'ad_click', 'ad_exposure', 'ad_query', 'ad_reward', 'adunit_exposure', 'app_background', 'app_clear_data',
  'app_exception', 'app_remove', 'app_store_refund', 'app_store_subscription_cancel', 'app_store_subscription_convert',
  'app_store_subscription_renew', 'app_update', 'app_upgrade', 'dynamic_link_app_open', 'dynamic_link_app_update',
  'dynamic_link_first_open', 'error', 'firebase_campaign', 'first_open', 'first_visit', 'in_app_purchase', 'notification_dismiss',
  'notification_foreground', 'notification_open', 'notification_receive', 'os_update', 'session_start', 'session_start_with_rollout',
  'user_engagement',
]);
const RESERVED_USER_PROPERTIES = new Set(['first_open_time', 'first_visit_time', 'last_deep_link_referrer', 'user_id', 'first_open_after_install']);

/** Segment's ecommerce spec names to GA4's recommended events, so GA4's reports recognise them. */
const RECOMMENDED: Record<string, string> = {
  'Order Completed': 'purchase',
  'Order Refunded': 'refund',
  'Product Added': 'add_to_cart',
  'Product Removed': 'remove_from_cart',
  'Product Viewed': 'view_item',
  'Checkout Started': 'begin_checkout',
  'Signed Up': 'sign_up',
  'Signed In': 'login',
  'Products Searched': 'search',
};
/** Segment property names to the GA4 params those recommended events read. */
const PARAM_NAMES: Record<string, string> = { order_id: 'transaction_id', revenue: 'value', total: 'value', query: 'search_term', products: 'items' };

/** A GA4 name: letters, digits and underscores, starting with a letter, within `max`; reserved ones prefixed. */
export function ga4Name(raw: string, max: number = GA4_LIMITS.nameLength): string {
  let name = raw.trim().replace(/[^A-Za-z0-9_]+/g, '_').replace(/^[^A-Za-z]+/, '').toLowerCase();
  if (name === '') name = 'event';
  if (RESERVED_PREFIX.test(name)) name = `x_${name}`;
  return name.slice(0, max).replace(/_+$/, '') || 'event';
}

export function ga4EventName(raw: string | null): string {
  if (raw !== null && RECOMMENDED[raw]) return RECOMMENDED[raw];
  const name = ga4Name(raw ?? 'event');
  return RESERVED_EVENTS.has(name) ? `x_${name}`.slice(0, GA4_LIMITS.nameLength) : name;
}

function paramValue(name: string, value: unknown): string | number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value.slice(0, LONG_PARAMS[name] ?? GA4_LIMITS.paramValueLength);
  return undefined;
}

/** Event params from properties: scalars (and `items`), renamed, cut to GA4's lengths, at most 25. */
export function ga4Params(properties: Record<string, unknown>, fixed: Record<string, string | number> = {}): Record<string, unknown> {
  const params: Record<string, unknown> = { ...fixed };
  for (const [key, value] of Object.entries(properties)) {
    if (Object.keys(params).length >= GA4_LIMITS.paramsPerEvent) break;
    const name = PARAM_NAMES[key] ?? ga4Name(key);
    if (name in params) continue;
    if (name === 'items' && Array.isArray(value)) {
      params.items = value.slice(0, GA4_LIMITS.itemsPerEvent).map((item) => ga4Item(item));
      continue;
    }
    const mapped = paramValue(name, value);
    if (mapped !== undefined) params[name] = mapped;
  }
  return params;
}

function ga4Item(item: unknown): Record<string, unknown> {
  const source = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const name = key === 'product_id' ? 'item_id' : key === 'name' ? 'item_name' : key === 'category' ? 'item_category' : ga4Name(key);
    const mapped = paramValue(name, value);
    if (mapped !== undefined) renamed[name] = mapped;
  }
  return renamed;
}

/** Traits as user properties: `{ name: { value } }`, names within 24 characters, values within 36, at most 25. */
export function ga4UserProperties(traits: Record<string, unknown>): Record<string, { value: string | number }> {
  const properties: Record<string, { value: string | number }> = {};
  for (const [key, value] of Object.entries(traits)) {
    if (Object.keys(properties).length >= GA4_LIMITS.userProperties) break;
    const name = ga4Name(key, GA4_LIMITS.userPropertyNameLength);
    if (RESERVED_USER_PROPERTIES.has(name)) continue;
    const mapped = paramValue(name, value);
    if (mapped !== undefined) properties[name] = { value: typeof mapped === 'string' ? mapped.slice(0, GA4_LIMITS.userPropertyValueLength) : mapped };
  }
  return properties;
}

/** A GA4 request body: one client (and user), up to 25 events, or user properties alone (identify). */
export interface Ga4Body {
  client_id: string;
  user_id?: string;
  user_properties?: Record<string, { value: string | number }>;
  events: Array<{ name: string; params: Record<string, unknown>; timestamp_micros: number }>;
}

/**
 * Canonical events as Measurement Protocol bodies. GA4 takes one `client_id` per request, so
 * events are grouped by client (the anonymous id, else the user id) and user, in order, 25 to a
 * request. track → its (recommended or sanitised) name; page → `page_view` with page_location,
 * page_title and page_referrer; screen → `screen_view`; identify → the user's `user_properties`
 * in a request of its own with no events; group and alias → nothing (GA4 has no group profiles).
 */
export function toGa4Bodies(events: readonly Record<string, unknown>[], now: number): Ga4Body[] {
  const bodies: Ga4Body[] = [];
  const open = new Map<string, Ga4Body>();
  for (const raw of events) {
    const event = readCanonicalEvent(raw);
    const clientId = event.anonymousId ?? event.userId;
    if (clientId === null) continue;
    const identity = { client_id: clientId, ...(event.userId !== null ? { user_id: event.userId } : {}) };
    if (event.type === 'identify') {
      bodies.push({ ...identity, user_properties: ga4UserProperties(event.traits), events: [] });
      continue;
    }
    const mapped = toGa4Event(event, now);
    if (!mapped) continue;
    const key = `${identity.client_id}\u0000${identity.user_id ?? ''}`;
    let body = open.get(key);
    if (!body || body.events.length >= GA4_LIMITS.eventsPerRequest) {
      body = { ...identity, events: [] };
      open.set(key, body);
      bodies.push(body);
    }
    body.events.push(mapped);
  }
  return bodies;
}

function toGa4Event(event: ReturnType<typeof readCanonicalEvent>, now: number): Ga4Body['events'][number] | null {
  const timestamp_micros = eventTimeMs(event, now) * 1000;
  const page = (event.context.page ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'track':
      return { name: ga4EventName(event.event), params: ga4Params(event.properties), timestamp_micros };
    case 'page': {
      const fixed: Record<string, string> = {};
      const location = event.properties.url ?? page.url;
      const title = event.properties.title ?? page.title ?? event.event;
      const referrer = event.properties.referrer ?? page.referrer;
      if (typeof location === 'string') fixed.page_location = location.slice(0, LONG_PARAMS.page_location);
      if (typeof title === 'string') fixed.page_title = title.slice(0, LONG_PARAMS.page_title);
      if (typeof referrer === 'string' && referrer !== '') fixed.page_referrer = referrer.slice(0, LONG_PARAMS.page_referrer);
      const { url: _url, title: _title, referrer: _referrer, ...rest } = event.properties;
      return { name: 'page_view', params: ga4Params(rest, fixed), timestamp_micros };
    }
    case 'screen':
      return { name: 'screen_view', params: ga4Params(event.properties, event.event ? { screen_name: event.event.slice(0, GA4_LIMITS.paramValueLength) } : {}), timestamp_micros };
    default:
      return null;
  }
}
