import type { InboxTable } from '../db/index.ts';
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
