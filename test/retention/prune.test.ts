import { describe, expect, it } from 'vitest';
import { prune, PRUNED_TABLES, type PrunedTable } from '../../src/retention/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { useMigratedDb } from '../support/migrated-db.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 7, 12);
const EVERYTHING_ONE_DAY = { events_days: 1, inbox_days: 1, deliveries_days: 1, violations_days: 1, volume_days: 1 };

/** A UUIDv7 of millisecond `ms`, unique by `n`: rows made "at" a time without waiting for it. */
function idAt(ms: number, n: number): string {
  const time = ms.toString(16).padStart(12, '0');
  const seq = n.toString(16).padStart(18, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${seq.slice(0, 3)}-8${seq.slice(3, 6)}-${seq.slice(6)}`;
}

/**
 * The batch loop of prune.ts on both databases, against rows written straight into the tables:
 * each transaction stays within the batch size, a dry run counts exactly what a run deletes, a
 * stop ends a run between batches, and settings are per workspace.
 */
describe.each(DIALECTS)('prune on %s', (dialect) => {
  const migrated = useMigratedDb(dialect, { each: true });
  let serial = 0;

  async function seed(workspaceId: string, count: number, at: number): Promise<void> {
    const db = migrated.db.kysely;
    await db.insertInto('workspaces').values({ id: workspaceId, name: workspaceId, slug: workspaceId, created_at: 0, updated_at: 0 }).execute();
    for (let n = 0; n < count; n += 1) {
      const id = idAt(at + n, (serial += 1));
      await db
        .insertInto('inbox')
        .values({ id, workspace_id: workspaceId, api: 'domain', dedupe_key: null, body_hash: null, payload: '{}', status: 'processed', received_at: at, available_at: null, locked_by: null, retry_count: 0, retryable: 0, process_error: null, event_id: id, processed_at: at, credential_id: null, client_ip: null })
        .execute();
      await db
        .insertInto('events')
        .values({ id, workspace_id: workspaceId, inbox_id: id, api: 'domain', type: 'track', name: 'sale', user_id: null, anonymous_id: null, email: null, group_id: null, previous_id: null, message_id: null, source: 'domain', status: null, timestamp: at, original_timestamp: null, sent_at: null, received_at: at, body: '{}', created_at: at })
        .execute();
      await db.insertInto('domain_outcomes').values({ inbox_id: id, workspace_id: workspaceId, http_status: 200, opportunity_id: null, error_code: null, error_message: null, error_fields: null, created_at: at }).execute();
      await db
        .insertInto('deliveries')
        .values({ id, workspace_id: workspaceId, destination_id: 'd', rule_id: 'r', event_id: id, transformation_id: null, status: 'delivered', batch_id: null, available_at: null, locked_by: null, attempt_count: 2, deadline_at: at, last_status_code: 200, last_error: null, created_at: at, updated_at: at, delivered_at: at, payload: null })
        .execute();
      await db.insertInto('delivery_attempts').values([{ workspace_id: workspaceId, delivery_id: id, attempted_at: at, status_code: 500, latency_ms: 1, error: 'x' }, { workspace_id: workspaceId, delivery_id: id, attempted_at: at, status_code: 200, latency_ms: 1, error: null }]).execute();
      await db
        .insertInto('contract_violations')
        .values({ id, workspace_id: workspaceId, contract_id: 'c', event_id: id, event_type: 'track', event_name: 'sale', action: 'warn', rule: 'required_missing', path: 'properties.x', value_type: null, message: 'is required', created_at: at })
        .execute();
      // Two event names in each hour: a volume batch may go past its size to finish an hour.
      for (const name of ['a', 'b']) {
        await db.insertInto('event_volume').values({ workspace_id: workspaceId, hour_bucket: Math.floor(at / HOUR) * HOUR - n * HOUR, event_type: 'track', event_name: name, event_count: 1 }).execute();
      }
    }
  }

  it('counts with a dry run exactly what a run then deletes, in transactions of at most the batch size', async () => {
    await seed('ws-a', 7, NOW - 30 * DAY);
    const options = { now: NOW, batchSize: 3, defaults: EVERYTHING_ONE_DAY, dedupeWindowMs: 7 * DAY };
    const [dry] = await prune(migrated.db, { ...options, dryRun: true });
    expect(dry).toEqual({
      workspaceId: 'ws-a',
      counts: { events: 7, inbox: 7, domain_outcomes: 7, deliveries: 7, delivery_attempts: 14, contract_violations: 7, event_volume: 14 },
    });
    const batches: Array<[PrunedTable, number]> = [];
    const [done] = await prune(migrated.db, { ...options, onDeleted: (table, rows) => batches.push([table, rows]), pause: async () => {} });
    expect(done).toEqual(dry);
    for (const [table, rows] of batches) {
      const most = table === 'delivery_attempts' ? 6 : table === 'event_volume' ? 4 : 3;
      expect(rows, `${table} batch of ${rows}`).toBeLessThanOrEqual(most);
    }
    for (const table of PRUNED_TABLES) {
      const left = await migrated.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(left.n), table).toBe(0);
    }
  });

  it('keeps what is younger than its setting, and what a null setting keeps for ever', async () => {
    await seed('ws-a', 2, NOW - 10 * DAY);
    await migrated.db.kysely
      .insertInto('retention_settings')
      .values({ workspace_id: 'ws-a', events_days: 30, inbox_days: null, deliveries_days: 5, violations_days: 5, volume_days: null, updated_at: NOW })
      .execute();
    const [result] = await prune(migrated.db, { now: NOW, batchSize: 100, defaults: EVERYTHING_ONE_DAY, dedupeWindowMs: 7 * DAY });
    expect(result!.counts).toEqual({ events: 0, inbox: 0, domain_outcomes: 0, deliveries: 2, delivery_attempts: 4, contract_violations: 2, event_volume: 0 });
  });

  it('prunes one workspace with its own settings and leaves the others', async () => {
    await seed('ws-a', 2, NOW - 30 * DAY);
    await seed('ws-b', 2, NOW - 30 * DAY);
    const results = await prune(migrated.db, { now: NOW, batchSize: 100, defaults: EVERYTHING_ONE_DAY, dedupeWindowMs: 7 * DAY, workspaceId: 'ws-b' });
    expect(results.map((result) => result.workspaceId)).toEqual(['ws-b']);
    const left = await migrated.db.kysely.selectFrom('events').select('workspace_id').execute();
    expect(left.map((row) => row.workspace_id)).toEqual(['ws-a', 'ws-a']);
  });

  it('ends a run between two batches once told to stop', async () => {
    await seed('ws-a', 5, NOW - 30 * DAY);
    let batches = 0;
    const [partial] = await prune(migrated.db, {
      now: NOW,
      batchSize: 2,
      defaults: EVERYTHING_ONE_DAY,
      dedupeWindowMs: 7 * DAY,
      pause: async () => {
        batches += 1;
      },
      stopped: () => batches >= 1,
    });
    // Deliveries are pruned first: one batch of two, then the stop.
    expect(partial!.counts).toMatchObject({ deliveries: 2, delivery_attempts: 4, events: 0, inbox: 0 });
  });
});
