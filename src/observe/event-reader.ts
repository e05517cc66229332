import { sql } from 'kysely';
import type { Db, EventTable } from '../db/index.ts';

export interface EventFilter {
  /** Matches the event's type (track, identify …) or its name (a client event's type). */
  eventType?: string | undefined;
  source?: string | undefined;
  status?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Free text, case-insensitive, over name, ids, email and the event body. */
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Canonical events of a workspace, newest first. */
export async function listEvents(db: Db, workspaceId: string, filter: EventFilter): Promise<EventTable[]> {
  let query = db.kysely
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.eventType) {
    const value = filter.eventType;
    query = query.where((eb) => eb.or([eb('type', '=', value), eb('name', '=', value)]));
  }
  if (filter.source) query = query.where('source', '=', filter.source);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.from !== undefined) query = query.where('timestamp', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('timestamp', '<', filter.to);
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or(
        (['name', 'user_id', 'anonymous_id', 'email', 'message_id', 'body'] as const).map(
          (column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  return query.execute();
}

export async function getEvent(db: Db, workspaceId: string, id: string): Promise<EventTable | undefined> {
  return db.kysely.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}
