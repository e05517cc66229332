import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { Database, Db } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import { CLAIMED_COLUMNS, type ClaimedDelivery, type DeliveryStatus, type DestinationRow } from './tables.ts';

/**
 * The outbox as a queue, claimed per destination. States (see tables.ts): a worker moves a due
 * `pending` row to `delivering` with a lease (`available_at` = lease end, `locked_by` = worker),
 * sends it, then settles it: `delivered`, `pending` again with a later `available_at` (retry),
 * or final (`failed`, `dead`, `dropped`: `available_at` NULL). A worker that dies mid-send leaves
 * the lease to run out and the row is sent again: at-least-once, with the same `webhook-id`.
 */

/** Enabled destinations with at least one due delivery: one index probe per destination. */
export async function dueDestinations(db: Db, now: number): Promise<DestinationRow[]> {
  return db.kysely
    .selectFrom('destinations as d')
    .selectAll('d')
    .where('d.enabled', '=', 1)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('deliveries as x')
          .select('x.id')
          // Correlated on the workspace too: Citus runs a correlated subquery only on the distribution column.
          .whereRef('x.workspace_id', '=', 'd.workspace_id')
          .whereRef('x.destination_id', '=', 'd.id')
          .where('x.available_at', '<=', now),
      ),
    )
    .execute();
}

/**
 * Claims the next requests' worth of deliveries for one destination, up to `requests` requests
 * (one-event requests, or batches of up to `batchSize`) in one statement or one transaction, so a
 * busy destination does not pay a commit per request. A batch is formed at its first attempt and
 * retried whole, so its `webhook-id` (the batch id) and body stay the same on every retry; a
 * delivery sent alone uses its own id. Rows are locked with SKIP LOCKED where the dialect has it,
 * so several workers and processes claim different batches. Returns the rows of each request.
 */
export async function claimDeliveries(
  db: Db,
  options: {
    /** The destination's workspace: every claim statement names it (one shard on Citus, docs/scaling.md). */
    workspaceId: string;
    destinationId: string;
    workerId: string;
    batchSize: number;
    /** How many requests to claim at most (default 1). */
    requests?: number;
    leaseMs: number;
    now: number;
  },
): Promise<ClaimedDelivery[][]> {
  const requests = options.requests ?? 1;
  // Asynchronous commit (Db.relaxedTransaction): a lease lost to a power cut leaves its rows due.
  return db.relaxedTransaction(async (trx) =>
    options.batchSize === 1
      ? (await claimOneEventRequests(db, trx, { ...options, requests })).map((row) => [row])
      : claimBatchesIn(db, trx, { ...options, requests }),
  );
}

/** `claimDeliveries` of a batching destination inside the caller's transaction. */
export async function claimBatchesIn(
  db: Db,
  trx: Transaction<Database>,
  options: { workspaceId: string; destinationId: string; workerId: string; batchSize: number; requests: number; leaseMs: number; now: number },
): Promise<ClaimedDelivery[][]> {
  const claimed: ClaimedDelivery[][] = [];
  while (claimed.length < options.requests) {
    const rows = await claimBatch(db, trx, options);
    if (rows.length === 0) break;
    claimed.push(rows);
  }
  return claimed;
}

/** One batch: the head's retry group if the head was sent before, else up to `batchSize` fresh rows. */
async function claimBatch(
  db: Db,
  trx: Transaction<Database>,
  options: { workspaceId: string; destinationId: string; workerId: string; batchSize: number; leaseMs: number; now: number },
): Promise<ClaimedDelivery[]> {
  const { workspaceId, workerId, now } = options;
  const claimed = { status: 'delivering' as const, locked_by: workerId, available_at: now + options.leaseMs, updated_at: now };
  const head = await dueInQueueOrder(db, trx.selectFrom('deliveries').select(['id', 'batch_id']), options, now, 1).executeTakeFirst();
  if (!head) return [];
  if (head.batch_id !== null) {
    const rows = await trx
      .updateTable('deliveries')
      .set(claimed)
      .where('workspace_id', '=', workspaceId)
      .where('batch_id', '=', head.batch_id)
      .where('available_at', '<=', now)
      .returning(CLAIMED_COLUMNS)
      .execute();
    return inQueueOrder(rows);
  }
  const fresh = trx.selectFrom('deliveries').select('id').where('batch_id', 'is', null);
  const ids = (await dueInQueueOrder(db, fresh, options, now, options.batchSize).execute()).map((row) => row.id);
  if (ids.length === 0) return [];
  // Alone, a delivery's own id is its webhook-id (stable across retries and replays); a batch
  // gets a fresh id, never one a receiver may have seen with other contents.
  const batchId = ids.length === 1 ? ids[0]! : newId();
  return inQueueOrder(
    await trx.updateTable('deliveries').set({ ...claimed, batch_id: batchId }).where('workspace_id', '=', workspaceId).where('id', 'in', ids).returning(CLAIMED_COLUMNS).execute(),
  );
}

/**
 * The first `limit` due rows of one destination, in queue order (due time, then id), locked with
 * SKIP LOCKED where the dialect has it so that workers claim different rows. The workspace makes
 * the locking read a single-shard query on Citus, the only kind that may lock rows there.
 */
function dueInQueueOrder<O>(
  db: Db,
  query: SelectQueryBuilder<Database, 'deliveries', O>,
  of: { workspaceId: string; destinationId: string },
  now: number,
  limit: number,
): SelectQueryBuilder<Database, 'deliveries', O> {
  const due = query.where('workspace_id', '=', of.workspaceId).where('destination_id', '=', of.destinationId).where('available_at', '<=', now).orderBy('available_at').orderBy('id').limit(limit);
  return db.dialect.supportsSkipLocked ? due.forUpdate().skipLocked() : due;
}

/**
 * UPDATE … RETURNING gives rows in no defined order (PostgreSQL varies between runs): sorted by id
 * (UUIDv7, so queue order), a retried batch's body is the same bytes under the same webhook-id.
 */
function inQueueOrder(rows: ClaimedDelivery[]): ClaimedDelivery[] {
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Claims up to `requests` deliveries of a one-event destination in a single statement, through
 * `executor`: the database itself, or the transaction of a group commit (settle-batcher.ts), so a
 * claim need not cost a commit of its own. Each row's id becomes its webhook-id even if it once
 * travelled in a batch (the body is different now, so the id must be too).
 */
export async function claimOneEventRequests(
  db: Db,
  executor: Kysely<Database> | Transaction<Database>,
  options: { workspaceId: string; destinationId: string; workerId: string; requests: number; leaseMs: number; now: number },
): Promise<ClaimedDelivery[]> {
  const { workspaceId, workerId, now } = options;
  // The due rows are read once, in a materialized CTE: with `id IN (subquery)` beside the
  // workspace filter, PostgreSQL planned a semi-join that ran the LIMIT … SKIP LOCKED read once
  // per row, and one claim took every due row of the destination (and broke its rate limit).
  return executor
    .with((cte) => cte('due').materialized(), (qb) => dueInQueueOrder(db, qb.selectFrom('deliveries').select('id'), options, now, options.requests))
    .updateTable('deliveries')
    .set((eb) => ({ status: 'delivering' as const, locked_by: workerId, available_at: now + options.leaseMs, updated_at: now, batch_id: eb.ref('id') }))
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
    .returning(CLAIMED_COLUMNS)
    .execute();
}

/** What happened to one claimed delivery. */
export interface Settlement {
  readonly id: string;
  readonly status: Exclude<DeliveryStatus, 'delivering'>;
  /** When to try again (status `pending`); ignored otherwise. */
  readonly retryAt?: number;
  /** The attempt to record; none when nothing was tried. */
  readonly attempt: { statusCode: number | null; latencyMs: number; error: string | null };
}

/**
 * Records attempts and new states in one transaction, only for rows this worker still holds: a
 * row whose lease ran out and was taken over is left to the new holder. Rows with the same outcome
 * (one request's rows; many requests that all got a 2xx) share one UPDATE and one INSERT.
 */
export async function settleDeliveries(db: Db, workerId: string, settlements: readonly Settlement[], now: number): Promise<void> {
  if (settlements.length === 0) return;
  // Asynchronous commit (Db.relaxedTransaction): an outcome lost to a power cut means a resend.
  await db.relaxedTransaction((trx) => settleIn(trx, workerId, settlements, now));
}

/** `settleDeliveries` inside the caller's transaction. */
export async function settleIn(trx: Transaction<Database>, workerId: string, settlements: readonly Settlement[], now: number): Promise<void> {
  if (settlements.length === 0) return;
  const groups = new Map<string, { settlement: Settlement; ids: string[] }>();
  const latency = new Map<string, number>();
  for (const settlement of settlements) {
    const { status, retryAt, attempt } = settlement;
    const key = JSON.stringify([status, status === 'pending' ? (retryAt ?? now) : null, attempt.statusCode, attempt.error]);
    const group = groups.get(key) ?? { settlement, ids: [] };
    group.ids.push(settlement.id);
    groups.set(key, group);
    latency.set(settlement.id, Math.round(attempt.latencyMs));
  }
  for (const { settlement, ids } of groups.values()) {
    const owned = await trx
      .updateTable('deliveries')
      .set((eb) => ({
        status: settlement.status,
        available_at: settlement.status === 'pending' ? (settlement.retryAt ?? now) : null,
        locked_by: null,
        attempt_count: eb('attempt_count', '+', 1),
        last_status_code: settlement.attempt.statusCode,
        last_error: settlement.attempt.error,
        updated_at: now,
        delivered_at: settlement.status === 'delivered' ? now : null,
      }))
      .where('id', 'in', ids)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'delivering')
      .returning(['id', 'workspace_id'])
      .execute();
    if (owned.length === 0) continue;
    const attempt = { attempted_at: now, status_code: settlement.attempt.statusCode, error: settlement.attempt.error };
    await trx
      .insertInto('delivery_attempts')
      .values(owned.map((row) => ({ workspace_id: row.workspace_id, delivery_id: row.id, latency_ms: latency.get(row.id) ?? 0, ...attempt })))
      .execute();
  }
}

/** Gives claimed rows back untried (the worker is stopping): due at once, no attempt counted. */
export async function releaseDeliveries(db: Db, workerId: string, ids: readonly string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db.relaxedTransaction((trx) =>
    trx
      .updateTable('deliveries')
      .set({ status: 'pending', available_at: now, locked_by: null, updated_at: now })
      .where('id', 'in', [...ids])
      .where('locked_by', '=', workerId)
      .where('status', '=', 'delivering')
      .execute(),
  );
}

/** A receiver answered 410 Gone: stop sending to it until a user enables it again. */
export async function disableDestination(db: Db, destinationId: string, reason: string, now: number): Promise<void> {
  await db.kysely
    .updateTable('destinations')
    .set({ enabled: 0, disabled_reason: reason, updated_at: now })
    .where('id', '=', destinationId)
    .execute();
}
