import type { Kysely } from 'kysely';
import type { Database, Db, InboxTable } from '../db/index.ts';

/**
 * The worker side of the inbox. Row life cycle, each step inside one worker's batch transaction
 * (see in-transaction-claim.ts):
 *
 *   received ──▶ processed
 *       │   └──▶ blocked                          (a contract said no; final)
 *       │   └──▶ failed ─retryable─▶ due again at available_at
 *       │               └─final─▶ stays failed until retried by hand (requeueFailed)
 *       └── the worker died or its batch failed: nothing was committed, the row is still due
 *
 * `available_at` is the one column claiming reads: when the row is due, or NULL once it is final.
 * `processing` is only ever seen inside a batch transaction, for the rows it blocks or fails.
 */
/** The columns a worker reads of a row it claims. */
export const CLAIMED_COLUMNS = ['id', 'workspace_id', 'api', 'payload', 'received_at', 'retry_count', 'client_ip'] as const satisfies ReadonlyArray<
  keyof InboxTable
>;

export type ClaimedRow = Pick<InboxTable, (typeof CLAIMED_COLUMNS)[number]>;

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
