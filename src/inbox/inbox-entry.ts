import type { IngestApi } from '../db/index.ts';

/** One event to append. Entries appended in one call are written atomically: all or none. */
export interface InboxEntry {
  workspaceId: string;
  api: IngestApi;
  /** Namespaced dedupe key (`msg:…`, `idem:…`, `ext:…`), or null for none. */
  dedupeKey: string | null;
  /** Set when a repeat with another body must be refused rather than silently deduplicated. */
  bodyHash: string | null;
  /** The event as JSON text. */
  payload: string;
  receivedAt: number;
  credentialId: string | null;
  clientIp: string | null;
}

/** What the inbox answers for each entry. */
export interface AppendedEntry {
  id: string;
  /** True when the dedupe key was seen before: `id` is then the first event's row. */
  duplicate: boolean;
}

/** Thrown when an idempotency key was used before with a different body. */
export class IdempotencyConflict extends Error {
  constructor(readonly entryIndexes: number[]) {
    super('idempotency key reused with a different body');
  }
}
