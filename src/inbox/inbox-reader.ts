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
