import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgramCache } from '../../src/attribution/model/program-cache.ts';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/index.ts';
import { DIALECTS, testDatabase, type TestDatabase } from '../support/databases.ts';

describe.each(DIALECTS)('the per-transaction program cache on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let programA: number;

  beforeAll(async () => {
    database = testDatabase(dialect);
    db = await openDatabase(database.config);
    await migrateToLatest(db);
    const now = Date.now();
    for (const id of ['ws_a', 'ws_b']) await db.kysely.insertInto('workspaces').values({ id, name: id, slug: id, created_at: now, updated_at: now }).execute();
    const row = await db.kysely
      .insertInto('attribution_programs')
      .values({
        workspace_id: 'ws_a', name: 'A', status: 'active', incentive_type: 'percent', incentive_bps: 1000, attribution_window_days: 30,
        attribution_model: 'last_touch', engagement_trigger: 'any', approval: 'on_payment', created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    programA = row.id;
  });
  afterAll(async () => {
    await db?.close();
    await database?.cleanup();
  });

  it('reads a program once until cleared, and never answers for another workspace', async () => {
    const cache = new ProgramCache();
    await db.kysely.transaction().execute(async (trx) => {
      expect((await cache.byIds(trx, 'ws_a', [programA, programA])).get(programA)?.incentive_bps).toBe(1000);
      expect((await cache.byIds(trx, 'ws_b', [programA])).size).toBe(0);
      await trx.updateTable('attribution_programs').set({ incentive_bps: 500 }).where('id', '=', programA).execute();
      expect((await cache.byIds(trx, 'ws_a', [programA])).get(programA)?.incentive_bps).toBe(1000);
      cache.clear();
      expect((await cache.byIds(trx, 'ws_a', [programA])).get(programA)?.incentive_bps).toBe(500);
    });
  });
});
