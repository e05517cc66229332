import { CompiledQuery, type Kysely } from 'kysely';
import { sqlTextBySize, type Database, type DialectCapabilities } from '../db/index.ts';
import { byWorkspace, workspacesWithDueRows, type ClaimScope } from './claim-scope.ts';
import { CLAIMED_COLUMNS, type ClaimedRow } from './inbox-queue.ts';

/**
 * Claiming inside the batch transaction: a worker reads its due rows, processes them and marks
 * them processed in one transaction, holding them until its commit, with no committed claim.
 *
 * - SQLite: the batch transaction begins IMMEDIATE, so it holds the database's write lock from
 *   its first statement to its commit; no other worker (in this process or another) can write
 *   the rows it read before it commits.
 * - PostgreSQL: the rows are read `FOR UPDATE SKIP LOCKED`; each worker holds row locks on its own
 *   rows until its commit, and the others skip them, so workers run side by side on disjoint rows.
 *
 * Each inbox row is rewritten once instead of twice (claimed, then processed). A worker killed
 * mid-batch never committed anything: its transaction is rolled back, its locks are released,
 * and its rows are due for the next worker at once, rather than when a lease runs out.
 */

/**
 * Rows due now, oldest first, or only those of `known` that are still due (the retry of a failed
 * batch, read again by id). With a `workspace` scope on PostgreSQL every locking read names one
 * workspace (claim-scope.ts), so Citus can run it on one shard.
 */
export async function readDue(
  trx: Kysely<Database>,
  dialect: DialectCapabilities,
  options: { now: number; limit: number; known?: readonly Pick<ClaimedRow, 'id' | 'workspace_id'>[]; scope?: ClaimScope },
): Promise<ClaimedRow[]> {
  const read = (limit: number, workspaceId?: string, ids?: readonly string[]) => {
    let query = trx.selectFrom('inbox').select(CLAIMED_COLUMNS);
    if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
    query = query.where('available_at', '<=', options.now);
    if (ids !== undefined) query = query.where('id', 'in', ids);
    query = query.orderBy('available_at').limit(limit);
    return (dialect.supportsSkipLocked ? query.forUpdate().skipLocked() : query).execute();
  };
  const { known } = options;
  if (options.scope !== 'workspace' || !dialect.supportsSkipLocked) {
    return read(options.limit, undefined, known?.map((row) => row.id));
  }
  const rows: ClaimedRow[] = [];
  if (known !== undefined) {
    for (const [workspaceId, group] of byWorkspace(known)) rows.push(...(await read(group.length, workspaceId, group.map((row) => row.id))));
    return rows;
  }
  for (const workspaceId of await workspacesWithDueRows(trx, 'inbox', 'available_at', options.now, options.limit)) {
    rows.push(...(await read(options.limit - rows.length, workspaceId)));
    if (rows.length >= options.limit) break;
  }
  // Workspaces interleaved again in the order their events arrived (each workspace's own order kept).
  return rows.sort((a, b) => a.received_at - b.received_at);
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
