import { createHash } from 'node:crypto';
import { eventTimeMs, readCanonicalEvent } from './canonical-event.ts';
import type { DestinationType, HttpAnswer } from './destination-type.ts';
import type { HttpRequestSpec } from './http-answer.ts';
import { endpoint, httpDestinationType } from './http-type.ts';

export interface MixpanelConfig {
  project_token: string;
  /** The project's API secret: the /import Basic auth user when given (else the project token). */
  api_secret?: string;
  url?: string;
  /** The group key `group` calls set (Mixpanel group analytics: `company_id`). */
  group_key?: string;
}

export const MIXPANEL_DEFAULT_URL = 'https://api.mixpanel.com';

/** Mixpanel's `$insert_id`: up to 36 letters, digits and dashes. A message id that is not one is hashed into one. */
export function mixpanelInsertId(messageId: string): string {
  if (/^[A-Za-z0-9-]{1,36}$/.test(messageId)) return messageId;
  return createHash('sha256').update(messageId).digest('hex').slice(0, 36);
}

/**
 * One canonical event as an /import event, or null (identify, group and alias are profile
 * updates, not events): `distinct_id` the user id (else the anonymous id), `time` in ms,
 * `$insert_id` from the message id so a retried or replayed event is deduplicated.
 */
export function toMixpanelEvent(raw: Readonly<Record<string, unknown>>, now: number): Record<string, unknown> | null {
  const event = readCanonicalEvent(raw);
  if (event.type !== 'track' && event.type !== 'page' && event.type !== 'screen') return null;
  const name = event.type === 'track' ? (event.event ?? 'Unnamed Event') : event.event ? `Viewed ${event.event}` : `Viewed ${event.type === 'page' ? 'Page' : 'Screen'}`;
  const properties: Record<string, unknown> = {
    ...event.properties,
    time: eventTimeMs(event, now),
    distinct_id: event.userId ?? event.anonymousId ?? '',
  };
  if (event.messageId !== null) properties.$insert_id = mixpanelInsertId(event.messageId);
  if (event.userId !== null && event.anonymousId !== null) properties.$device_id = event.anonymousId;
  if (event.userId !== null) properties.$user_id = event.userId;
  if (typeof event.context.ip === 'string') properties.ip = event.context.ip;
  return { event: name, properties };
}

/** An identify as an /engage `$set` update, a group as a /groups `$set` update; null for anything else. */
export function toMixpanelProfileUpdate(raw: Readonly<Record<string, unknown>>, config: Pick<MixpanelConfig, 'project_token' | 'group_key'>): { kind: 'engage' | 'groups'; update: Record<string, unknown> } | null {
  const event = readCanonicalEvent(raw);
  if (event.type === 'identify') {
    const distinctId = event.userId ?? event.anonymousId;
    if (distinctId === null) return null;
    return { kind: 'engage', update: { $token: config.project_token, $distinct_id: distinctId, $set: event.traits } };
  }
  if (event.type === 'group' && event.groupId !== null) {
    return { kind: 'groups', update: { $token: config.project_token, $group_key: config.group_key ?? 'company_id', $group_id: event.groupId, $set: event.traits } };
  }
  return null;
}

/**
 * Mixpanel's profile endpoints answer 200 even when they refuse an update; with `verbose=1` the
 * body says so (`{"status":0,"error":"…"}`), which is final: the same update fails again.
 */
export function judgeMixpanelAnswer(answer: HttpAnswer): { verdict: 'final'; error: string } | undefined {
  if (answer.statusCode === null || answer.statusCode < 200 || answer.statusCode >= 300 || !answer.body?.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(answer.body) as { status?: unknown; error?: unknown };
    if (parsed.status === 0) return { verdict: 'final', error: `Mixpanel refused the update: ${typeof parsed.error === 'string' ? parsed.error : 'no reason given'}` };
  } catch {
    // A 2xx body that is not JSON (or cut at the excerpt's length) is not a refusal.
  }
  return undefined;
}

/**
 * Mixpanel: events to `POST {url}/import?strict=1` (Basic auth: the API secret, or the project
 * token, as the user; up to 2,000 events and 10 MB per request), identify to
 * `/engage#profile-set` and group to `/groups#group-set` (up to 2,000 updates each), both with
 * `verbose=1` so a refused update is known (judgeMixpanelAnswer). With
 * strict=1 a 400 lists the events that failed validation; the others were imported, and the
 * failed ones will fail again, so a 400 is final.
 */
export const mixpanelType: DestinationType<MixpanelConfig> = httpDestinationType<MixpanelConfig>({
  id: 'mixpanel',
  title: 'Mixpanel',
  description: 'Events (import API) and user and group profiles (engage) to Mixpanel.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['project_token'],
    properties: {
      project_token: { type: 'string', minLength: 1, maxLength: 200, title: 'Project token', 'x-secret': true, writeOnly: true },
      api_secret: { type: 'string', minLength: 1, maxLength: 200, title: 'API secret', description: 'Authenticates /import instead of the project token.', 'x-secret': true, writeOnly: true },
      url: { type: 'string', minLength: 1, maxLength: 2048, title: 'Base URL', default: MIXPANEL_DEFAULT_URL, description: 'https://api-eu.mixpanel.com or https://api-in.mixpanel.com for data residency.' },
      group_key: { type: 'string', minLength: 1, maxLength: 255, title: 'Group key', default: 'company_id' },
    },
  },
  urlFields: ['url'],
  // Mixpanel takes 2,000 per request; forwarding claims at most 1,000 rows per request.
  limits: { maxEvents: 1000, maxBytes: 9_000_000, maxWaitMs: 1000, rateLimit: null },
  requests(events, config, { now }) {
    const base = config.url ?? MIXPANEL_DEFAULT_URL;
    const requests: HttpRequestSpec[] = [];
    const tracked = events.flatMap((event) => toMixpanelEvent(event, now) ?? []);
    if (tracked.length > 0) {
      const authorization = `Basic ${Buffer.from(`${config.api_secret ?? config.project_token}:`).toString('base64')}`;
      requests.push({ url: endpoint(base, '/import?strict=1'), headers: { authorization }, body: JSON.stringify(tracked) });
    }
    const updates = events.flatMap((event) => toMixpanelProfileUpdate(event, config) ?? []);
    const engage = updates.filter((item) => item.kind === 'engage').map((item) => item.update);
    const groups = updates.filter((item) => item.kind === 'groups').map((item) => item.update);
    if (engage.length > 0) requests.push({ url: endpoint(base, '/engage?verbose=1#profile-set'), headers: {}, body: JSON.stringify(engage) });
    if (groups.length > 0) requests.push({ url: endpoint(base, '/groups?verbose=1#group-set'), headers: {}, body: JSON.stringify(groups) });
    return requests;
  },
  readsAnswer: true,
  classify: judgeMixpanelAnswer,
});
