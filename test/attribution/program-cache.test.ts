import { beforeAll, describe, expect, it } from 'vitest';
import { ProgramCache } from '../../src/attribution/model/program-cache.ts';
import { DIALECTS } from '../support/databases.ts';
import { useMigratedDb } from '../support/migrated-db.ts';

describe.each(DIALECTS)('the per-transaction program cache on %s', (dialect) => {
  const database = useMigratedDb(dialect);
  let programA: number;

  beforeAll(async () => {
    const now = Date.now();
    for (const id of ['ws_a', 'ws_b']) await database.db.kysely.insertInto('workspaces').values({ id, name: id, slug: id, created_at: now, updated_at: now }).execute();
    const row = await database.db.kysely
      .insertInto('attribution_programs')
      .values({
        workspace_id: 'ws_a', name: 'A', status: 'active', incentive_type: 'percent', incentive_bps: 1000, attribution_window_days: 30,
        attribution_model: 'last_touch', engagement_trigger: 'any', approval: 'on_payment', created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    programA = row.id;
  });

  it('reads a program once until cleared, and never answers for another workspace', async () => {
    const cache = new ProgramCache();
    await database.db.kysely.transaction().execute(async (trx) => {
      expect((await cache.byIds(trx, 'ws_a', [programA, programA])).get(programA)?.incentive_bps).toBe(1000);
      expect((await cache.byIds(trx, 'ws_b', [programA])).size).toBe(0);
      await trx.updateTable('attribution_programs').set({ incentive_bps: 500 }).where('id', '=', programA).execute();
      expect((await cache.byIds(trx, 'ws_a', [programA])).get(programA)?.incentive_bps).toBe(1000);
      cache.clear();
      expect((await cache.byIds(trx, 'ws_a', [programA])).get(programA)?.incentive_bps).toBe(500);
    });
  });
});
