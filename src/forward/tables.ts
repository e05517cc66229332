import type { Generated, Selectable } from 'kysely';

/**
 * Table types of migration 0005, merged into the shared `Database` interface so the forwarding
 * module owns its tables. Times are integer ms, booleans 0/1, JSON is text.
 */
declare module '../db/schema.ts' {
  interface Database {
    destinations: DestinationTable;
    forwarding_rules: ForwardingRuleTable;
    deliveries: DeliveryTable;
    delivery_attempts: DeliveryAttemptTable;
  }
}

/** `standard-webhooks`: the three `webhook-*` headers; `siren`: `X-Siren-Signature: sha256=<hex>`. */
export type SignatureScheme = 'standard-webhooks' | 'siren';

export interface DestinationTable {
  /** UUIDv7. */
  id: string;
  workspace_id: string;
  name: string;
  url: string;
  /** Encrypted JSON object of extra request headers (see secret-box.ts). */
  headers: string;
  /** Encrypted `whsec_…` Standard Webhooks secret: it must be read again to sign, so not a hash. */
  signing_secret: string;
  /** The secret before the last rotation, still signed with (encrypted) until it expires. */
  previous_signing_secret: string | null;
  previous_secret_expires_at: number | null;
  /** 1: one event per request (a JSON object); more: JSON arrays of up to this many events. */
  batch_size: number;
  /** Requests per second per process; null for no limit. */
  rate_limit: number | null;
  enabled: number;
  /** Why delivery stopped on its own (a 410 from the receiver); null when the user decided. */
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
  /**
   * How requests are signed (migration 0009); the column defaults to `standard-webhooks`, so it is
   * optional to writers. `siren`: Siren webhook subscriptions (src/attribution/webhooks/).
   */
  signature_scheme?: SignatureScheme;
  /**
   * The destination type (migration 0021; destination-types/). Defaults to `webhook`, so writers
   * that predate types (Siren subscriptions) may leave it out.
   */
  type?: string;
  /** The type's config as JSON, secret fields sealed (`v1:…`); `{}` for webhooks (their url and headers columns). */
  config?: string;
}
export type DestinationRow = Selectable<DestinationTable>;

export interface ForwardingRuleTable {
  id: string;
  workspace_id: string;
  name: string;
  destination_id: string;
  /** JSON array of event types; empty matches all. */
  event_types: string;
  /** JSON array of event names; empty matches all. */
  event_names: string;
  transformation_id: string | null;
  enabled: number;
  created_at: number;
  updated_at: number;
}
export type ForwardingRuleRow = Selectable<ForwardingRuleTable>;

/**
 * pending → delivering (leased by a worker) → delivered | pending (retry) | failed (final: a 4xx,
 * a transformation error, a refused address) | dead (retry budget spent) | dropped (the
 * transformation returned nothing). Replay puts a final row back to pending.
 */
export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed' | 'dead' | 'dropped';

export interface DeliveryTable {
  /** UUIDv7; also the `webhook-id` when the delivery is sent on its own. */
  id: string;
  workspace_id: string;
  destination_id: string;
  rule_id: string;
  event_id: string;
  /** Copied from the rule when the row was written, so later rule edits do not change queued rows. */
  transformation_id: string | null;
  status: DeliveryStatus;
  /** The request this row travels in; its `webhook-id`. Fixed at the first attempt, so retries reuse it. */
  batch_id: string | null;
  /** When a worker may claim the row (next attempt, or lease expiry); null once final. */
  available_at: number | null;
  locked_by: string | null;
  attempt_count: number;
  /** After this time a failure makes the row a dead letter instead of being retried. */
  deadline_at: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
  /**
   * The body, rendered when the row was queued (migration 0009): set by producers whose event is
   * not a canonical event (Siren webhook subscriptions); NULL or absent for forwarding rules.
   */
  payload?: string | null;
}
export type DeliveryRow = Selectable<DeliveryTable>;

/**
 * The columns a worker needs of a claimed delivery to prepare, send and settle it. A claim returns
 * only these: RETURNING * built every column of every claimed row (a busy destination claims
 * thousands a second) for a few to be read.
 */
export const CLAIMED_COLUMNS = ['id', 'workspace_id', 'event_id', 'transformation_id', 'batch_id', 'attempt_count', 'deadline_at', 'payload'] as const;
export type ClaimedDelivery = Pick<DeliveryRow, (typeof CLAIMED_COLUMNS)[number]>;

export interface DeliveryAttemptTable {
  id: Generated<number>;
  /** Its delivery's workspace: the distribution column (docs/scaling.md). */
  workspace_id: string;
  delivery_id: string;
  attempted_at: number;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}
export type DeliveryAttemptRow = Selectable<DeliveryAttemptTable>;
