import type { EventTable, InboxTable } from '../db/index.ts';
import { isoOrNull } from '../lib/time.ts';

/** An inbox row as seed 004's incoming list shows it. */
export function toIncomingResource(row: InboxTable) {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = row.payload;
  }
  const dedupe = row.dedupe_key;
  return {
    id: row.id,
    api: row.api,
    status: row.status,
    process_error: row.process_error,
    retryable: row.retryable === 1,
    retry_count: row.retry_count,
    next_attempt_at: row.status === 'failed' ? isoOrNull(row.available_at) : null,
    event_id: row.event_id,
    idempotency_key: dedupe?.startsWith('idem:') ? dedupe.slice(5) : null,
    message_id: dedupe?.startsWith('msg:') ? dedupe.slice(4) : null,
    received_at: isoOrNull(row.received_at),
    processed_at: isoOrNull(row.processed_at),
    payload,
  };
}

/** A canonical event: one shape whatever API it came in by. */
export function toEventResource(row: EventTable) {
  return eventResourceOf(row, JSON.parse(row.body) as Record<string, unknown>);
}

/**
 * The same from an event's columns and its body as an object: the forwarding handoff renders
 * events it is writing in the same transaction, with no round trip through the stored text.
 */
export function eventResourceOf(row: Omit<EventTable, 'body'>, body: Record<string, unknown>) {
  return {
    id: row.id,
    inbox_id: row.inbox_id,
    api: row.api,
    type: row.type,
    event: row.name,
    event_type: row.name ?? row.type,
    user_id: row.user_id,
    anonymous_id: row.anonymous_id,
    email: row.email,
    group_id: row.group_id,
    previous_id: row.previous_id,
    message_id: row.message_id,
    source: row.source,
    status: row.status,
    timestamp: isoOrNull(row.timestamp),
    original_timestamp: isoOrNull(row.original_timestamp),
    sent_at: isoOrNull(row.sent_at),
    received_at: isoOrNull(row.received_at),
    properties: body.properties ?? {},
    traits: body.traits ?? {},
    context: body.context ?? {},
    integrations: body.integrations ?? {},
  };
}
