import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/**
 * How a PostgreSQL worker takes rows with `FOR UPDATE SKIP LOCKED` (WORKER_CLAIM_SCOPE):
 *
 * - `all` (the default): one statement takes the oldest due rows of every workspace. Fewest round
 *   trips; what one PostgreSQL server wants.
 * - `workspace`: first an unlocked read of which workspaces have rows due (oldest first), then one
 *   locking statement per workspace, each naming it. Citus runs a locking read only when it touches
 *   one shard, and shards split by `workspace_id`, so on Citus this is the scope that works
 *   (docs/scaling.md). It costs one more round trip per batch, and more when a batch spans
 *   workspaces.
 *
 * SQLite ignores it: its one writer lock already keeps workers apart.
 */
export type ClaimScope = 'all' | 'workspace';

export const CLAIM_SCOPES: readonly ClaimScope[] = ['all', 'workspace'];

/** Workspaces a `workspace`-scoped claim visits per batch at most. */
export const WORKSPACES_PER_CLAIM = 16;

/**
 * The workspaces among the oldest `scan` rows of `table` (due by `now` when given), oldest first: a
 * read without locks, which Citus may run on every shard. Only the oldest rows are read, through
 * the index the claim itself uses, so a long backlog costs no more than a short one; a workspace
 * whose rows are all younger waits for the next batch, as it would behind a global claim.
 */
export async function workspacesWithDueRows(
  trx: Kysely<Database>,
  table: 'inbox' | 'inbox_journal',
  order: 'available_at' | 'seq',
  now: number | undefined,
  scan: number,
): Promise<string[]> {
  let oldest = trx.selectFrom(table as 'inbox').select(['workspace_id', `${order as 'available_at'} as position`]);
  if (now !== undefined) oldest = oldest.where('available_at', '<=', now);
  const rows = await trx
    .selectFrom(oldest.orderBy(order as 'available_at').limit(scan).as('oldest'))
    .select('workspace_id')
    .groupBy('workspace_id')
    .orderBy((eb) => eb.fn.min('position'))
    .limit(WORKSPACES_PER_CLAIM)
    .execute();
  return rows.map((row) => row.workspace_id);
}

/** Splits rows by their workspace, keeping their order within each. */
export function byWorkspace<T extends { workspace_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.workspace_id);
    if (group) group.push(row);
    else groups.set(row.workspace_id, [row]);
  }
  return groups;
}
