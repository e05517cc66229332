import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/index.ts';
import { smallestIdAt } from '../lib/ids.ts';
import type { RetentionSettings } from './settings.ts';

/** The tables pruning deletes from; every count it reports is by these names. */
export const PRUNED_TABLES = ['events', 'inbox', 'domain_outcomes', 'deliveries', 'delivery_attempts', 'contract_violations', 'event_volume'] as const;
export type PrunedTable = (typeof PRUNED_TABLES)[number];
export type TableCounts = Record<PrunedTable, number>;

export function zeroCounts(): TableCounts {
  return Object.fromEntries(PRUNED_TABLES.map((table) => [table, 0])) as TableCounts;
}

/** One workspace's data older than `cutoff` (epoch ms) of one kind. */
export interface Scope {
  readonly workspaceId: string;
  readonly cutoff: number;
}

/**
 * One kind of prunable data: which setting governs it, how to delete a batch of its oldest rows
 * (with what hangs off them, in the same transaction) and how to count what a run would delete.
 *
 * Each target finds old rows through an index that starts with `workspace_id` and reads only rows
 * that are old, so a batch costs the same with a large backlog as with none. What is *not* a
 * target is never deleted: attribution's money records (transactions, conversions, obligations,
 * payouts and payout items, fulfillments, the ledger, distributions and their runs), the
 * domain-event log, configuration, credentials. The inbox journal needs no target: a worker
 * deletes a request in the transaction that expands it into inbox rows.
 */
export interface PruneTarget {
  readonly setting: keyof RetentionSettings;
  /** Deletes up to `limit` of the oldest rows in scope; answers what it deleted, per table. */
  deleteBatch(trx: Transaction<Database>, scope: Scope, limit: number): Promise<Partial<TableCounts>>;
  /** What `deleteBatch` would delete, run to the end. */
  count(db: Kysely<Database>, scope: Scope): Promise<Partial<TableCounts>>;
  /** Whether a batch that deleted this much may have left more (its first table filled the limit). */
  readonly lead: PrunedTable;
}

const FINISHED_DELIVERY = ['delivered', 'failed', 'dead', 'dropped'] as const;

const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
const counted = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0);

/**
 * Canonical events received before the cutoff (ids are UUIDv7, made when the event was accepted),
 * except those a delivery still waits to send: a delivery reads its event when it is sent, and a
 * retry budget may outlast a short retention.
 */
const events: PruneTarget = {
  setting: 'events_days',
  lead: 'events',
  async deleteBatch(trx, scope, limit) {
    const ids = await eventsInScope(trx, scope).select('id').orderBy('id').limit(limit).execute();
    if (ids.length === 0) return {};
    return { events: deleted(await trx.deleteFrom('events').where('id', 'in', ids.map((row) => row.id)).executeTakeFirstOrThrow()) };
  },
  async count(db, scope) {
    return { events: counted(await eventsInScope(db, scope).select(sql<number>`count(*)`.as('n')).executeTakeFirst()) };
  },
};

function eventsInScope(db: Kysely<Database>, { workspaceId, cutoff }: Scope) {
  return db
    .selectFrom('events')
    .where('workspace_id', '=', workspaceId)
    .where('id', '<', smallestIdAt(cutoff))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('deliveries')
            .select(sql.lit(1).as('one'))
            .where('deliveries.workspace_id', '=', workspaceId)
            .whereRef('deliveries.event_id', '=', 'events.id')
            .where('deliveries.available_at', 'is not', null),
        ),
      ),
    );
}

/**
 * Inbox rows received before the cutoff that are final (`available_at` is NULL: processed,
 * blocked, failed for good); prune.ts keeps the cutoff outside the dedupe window, so pruning never
 * lets a retry of a remembered message id in twice. With them go
 * their `/event/{slug}` answers (`domain_outcomes`, one per domain inbox row), which a repeat
 * request replays only while the row is there.
 */
const inbox: PruneTarget = {
  setting: 'inbox_days',
  lead: 'inbox',
  async deleteBatch(trx, scope, limit) {
    const ids = (await inboxInScope(trx, scope).select('id').orderBy('id').limit(limit).execute()).map((row) => row.id);
    if (ids.length === 0) return {};
    const outcomes = deleted(await trx.deleteFrom('domain_outcomes').where('inbox_id', 'in', ids).executeTakeFirstOrThrow());
    const rows = deleted(await trx.deleteFrom('inbox').where('id', 'in', ids).where('available_at', 'is', null).executeTakeFirstOrThrow());
    return { inbox: rows, domain_outcomes: outcomes };
  },
  async count(db, scope) {
    const rows = counted(await inboxInScope(db, scope).select(sql<number>`count(*)`.as('n')).executeTakeFirst());
    const outcomes = counted(
      await db
        .selectFrom('domain_outcomes')
        .select(sql<number>`count(*)`.as('n'))
        .where('workspace_id', '=', scope.workspaceId)
        .where('inbox_id', 'in', inboxInScope(db, scope).select('id'))
        .executeTakeFirst(),
    );
    return { inbox: rows, domain_outcomes: outcomes };
  },
};

function inboxInScope(db: Kysely<Database>, { workspaceId, cutoff }: Scope) {
  return db
    .selectFrom('inbox')
    .where('workspace_id', '=', workspaceId)
    .where('id', '<', smallestIdAt(cutoff))
    .where('available_at', 'is', null);
}

/**
 * Finished deliveries (delivered, failed, dead, dropped) last changed before the cutoff, with
 * their attempts: what the delivery worker's janitor deleted after `FORWARD_RETENTION_DAYS` before
 * retention settings existed. Queued and in-flight deliveries are never touched (`available_at`).
 */
const deliveries: PruneTarget = {
  setting: 'deliveries_days',
  lead: 'deliveries',
  async deleteBatch(trx, scope, limit) {
    const ids = (await deliveriesInScope(trx, scope).select('id').limit(limit).execute()).map((row) => row.id);
    if (ids.length === 0) return {};
    const attempts = deleted(await trx.deleteFrom('delivery_attempts').where('delivery_id', 'in', ids).executeTakeFirstOrThrow());
    const rows = deleted(await trx.deleteFrom('deliveries').where('id', 'in', ids).where('available_at', 'is', null).executeTakeFirstOrThrow());
    return { deliveries: rows, delivery_attempts: attempts };
  },
  async count(db, scope) {
    const rows = counted(await deliveriesInScope(db, scope).select(sql<number>`count(*)`.as('n')).executeTakeFirst());
    const attempts = counted(
      await db
        .selectFrom('delivery_attempts')
        .select(sql<number>`count(*)`.as('n'))
        .where('delivery_id', 'in', deliveriesInScope(db, scope).select('id'))
        .executeTakeFirst(),
    );
    return { deliveries: rows, delivery_attempts: attempts };
  },
};

function deliveriesInScope(db: Kysely<Database>, { workspaceId, cutoff }: Scope) {
  return db
    .selectFrom('deliveries')
    .where('available_at', 'is', null)
    .where('updated_at', '<', cutoff)
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', FINISHED_DELIVERY);
}

/** Contract violations recorded before the cutoff (UUIDv7 ids, index `contract_violations_age`). */
const violations: PruneTarget = {
  setting: 'violations_days',
  lead: 'contract_violations',
  async deleteBatch(trx, scope, limit) {
    const ids = await violationsInScope(trx, scope).select('id').orderBy('id').limit(limit).execute();
    if (ids.length === 0) return {};
    return { contract_violations: deleted(await trx.deleteFrom('contract_violations').where('id', 'in', ids.map((row) => row.id)).executeTakeFirstOrThrow()) };
  },
  async count(db, scope) {
    return { contract_violations: counted(await violationsInScope(db, scope).select(sql<number>`count(*)`.as('n')).executeTakeFirst()) };
  },
};

function violationsInScope(db: Kysely<Database>, { workspaceId, cutoff }: Scope) {
  return db.selectFrom('contract_violations').where('workspace_id', '=', workspaceId).where('id', '<', smallestIdAt(cutoff));
}

/**
 * Hourly volume counters of hours that ended before the cutoff. They have no id: a batch deletes
 * the oldest hours up to the `limit`-th counter (a little more when that hour holds several event
 * names), through the primary key `(workspace_id, hour_bucket, …)`.
 */
const volume: PruneTarget = {
  setting: 'volume_days',
  lead: 'event_volume',
  async deleteBatch(trx, { workspaceId, cutoff }, limit) {
    const last = await trx
      .selectFrom('event_volume')
      .select('hour_bucket')
      .where('workspace_id', '=', workspaceId)
      .where('hour_bucket', '<', cutoff)
      .orderBy('hour_bucket')
      .limit(1)
      .offset(limit - 1)
      .executeTakeFirst();
    const upTo = last === undefined ? trx.deleteFrom('event_volume').where('hour_bucket', '<', cutoff) : trx.deleteFrom('event_volume').where('hour_bucket', '<=', last.hour_bucket);
    return { event_volume: deleted(await upTo.where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow()) };
  },
  async count(db, { workspaceId, cutoff }) {
    return {
      event_volume: counted(
        await db.selectFrom('event_volume').select(sql<number>`count(*)`.as('n')).where('workspace_id', '=', workspaceId).where('hour_bucket', '<', cutoff).executeTakeFirst(),
      ),
    };
  },
};

/**
 * Every target, in the order a round prunes them: deliveries before events, so the events a
 * finished delivery pointed at are free to go in the same round.
 */
export const PRUNE_TARGETS: readonly PruneTarget[] = [deliveries, events, inbox, violations, volume];
