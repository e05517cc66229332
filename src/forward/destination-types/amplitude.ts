import { eventTimeMs, readCanonicalEvent } from './canonical-event.ts';
import type { DestinationType } from './destination-type.ts';
import { endpoint, httpDestinationType } from './http-type.ts';

export interface AmplitudeConfig {
  api_key: string;
  url?: string;
  /** The group type `group` calls set (Amplitude's groups are typed: `company`, `org`). */
  group_type?: string;
}

export const AMPLITUDE_DEFAULT_URL = 'https://api2.amplitude.com';

/**
 * One canonical event as an HTTP V2 event, or null when it cannot be one (Amplitude needs a
 * user_id or a device_id): track → its name, page/screen → `Viewed <name>`, identify → `$identify` with `user_properties.$set`, group →
 * `$groupidentify` with `groups` and `group_properties.$set`, alias → nothing (Amplitude merges
 * users by its own rules). `insert_id` is the message id: Amplitude ignores a repeat within 7 days.
 */
export function toAmplitudeEvent(raw: Readonly<Record<string, unknown>>, config: Pick<AmplitudeConfig, 'group_type'>, now: number): Record<string, unknown> | null {
  const event = readCanonicalEvent(raw);
  if (event.userId === null && event.anonymousId === null) return null;
  const base: Record<string, unknown> = {};
  if (event.userId !== null) base.user_id = event.userId;
  if (event.anonymousId !== null) base.device_id = event.anonymousId;
  base.time = eventTimeMs(event, now);
  if (event.messageId !== null) base.insert_id = event.messageId;
  const context = event.context;
  const library = context.library as { name?: unknown } | undefined;
  if (typeof context.ip === 'string') base.ip = context.ip;
  if (typeof context.locale === 'string') base.language = context.locale;
  if (typeof library?.name === 'string') base.library = library.name;
  switch (event.type) {
    case 'track':
      return { ...base, event_type: event.event ?? 'Unnamed Event', event_properties: event.properties };
    case 'page':
    case 'screen':
      return { ...base, event_type: event.event ? `Viewed ${event.event}` : `Viewed ${event.type === 'page' ? 'Page' : 'Screen'}`, event_properties: event.properties };
    case 'identify':
      return { ...base, event_type: '$identify', user_properties: { $set: event.traits } };
    case 'group': {
      if (event.groupId === null) return null;
      const groupType = config.group_type ?? 'company';
      return { ...base, event_type: '$groupidentify', groups: { [groupType]: event.groupId }, group_properties: { $set: event.traits } };
    }
    default:
      return null;
  }
}

/** The `/2/httpapi` body. `min_id_length: 1`: our ids are whatever the sender chose, often under Amplitude's default 5. */
export function toAmplitudeBody(events: readonly Record<string, unknown>[], config: AmplitudeConfig, now: number): Record<string, unknown> | null {
  const mapped = events.flatMap((event) => toAmplitudeEvent(event, config, now) ?? []);
  if (mapped.length === 0) return null;
  return { api_key: config.api_key, events: mapped, options: { min_id_length: 1 } };
}

/**
 * Amplitude's HTTP V2 API (`POST {url}/2/httpapi`; EU: https://api.eu.amplitude.com). Documented:
 * up to 2,000 events and 1 MB per request (413 above), 429 when a user or device sends over 30
 * events per second or the project is throttled, 400 for an invalid request or api key.
 */
export const amplitudeType: DestinationType<AmplitudeConfig> = httpDestinationType<AmplitudeConfig>({
  id: 'amplitude',
  title: 'Amplitude',
  description: 'Events, user properties (identify) and groups to Amplitude through its HTTP V2 API.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['api_key'],
    properties: {
      api_key: { type: 'string', minLength: 1, maxLength: 200, title: 'API key', 'x-secret': true, writeOnly: true },
      url: { type: 'string', minLength: 1, maxLength: 2048, title: 'Base URL', default: AMPLITUDE_DEFAULT_URL, description: 'https://api.eu.amplitude.com for EU data residency.' },
      group_type: { type: 'string', minLength: 1, maxLength: 100, title: 'Group type', default: 'company' },
    },
  },
  urlFields: ['url'],
  limits: { maxEvents: 1000, maxBytes: 900_000, maxWaitMs: 1000, rateLimit: null },
  requests(events, config, { now }) {
    const body = toAmplitudeBody(events, config, now);
    return body === null ? [] : [{ url: endpoint(config.url ?? AMPLITUDE_DEFAULT_URL, '/2/httpapi'), headers: {}, body: JSON.stringify(body) }];
  },
});
