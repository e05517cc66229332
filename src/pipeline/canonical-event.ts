import type { EventTable, IngestApi } from '../db/index.ts';

type Json = Record<string, unknown>;

/**
 * One model for every event, whatever API it came in by: Segment's track/identify/page/screen/
 * group/alias, the workspace API of seed 003, and client events of seed 004 (which become `track`
 * events named after their `type`). Its id is the inbox row's id: one inbox row, one event.
 */
export interface CanonicalEvent {
  id: string;
  workspaceId: string;
  api: IngestApi;
  type: 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';
  name: string | null;
  userId: string | null;
  anonymousId: string | null;
  email: string | null;
  groupId: string | null;
  previousId: string | null;
  messageId: string | null;
  source: string;
  status: string | null;
  /** Corrected time: receivedAt − (sentAt − originalTimestamp) when the client sent both. */
  timestamp: number;
  originalTimestamp: number | null;
  sentAt: number | null;
  receivedAt: number;
  properties: Json;
  traits: Json;
  context: Json;
  integrations: Json;
}

export function toEventRow(event: CanonicalEvent, now: number): EventTable {
  // Adds to the fresh columns object rather than copying its twenty fields (once per event).
  return Object.assign(eventColumns(event, now), { body: JSON.stringify(eventBody(event)) });
}

/** What the events table keeps in `body`: the parts of an event that have no column of their own. */
export function eventBody(event: CanonicalEvent): Json {
  const body: Json = { properties: event.properties, context: event.context };
  if (Object.keys(event.traits).length > 0) body.traits = event.traits;
  if (Object.keys(event.integrations).length > 0) body.integrations = event.integrations;
  return body;
}

/** The events table's columns but `body`. */
export function eventColumns(event: CanonicalEvent, now: number): Omit<EventTable, 'body'> {
  return {
    id: event.id,
    workspace_id: event.workspaceId,
    inbox_id: event.id,
    api: event.api,
    type: event.type,
    name: event.name,
    user_id: event.userId,
    anonymous_id: event.anonymousId,
    email: event.email,
    group_id: event.groupId,
    previous_id: event.previousId,
    message_id: event.messageId,
    source: event.source,
    status: event.status,
    timestamp: event.timestamp,
    original_timestamp: event.originalTimestamp,
    sent_at: event.sentAt,
    received_at: event.receivedAt,
    created_at: now,
  };
}
