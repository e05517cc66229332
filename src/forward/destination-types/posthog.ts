import { readCanonicalEvent } from './canonical-event.ts';
import type { DestinationType } from './destination-type.ts';
import { endpoint, httpDestinationType } from './http-type.ts';

export interface PostHogConfig {
  api_key: string;
  url?: string;
  /** The group type `group` calls identify (`$group_type`): PostHog's `company`, `organization`… */
  group_type?: string;
}

export const POSTHOG_DEFAULT_URL = 'https://us.i.posthog.com';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One canonical event as a PostHog capture event, or null without a distinct id: track → its
 * name, page → `$pageview` (`$current_url` from the page URL), screen → `$screen`, identify →
 * `$identify` with `$set` (and `$anon_distinct_id`, which merges the anonymous person into the
 * user), group → `$groupidentify` with `$group_type`, `$group_key` and `$group_set`, alias →
 * `$create_alias`. A message id that is a UUID becomes the event's `uuid`, which PostHog
 * deduplicates on.
 */
export function toPostHogEvent(raw: Readonly<Record<string, unknown>>, config: Pick<PostHogConfig, 'group_type'>): Record<string, unknown> | null {
  const event = readCanonicalEvent(raw);
  const distinctId = event.userId ?? event.anonymousId;
  if (distinctId === null) return null;
  const base: Record<string, unknown> = { distinct_id: distinctId };
  if (event.timestamp !== null) base.timestamp = event.timestamp;
  if (event.messageId !== null && UUID.test(event.messageId)) base.uuid = event.messageId.toLowerCase();
  const common: Record<string, unknown> = {};
  if (typeof event.context.ip === 'string') common.$ip = event.context.ip;
  if (event.messageId !== null) common.message_id = event.messageId;
  switch (event.type) {
    case 'track':
      return { ...base, event: event.event ?? 'Unnamed Event', properties: { ...event.properties, ...common } };
    case 'page': {
      const url = event.properties.url ?? (event.context.page as Record<string, unknown> | undefined)?.url;
      return { ...base, event: '$pageview', properties: { ...event.properties, ...common, ...(typeof url === 'string' ? { $current_url: url } : {}), ...(event.event ? { title: event.event } : {}) } };
    }
    case 'screen':
      return { ...base, event: '$screen', properties: { ...event.properties, ...common, ...(event.event ? { $screen_name: event.event } : {}) } };
    case 'identify': {
      const merge = event.userId !== null && event.anonymousId !== null ? { $anon_distinct_id: event.anonymousId } : {};
      return { ...base, event: '$identify', properties: { ...common, ...merge, $set: event.traits } };
    }
    case 'group':
      if (event.groupId === null) return null;
      return {
        ...base,
        event: '$groupidentify',
        properties: { ...common, $group_type: config.group_type ?? 'company', $group_key: event.groupId, $group_set: event.traits },
      };
    case 'alias':
      if (event.previousId === null || event.userId === null) return null;
      return { ...base, distinct_id: event.previousId, event: '$create_alias', properties: { ...common, alias: event.userId } };
    default:
      return null;
  }
}

/**
 * PostHog's batch capture (`POST {url}/batch/`, the project API key in the body; US, EU or a
 * self-hosted host). PostHog answers 400 for a malformed batch or a missing key, 401 for an
 * invalid key, 413 over its 20 MB body limit, 503 when ingestion is down.
 */
export const posthogType: DestinationType<PostHogConfig> = httpDestinationType<PostHogConfig>({
  id: 'posthog',
  title: 'PostHog',
  description: 'Events, person properties (identify) and groups to PostHog through batch capture.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['api_key'],
    properties: {
      api_key: { type: 'string', minLength: 1, maxLength: 200, title: 'Project API key', 'x-secret': true, writeOnly: true },
      url: { type: 'string', minLength: 1, maxLength: 2048, title: 'Base URL', default: POSTHOG_DEFAULT_URL, description: 'https://eu.i.posthog.com for EU Cloud, or your self-hosted host.' },
      group_type: { type: 'string', minLength: 1, maxLength: 100, title: 'Group type', default: 'company' },
    },
  },
  urlFields: ['url'],
  limits: { maxEvents: 1000, maxBytes: 5_000_000, maxWaitMs: 1000, rateLimit: null },
  requests(events, config) {
    const batch = events.flatMap((event) => toPostHogEvent(event, config) ?? []);
    if (batch.length === 0) return [];
    return [{ url: endpoint(config.url ?? POSTHOG_DEFAULT_URL, '/batch/'), headers: {}, body: JSON.stringify({ api_key: config.api_key, batch }) }];
  },
});
