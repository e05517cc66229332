import type { EventTable } from '../db/index.ts';
import { isoOrNull } from '../lib/time.ts';

/*
 * The event resource: how a canonical event reads outside the process, in the API's event list
 * and live stream (observe) and as the body of a forwarded delivery (forward). It lives with the
 * canonical event so both read it from the pipeline, as imports run, not one from the other.
 */

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
