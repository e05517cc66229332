import { pageQuery } from '../openapi/index.ts';

/** Answer and query schemas of the event lists, for /openapi.json (the handlers parse queries themselves). */

const timestamp = { type: ['string', 'null'], format: 'date-time' } as const;
const INBOX_STATUSES = ['received', 'processing', 'processed', 'failed', 'blocked'] as const;

export const incomingSchema = {
  type: 'object',
  description: 'An inbox row: one accepted event, as received, and where it is in processing.',
  required: ['id', 'api', 'status', 'process_error', 'retryable', 'retry_count', 'next_attempt_at', 'event_id', 'idempotency_key', 'message_id', 'received_at', 'processed_at', 'payload'],
  properties: {
    id: { type: 'string' },
    api: { type: 'string' },
    status: { type: 'string', enum: [...INBOX_STATUSES] },
    process_error: { type: ['string', 'null'] },
    retryable: { type: 'boolean' },
    retry_count: { type: 'integer' },
    next_attempt_at: timestamp,
    event_id: { type: ['string', 'null'], description: 'The canonical event, once processed.' },
    idempotency_key: { type: ['string', 'null'] },
    message_id: { type: ['string', 'null'] },
    received_at: timestamp,
    processed_at: timestamp,
    payload: { description: 'The event as sent.' },
  },
} as const;

export const canonicalEventSchema = {
  type: 'object',
  description: 'A canonical event: one per processed inbox row.',
  required: [
    'id', 'inbox_id', 'api', 'type', 'event', 'event_type', 'user_id', 'anonymous_id', 'email', 'group_id', 'previous_id', 'message_id',
    'source', 'status', 'timestamp', 'original_timestamp', 'sent_at', 'received_at', 'properties', 'traits', 'context', 'integrations',
  ],
  properties: {
    id: { type: 'string' },
    inbox_id: { type: 'string' },
    api: { type: 'string' },
    type: { type: 'string' },
    event: { type: ['string', 'null'] },
    event_type: { type: 'string' },
    user_id: { type: ['string', 'null'] },
    anonymous_id: { type: ['string', 'null'] },
    email: { type: ['string', 'null'] },
    group_id: { type: ['string', 'null'] },
    previous_id: { type: ['string', 'null'] },
    message_id: { type: ['string', 'null'] },
    source: { type: ['string', 'null'] },
    status: { type: ['string', 'null'], description: 'The `status` the event itself carried, if any.' },
    timestamp,
    original_timestamp: timestamp,
    sent_at: timestamp,
    received_at: timestamp,
    properties: { type: 'object' },
    traits: { type: 'object' },
    context: { type: 'object' },
    integrations: { type: 'object' },
  },
} as const;

const timeFilter = { type: 'string', format: 'date-time' } as const;

export const incomingQuery = pageQuery(500, 50, {
  status: { type: 'string', enum: [...INBOX_STATUSES] },
  api: { type: 'string', description: 'segment, workspace, client, attribution …' },
  from: timeFilter,
  to: timeFilter,
});

export const eventsQuery = pageQuery(500, 50, {
  event_type: { type: 'string' },
  source: { type: 'string' },
  status: { type: 'string' },
  from: timeFilter,
  to: timeFilter,
  q: { type: 'string', description: 'Text search in the event.' },
});

export const volumeSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['event_type', 'event_name', 'hour_bucket', 'event_count'],
    properties: { event_type: { type: 'string' }, event_name: { type: 'string' }, hour_bucket: { type: 'string' }, event_count: { type: 'integer' } },
  },
} as const;
