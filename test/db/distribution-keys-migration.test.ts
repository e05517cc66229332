import { Migrator, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/index.ts';
import { migrationsFor } from '../../src/db/migrations/index.ts';
import { DIALECTS, testDatabase } from '../support/databases.ts';

// Migration 0026 (keys ready for Citus) on a database that already holds rows.

async function withDatabaseAt<T>(dialect: (typeof DIALECTS)[number], migration: string, work: (db: Db, old: Kysely<any>, migrator: Migrator) => Promise<T>): Promise<T> {
  const database = testDatabase(dialect);
  const db = await openDatabase(database.config);
  try {
    const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrationsFor(db.dialect) }, ...(db.schema ? { migrationTableSchema: db.schema } : {}) });
    expect((await migrator.migrateTo(migration)).error).toBeUndefined();
    return await work(db, db.kysely as unknown as Kysely<any>, migrator);
  } finally {
    await db.close();
    await database.cleanup();
  }
}

const delivery = (id: string, workspaceId: string) => ({
  id, workspace_id: workspaceId, destination_id: 'dst', rule_id: 'rule', event_id: id, transformation_id: null, status: 'delivered', batch_id: null,
  available_at: null, locked_by: null, attempt_count: 1, deadline_at: 1, last_status_code: 204, last_error: null, created_at: 1, updated_at: 1, delivered_at: 1, payload: null,
});
const attempt = (deliveryId: string) => ({ delivery_id: deliveryId, attempted_at: 1, status_code: 204, latency_ms: 3, error: null });
const outcome = (inboxId: string, workspaceId: string, status: number) => ({
  inbox_id: inboxId, workspace_id: workspaceId, http_status: status, opportunity_id: null, error_code: null, error_message: null, error_fields: null, created_at: 1,
});

describe.each(DIALECTS)('migration 0026 on %s', (dialect) => {
  it('gives every delivery attempt its delivery’s workspace and keeps outcomes, which upsert by (inbox_id, workspace_id)', async () => {
    await withDatabaseAt(dialect, '0023_partner_programs', async (db, old, migrator) => {
      for (const id of ['ws-a', 'ws-b']) await old.insertInto('workspaces').values({ id, name: id, slug: id, created_at: 1, updated_at: 1 }).execute();
      await old.insertInto('deliveries').values([delivery('dl-a', 'ws-a'), delivery('dl-b', 'ws-b')]).execute();
      await old.insertInto('delivery_attempts').values([attempt('dl-a'), attempt('dl-a'), attempt('dl-b'), attempt('dl-gone')]).execute();
      await old.insertInto('domain_outcomes').values([outcome('in-a', 'ws-a', 200), outcome('in-b', 'ws-b', 422)]).execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const attempts = await db.kysely.selectFrom('delivery_attempts').select(['delivery_id', 'workspace_id']).orderBy('id').execute();
      // An attempt whose delivery was gone had no workspace to take: it went with it.
      expect(attempts).toEqual([
        { delivery_id: 'dl-a', workspace_id: 'ws-a' },
        { delivery_id: 'dl-a', workspace_id: 'ws-a' },
        { delivery_id: 'dl-b', workspace_id: 'ws-b' },
      ]);
      const outcomes = await db.kysely.selectFrom('domain_outcomes').select(['inbox_id', 'workspace_id', 'http_status']).orderBy('inbox_id').execute();
      expect(outcomes).toEqual([
        { inbox_id: 'in-a', workspace_id: 'ws-a', http_status: 200 },
        { inbox_id: 'in-b', workspace_id: 'ws-b', http_status: 422 },
      ]);
      await db.kysely
        .insertInto('domain_outcomes')
        .values(outcome('in-b', 'ws-b', 200))
        .onConflict((oc) => oc.columns(['inbox_id', 'workspace_id']).doUpdateSet({ http_status: 200 }))
        .execute();
      expect(await db.kysely.selectFrom('domain_outcomes').select('http_status').where('inbox_id', '=', 'in-b').execute()).toEqual([{ http_status: 200 }]);
    });
  });

  it('keeps one run per distribution and period, now keyed with the workspace', async () => {
    await withDatabaseAt(dialect, '0023_partner_programs', async (db, old, migrator) => {
      await old.insertInto('workspaces').values({ id: 'ws-a', name: 'a', slug: 'a', created_at: 1, updated_at: 1 }).execute();
      const { id } = await old
        .insertInto('distributions')
        .values({ workspace_id: 'ws-a', name: 'd', metric: 'm', pool_type: 'fixed', pool_amount: 100, currency: 'USD', period: 'month', status: 'active', created_at: 1, updated_at: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const run = { workspace_id: 'ws-a', distribution_id: id, period_start: 10, period_end: 20, pool: 100, currency: 'USD', metric_total: '0', inbound_event_id: 'in-1', created_at: 1 };
      await old.insertInto('distribution_runs').values(run).execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const again = await db.kysely.insertInto('distribution_runs').values(run).onConflict((oc) => oc.columns(['distribution_id', 'period_start', 'workspace_id']).doNothing()).returning('id').execute();
      expect(again).toEqual([]);
      await expect(sql`insert into distribution_runs (workspace_id, distribution_id, period_start, period_end, pool, currency, metric_total, inbound_event_id, created_at) values ('ws-a', ${id}, 10, 20, 1, 'USD', '0', 'in-2', 1)`.execute(db.kysely)).rejects.toThrow(/unique/i);
    });
  });
});

describe('migration 0026 on postgres', () => {
  it("refuses a row that points at another workspace's row: foreign keys pair the workspaces", async () => {
    await withDatabaseAt('postgres', '0023_partner_programs', async (db, old, migrator) => {
      for (const id of ['ws-a', 'ws-b']) await old.insertInto('workspaces').values({ id, name: id, slug: id, created_at: 1, updated_at: 1 }).execute();
      const { id } = await old
        .insertInto('distributions')
        .values({ workspace_id: 'ws-a', name: 'd', metric: 'm', pool_type: 'fixed', pool_amount: 100, currency: 'USD', period: 'month', status: 'active', created_at: 1, updated_at: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const run = (workspaceId: string, start: number) => ({ workspace_id: workspaceId, distribution_id: id, period_start: start, period_end: start + 10, pool: 1, currency: 'USD', metric_total: '0', inbound_event_id: `in-${start}`, created_at: 1 });
      await db.kysely.insertInto('distribution_runs').values(run('ws-a', 10)).execute();
      await expect(db.kysely.insertInto('distribution_runs').values(run('ws-b', 20)).execute()).rejects.toThrow(/foreign key/);
    });
  });
});
