import type { Generated, Selectable } from 'kysely';

/**
 * Table types for Kysely. Times are integer milliseconds since the epoch in both dialects
 * (`bigint`, read back as numbers), booleans are 0/1 integers, and JSON is text: one
 * representation that SQLite and PostgreSQL store and compare the same way.
 */
export interface Database {
  meta: MetaTable;
  workspaces: WorkspaceTable;
  operator_tokens: OperatorTokenTable;
  api_keys: ApiKeyTable;
  write_keys: WriteKeyTable;
  inbox: InboxTable;
  inbox_journal: InboxJournalTable;
  events: EventTable;
  event_volume: EventVolumeTable;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface WorkspaceTable {
  id: string;
  name: string;
  slug: string;
  created_at: number;
  updated_at: number;
}

export interface OperatorTokenTable {
  id: string;
  token_hash: string;
  token_prefix: string;
  created_at: number;
}

export interface ApiKeyTable {
  id: Generated<number>;
  workspace_id: string;
  label: string;
  key_prefix: string;
  key_hash: string;
  /** JSON array of scope names. */
  scopes: string;
  status: 'active' | 'revoked';
  /** 1 when client-API requests with this key wait for processing by default. */
  sync_mode: number;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export type ApiKeyRow = Selectable<ApiKeyTable>;

export interface WriteKeyTable {
  id: string;
  workspace_id: string;
  name: string;
  key_prefix: string;
  key_hash: string;
  environment: 'production' | 'development';
  status: 'active' | 'revoked';
  pubsub_topic: string;
  created_by: string | null;
  last_used_at: number | null;
  created_at: number;
  updated_at: number;
}

export type InboxStatus = 'received' | 'processing' | 'processed' | 'failed' | 'blocked';
export type IngestApi = 'segment' | 'workspace' | 'client' | 'domain';

export interface InboxTable {
  id: string;
  workspace_id: string;
  api: IngestApi;
  /** messageId / idempotency_key / external_id; NULL once the dedupe window has passed. */
  dedupe_key: string | null;
  /** Hash of the body, to tell a true retry from a reused idempotency key. */
  body_hash: string | null;
  /** The event as received (JSON text). */
  payload: string;
  status: InboxStatus;
  received_at: number;
  /** When a worker may claim the row next; NULL once the row is final (processed, blocked, failed for good). */
  available_at: number | null;
  locked_by: string | null;
  retry_count: number;
  retryable: number;
  process_error: string | null;
  event_id: string | null;
  processed_at: number | null;
  /** The write key or API key that sent it, for audit. */
  credential_id: string | null;
  /** The sender's address, which Segment puts in context.ip when the event has none. */
  client_ip: string | null;
}

/**
 * One accepted request whose events are not in the inbox yet: its body as received, split into
 * inbox rows by a worker (inbox/journal.ts). Rows live for milliseconds while workers run.
 */
export interface InboxJournalTable {
  seq: Generated<number>;
  workspace_id: string;
  api: IngestApi;
  /** What the body is, for the API's expander: a Segment type (`track`…) or `batch`. */
  route: string;
  /** Events the body holds, so a worker can take about a batch's worth of rows. */
  event_count: number;
  received_at: number;
  credential_id: string | null;
  client_ip: string | null;
  body: string;
}

export type InboxJournalRow = Selectable<InboxJournalTable>;

export interface EventTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  api: IngestApi;
  /** track | identify | page | screen | group | alias */
  type: string;
  /** Event name for track (the client `type` for client events), page/screen name, else NULL. */
  name: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  email: string | null;
  group_id: string | null;
  previous_id: string | null;
  message_id: string | null;
  source: string;
  status: string | null;
  timestamp: number;
  original_timestamp: number | null;
  sent_at: number | null;
  received_at: number;
  /** JSON object: properties, traits, context, integrations and the client-API fields. */
  body: string;
  created_at: number;
}

export interface EventVolumeTable {
  workspace_id: string;
  hour_bucket: number;
  event_type: string;
  event_name: string;
  event_count: number;
}
