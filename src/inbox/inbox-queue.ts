import type { Kysely } from 'kysely';
import type { Database, Db, InboxTable } from '../db/index.ts';

/**
 * The worker side of the inbox. Row life cycle:
 *
 *   received ──claim──▶ processing ──▶ processed
 *       ▲                   │    └────▶ blocked            (a contract said no; final)
 *       │                   └────────▶ failed ─retryable─▶ (claimed again at available_at)
 *       └──── lease expired (worker died) ────┘    └─final─▶ stays failed until retried by hand
 *
 * `available_at` is the one column claiming reads: the time the row may next be claimed, or NULL
 * once it is final. Claiming pushes it forward by the lease, so a row whose worker died becomes
 * claimable again when the lease runs out, with no separate reaper.
 */
/** The columns a worker reads of a row it claims, whichever way it claims it. */
export const CLAIMED_COLUMNS = ['id', 'workspace_id', 'api', 'payload', 'received_at', 'retry_count', 'client_ip'] as const satisfies ReadonlyArray<
  keyof InboxTable
>;

export type ClaimedRow = Pick<InboxTable, (typeof CLAIMED_COLUMNS)[number]>;

export async function claimBatch(
  db: Db,
  options: { workerId: string; limit: number; leaseMs: number; now?: number },
): Promise<ClaimedRow[]> {
  const now = options.now ?? Date.now();
  return db.kysely
    .updateTable('inbox')
    .set({ status: 'processing', locked_by: options.workerId, available_at: now + options.leaseMs })
    .where('id', 'in', (eb) => {
      let due = eb
        .selectFrom('inbox')
        .select('id')
        .where('available_at', '<=', now)
        .orderBy('available_at')
        .limit(options.limit);
      // SQLite has one writer, so a plain UPDATE … WHERE id IN (…) is already exclusive there.
      if (db.dialect.supportsSkipLocked) due = due.forUpdate().skipLocked();
      return due;
    })
    .returning(CLAIMED_COLUMNS)
    .execute();
}

/**
 * Marks rows processed, only those this worker still holds. Returns the ids it owned: a row whose
 * lease expired and was taken by another worker is left to that worker.
 */
// `locked_by` stays on processed rows: it records which worker (and so which process) did the work.
export async function markProcessed(
  trx: Kysely<Database>,
  workerId: string,
  ids: string[],
  now: number,
): Promise<Set<string>> {
  const owned = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await trx
      .updateTable('inbox')
      .set((eb) => ({
        status: 'processed',
        event_id: eb.ref('id'),
        processed_at: now,
        available_at: null,
        process_error: null,
        retryable: 0,
      }))
      .where('id', 'in', ids.slice(i, i + 5000))
      .where('locked_by', '=', workerId)
      .where('status', '=', 'processing')
      .returning('id')
      .execute();
    for (const row of rows) owned.add(row.id);
  }
  return owned;
}

export interface FailureRecord {
  id: string;
  error: string;
  retryable: boolean;
  retryCount: number;
  /** When to try again; null makes the failure final. */
  nextAttemptAt: number | null;
}

export async function markFailed(trx: Kysely<Database>, workerId: string, failure: FailureRecord): Promise<boolean> {
  const result = await trx
    .updateTable('inbox')
    .set({
      status: 'failed',
      process_error: failure.error.slice(0, 2000),
      retryable: failure.retryable && failure.nextAttemptAt !== null ? 1 : 0,
      retry_count: failure.retryCount,
      available_at: failure.nextAttemptAt,
      locked_by: null,
    })
    .where('id', '=', failure.id)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markBlocked(
  trx: Kysely<Database>,
  workerId: string,
  id: string,
  reason: string,
  now: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('inbox')
    .set({ status: 'blocked', process_error: reason.slice(0, 2000), available_at: null, locked_by: null, processed_at: now, retryable: 0 })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Puts failed rows back in the queue now (the manual retry of seed 004). Returns the rows changed. */
export async function requeueFailed(db: Db, workspaceId: string, id: string, now = Date.now()): Promise<InboxTable | undefined> {
  return db.kysely
    .updateTable('inbox')
    .set({ status: 'received', available_at: now, retryable: 0, locked_by: null })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'blocked'])
    .returningAll()
    .executeTakeFirst();
}
