import type { Db, InboxTable } from '../db/index.ts';
import type { ProcessingOutcome } from './processing-waiters.ts';

export interface IncomingFilter {
  status?: string | undefined;
  api?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Newest first: rows with an id below the cursor. */
  cursor?: string | undefined;
  limit: number;
}

/**
 * Lists a workspace's inbox rows, newest first (ids are time-ordered UUIDv7), through `inbox_list`
 * (workspace, id). `failed` and `blocked` rows, the few a person looks for among millions of
 * processed ones, have partial indexes of their own (migration 0010); the other statuses are
 * either most rows (processed) or the newest ones (received, processing), found near the top.
 */
export async function listIncoming(db: Db, workspaceId: string, filter: IncomingFilter): Promise<InboxTable[]> {
  let query = db.kysely
    .selectFrom('inbox')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.status) query = query.where('status', '=', filter.status as InboxTable['status']);
  if (filter.api) query = query.where('api', '=', filter.api as InboxTable['api']);
  if (filter.from !== undefined) query = query.where('received_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('received_at', '<', filter.to);
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  return query.execute();
}

/**
 * Events a workspace sent that are durable but not in the inbox yet: requests in the journal,
 * which workers split into inbox rows within milliseconds while they run. A backlog here means
 * no worker is running or they cannot keep up.
 */
export async function pendingInJournal(db: Db, workspaceId: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('inbox_journal')
    .select((eb) => eb.fn.sum<number | string | null>('event_count').as('events'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.events ?? 0);
}

export async function getIncoming(db: Db, workspaceId: string, id: string): Promise<InboxTable | undefined> {
  return db.kysely.selectFrom('inbox').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function lookupOutcomes(db: Db, ids: string[]): Promise<ProcessingOutcome[]> {
  if (ids.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('inbox')
    .select(['id', 'status', 'event_id', 'process_error'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((row) => ({ id: row.id, status: row.status, eventId: row.event_id, error: row.process_error }));
}

/** Per database: every key with an id below this has had its window ended already. */
const expiredBelow = new WeakMap<Db, string>();

/**
 * Ends the dedupe window of keys older than `windowMs`: NULL keys never collide again. Inbox ids
 * are UUIDv7, so "older" is an id range of the primary key; each run starts where the previous one
 * stopped, so no index on the time of keyed rows is needed (a restart walks the old ids once).
 */
export async function expireDedupeKeys(db: Db, windowMs: number, now = Date.now()): Promise<number> {
  const below = smallestIdAt(now - windowMs);
  const from = expiredBelow.get(db);
  if (from !== undefined && from >= below) return 0;
  let query = db.kysely.updateTable('inbox').set({ dedupe_key: null }).where('id', '<', below).where('dedupe_key', 'is not', null);
  if (from !== undefined) query = query.where('id', '>=', from);
  const result = await query.executeTakeFirst();
  expiredBelow.set(db, below);
  return Number(result.numUpdatedRows);
}

/** The smallest UUIDv7 of millisecond `ms`: every id made earlier sorts below it. */
function smallestIdAt(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-0000-0000-000000000000`;
}
