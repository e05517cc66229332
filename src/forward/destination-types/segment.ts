import { readCanonicalEvent } from './canonical-event.ts';
import type { DestinationType } from './destination-type.ts';
import { endpoint, httpDestinationType } from './http-type.ts';

export interface SegmentConfig {
  write_key: string;
  url?: string;
}

export const SEGMENT_DEFAULT_URL = 'https://api.segment.io';

/**
 * One canonical event as a Segment spec message (camelCase), the shape every Segment-API endpoint
 * takes: `messageId` kept, so the receiver's deduplication sees a retried or replayed event as
 * the same message.
 */
export function toSegmentMessage(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const event = readCanonicalEvent(raw);
  const message: Record<string, unknown> = { type: event.type };
  if (event.messageId !== null) message.messageId = event.messageId;
  if (event.userId !== null) message.userId = event.userId;
  if (event.anonymousId !== null) message.anonymousId = event.anonymousId;
  if (event.timestamp !== null) message.timestamp = event.timestamp;
  if (event.type === 'track') message.event = event.event;
  if ((event.type === 'page' || event.type === 'screen') && event.event !== null) message.name = event.event;
  if (event.type === 'group') message.groupId = event.groupId;
  if (event.type === 'alias') message.previousId = event.previousId;
  if (event.type === 'track' || event.type === 'page' || event.type === 'screen') message.properties = event.properties;
  if (event.type === 'identify' || event.type === 'group') message.traits = event.traits;
  message.context = event.context;
  if (Object.keys(event.integrations).length > 0) message.integrations = event.integrations;
  return message;
}

/**
 * The `/v1/batch` body of a batch of events. No `sentAt`: the timestamps are already corrected
 * (or were the sender's), and a `sentAt` would make the receiver shift them again by the
 * forwarding delay, as Segment's clock-skew correction does for client clocks.
 */
export function toSegmentBatch(events: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { batch: events.map(toSegmentMessage) };
}

/**
 * Any Segment-API endpoint (Segment, RudderStack, Jitsu, another Tributary): `POST {url}/v1/batch`
 * with the write key as the Basic auth user and an empty password. Segment documents 500 KB per
 * batch and 32 KB per message, answering 400 above them; 200 otherwise.
 */
export const segmentType: DestinationType<SegmentConfig> = httpDestinationType<SegmentConfig>({
  id: 'segment',
  title: 'Segment-compatible API',
  description: 'Segment spec batches to Segment, RudderStack, Jitsu or another Tributary (POST /v1/batch with a write key).',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['write_key'],
    properties: {
      write_key: { type: 'string', minLength: 1, maxLength: 500, title: 'Write key', 'x-secret': true, writeOnly: true },
      url: { type: 'string', minLength: 1, maxLength: 2048, title: 'Base URL', default: SEGMENT_DEFAULT_URL, description: 'The API host; /v1/batch is appended.' },
    },
  },
  urlFields: ['url'],
  // 500 KB per batch with headroom for the envelope and the camelCase keys.
  limits: { maxEvents: 500, maxBytes: 450_000, maxWaitMs: 1000, rateLimit: null },
  requests(events, config) {
    const authorization = `Basic ${Buffer.from(`${config.write_key}:`).toString('base64')}`;
    return [{ url: endpoint(config.url ?? SEGMENT_DEFAULT_URL, '/v1/batch'), headers: { authorization }, body: JSON.stringify(toSegmentBatch(events)) }];
  },
});
