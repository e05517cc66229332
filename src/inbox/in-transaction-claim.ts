import { CompiledQuery, type Kysely } from 'kysely';
import { sqlTextBySize, type Database, type DialectCapabilities } from '../db/index.ts';
import { CLAIMED_COLUMNS, type ClaimedRow } from './inbox-queue.ts';

/**
 * Claiming inside the batch transaction, for a database with one writer at a time (SQLite).
 *
 * A worker's batch transaction begins IMMEDIATE, so it holds the database's write lock from its
 * first statement to its commit. Rows it reads in that transaction cannot be read-and-written by
 * any other worker (in this process or another) before it commits, so it needs no committed
 * claim: it reads the due rows, processes them and marks them processed in one transaction, and
 * each inbox row is rewritten once instead of twice (claimed, then processed). A worker killed
 * mid-batch never committed anything, so its rows are still due for the next one, at once rather
 * than when a lease runs out.
 *
 * PostgreSQL keeps the committed lease of `claimBatch`: its workers run side by side.
 */

/** Rows due now, oldest first, or only those of `ids` that are still due (the retry of a failed batch). */
export async function readDue(
  trx: Kysely<Database>,
  options: { now: number; limit: number; ids?: readonly string[] },
): Promise<ClaimedRow[]> {
  let query = trx.selectFrom('inbox').select(CLAIMED_COLUMNS).where('available_at', '<=', options.now);
  if (options.ids !== undefined) query = query.where('id', 'in', options.ids);
  return query.orderBy('available_at').limit(options.limit).execute();
}

/** Marks `idCount` rows processed by a worker (a 1,000-value IN list at most). */
const markStatement = sqlTextBySize((placeholder, idCount) => {
  const head = `update "inbox" set "status" = 'processed', "locked_by" = ${placeholder()}, "event_id" = "id", "processed_at" = ${placeholder()}, "available_at" = null, "process_error" = null, "retryable" = 0`;
  return `${head} where "available_at" is not null and "id" in (${Array.from({ length: idCount }, placeholder).join(', ')})`;
});

const IDS_PER_STATEMENT = 1000;

/**
 * Marks rows read by `readDue` in this transaction processed, in the one rewrite each gets.
 * `locked_by` records the worker, as the leased path does. Returns how many rows changed.
 */
export async function markProcessedHeld(
  trx: Kysely<Database>,
  dialect: DialectCapabilities,
  workerId: string,
  ids: readonly string[],
  now: number,
): Promise<number> {
  let changed = 0;
  for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) {
    const slice = ids.slice(start, start + IDS_PER_STATEMENT);
    const result = await trx.executeQuery(CompiledQuery.raw(markStatement(dialect, slice.length), [workerId, now, ...slice]));
    changed += Number(result.numAffectedRows ?? 0n);
  }
  return changed;
}

/**
 * Gives rows read in this transaction to the worker, as a committed claim would, so the inbox's
 * `markBlocked` and `markFailed` (which change only rows the worker holds) apply to them. Only
 * blocked and failed rows take this second rewrite; they are few.
 */
export async function holdInTransaction(trx: Kysely<Database>, workerId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('inbox').set({ status: 'processing', locked_by: workerId }).where('id', 'in', ids).execute();
}
