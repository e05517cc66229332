/**
 * The canonical event a destination type maps from: Segment's spec (track, identify, page,
 * screen, group, alias), read from what the worker hands over. That is the event as the events
 * API shows it (`message_id`, `user_id`, snake_case), or, after a rule's transformation, often a
 * Segment-shaped object (`messageId`, `userId`): both spellings are read, so a mapping does not
 * care which came.
 */
export interface CanonicalEvent {
  readonly type: 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias' | string;
  /** The track event name, or the page/screen name. */
  readonly event: string | null;
  readonly messageId: string | null;
  readonly userId: string | null;
  readonly anonymousId: string | null;
  readonly groupId: string | null;
  readonly previousId: string | null;
  /** ISO 8601; the corrected event time when the event came through our API. */
  readonly timestamp: string | null;
  readonly properties: Record<string, unknown>;
  readonly traits: Record<string, unknown>;
  readonly context: Record<string, unknown>;
  readonly integrations: Record<string, unknown>;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function object(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Reads an event in either spelling (see the file comment); missing fields are null or `{}`. */
export function readCanonicalEvent(raw: Readonly<Record<string, unknown>>): CanonicalEvent {
  const pick = (snake: string, camel: string) => text(raw[snake]) ?? text(raw[camel]);
  const type = text(raw.type) ?? 'track';
  return {
    type,
    event: text(raw.event) ?? text(raw.name),
    messageId: pick('message_id', 'messageId'),
    userId: pick('user_id', 'userId'),
    anonymousId: pick('anonymous_id', 'anonymousId'),
    groupId: pick('group_id', 'groupId'),
    previousId: pick('previous_id', 'previousId'),
    timestamp: text(raw.timestamp) ?? pick('original_timestamp', 'originalTimestamp') ?? pick('received_at', 'receivedAt'),
    properties: object(raw.properties),
    traits: Object.keys(object(raw.traits)).length > 0 ? object(raw.traits) : object(object(raw.context).traits),
    context: object(raw.context),
    integrations: object(raw.integrations),
  };
}

/** Epoch milliseconds of the event's time, or `fallback` when it has none (or an unreadable one). */
export function eventTimeMs(event: CanonicalEvent, fallback: number): number {
  const at = event.timestamp === null ? Number.NaN : Date.parse(event.timestamp);
  return Number.isNaN(at) ? fallback : at;
}

/** The sample event `POST …/destinations/{id}/test` sends: marked as a test in every field a peer shows. */
export function sampleEvent(now: number, id: string): Record<string, unknown> {
  return {
    id,
    type: 'track',
    event: 'Tributary Test Event',
    message_id: id,
    user_id: 'tributary-test',
    anonymous_id: null,
    timestamp: new Date(now).toISOString(),
    properties: { test: true, sent_by: 'Tributary destination test' },
    traits: {},
    context: { library: { name: 'tributary', version: '1' } },
    integrations: {},
  };
}
