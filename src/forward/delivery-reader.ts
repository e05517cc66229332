import type { Db } from '../db/index.ts';
import { isoOrNull } from '../lib/time.ts';
import type { DeliveryAttemptRow, DeliveryRow, DeliveryStatus } from './tables.ts';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivering', 'delivered', 'failed', 'dead', 'dropped'];
/** States a delivery can be replayed from: nothing is queued or in flight for it. */
export const REPLAYABLE: readonly DeliveryStatus[] = ['delivered', 'failed', 'dead', 'dropped'];

export interface DeliveryFilter {
  destinationId?: string | undefined;
  status?: DeliveryStatus | undefined;
  eventId?: string | undefined;
}

/** Lists deliveries newest first (ids are UUIDv7), `limit + 1` rows for `toPage`. */
export async function listDeliveries(
  db: Db,
  workspaceId: string,
  filter: DeliveryFilter & { cursor?: string | undefined; limit: number },
): Promise<DeliveryRow[]> {
  let query = db.kysely
    .selectFrom('deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.destinationId) query = query.where('destination_id', '=', filter.destinationId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.eventId) query = query.where('event_id', '=', filter.eventId);
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  return query.execute();
}

export async function getDelivery(db: Db, workspaceId: string, id: string): Promise<DeliveryRow | undefined> {
  return db.kysely.selectFrom('deliveries').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Attempts of these deliveries of the workspace, oldest first, grouped by delivery id. */
export async function attemptsOf(db: Db, workspaceId: string, deliveryIds: readonly string[]): Promise<Map<string, DeliveryAttemptRow[]>> {
  const grouped = new Map<string, DeliveryAttemptRow[]>();
  if (deliveryIds.length === 0) return grouped;
  const rows = await db.kysely
    .selectFrom('delivery_attempts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('delivery_id', 'in', [...deliveryIds])
    .orderBy('delivery_id')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = grouped.get(row.delivery_id) ?? [];
    list.push(row);
    grouped.set(row.delivery_id, list);
  }
  return grouped;
}

export function toDeliveryResource(row: DeliveryRow, attempts: readonly DeliveryAttemptRow[]) {
  return {
    id: row.id,
    destination_id: row.destination_id,
    rule_id: row.rule_id,
    event_id: row.event_id,
    transformation_id: row.transformation_id,
    status: row.status,
    webhook_id: row.batch_id,
    attempt_count: row.attempt_count,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    next_attempt_at: row.status === 'pending' ? isoOrNull(row.available_at) : null,
    retry_deadline: isoOrNull(row.deadline_at),
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
    delivered_at: isoOrNull(row.delivered_at),
    attempts: attempts.map((attempt) => ({
      attempted_at: isoOrNull(attempt.attempted_at),
      status_code: attempt.status_code,
      latency_ms: attempt.latency_ms,
      error: attempt.error,
    })),
  };
}

/**
 * Puts final deliveries back in the queue with a fresh retry budget. The update only touches rows
 * in a replayable state, so replaying twice (or two users at once) queues each delivery once.
 * A replayed delivery leaves its old batch and is sent again on its own or in a new batch.
 */
export async function replayDeliveries(
  db: Db,
  workspaceId: string,
  filter: DeliveryFilter & { ids?: readonly string[]; statuses: readonly DeliveryStatus[] },
  budgetMs: number,
): Promise<number> {
  const now = Date.now();
  let query = db.kysely
    .updateTable('deliveries')
    .set({ status: 'pending', available_at: now, locked_by: null, batch_id: null, deadline_at: now + budgetMs, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', [...filter.statuses]);
  if (filter.ids) query = query.where('id', 'in', [...filter.ids]);
  if (filter.destinationId) query = query.where('destination_id', '=', filter.destinationId);
  if (filter.eventId) query = query.where('event_id', '=', filter.eventId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
