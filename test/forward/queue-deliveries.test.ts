import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/index.ts';
import { queueDeliveries } from '../../src/forward/index.ts';
import { DIALECTS, testDatabase, type TestDatabase } from '../support/databases.ts';

describe.each(DIALECTS)('queueDeliveries on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = testDatabase(dialect);
    db = await openDatabase(database.config);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.close();
    await database?.cleanup();
  });

  it('queues pending deliveries, due at once, with their deadline and any rendered body, in the caller’s transaction', async () => {
    const now = 1_700_000_000_000;
    await db.kysely.transaction().execute((trx) =>
      queueDeliveries(
        trx,
        db.dialect,
        [
          { id: 'dl_body', workspaceId: 'ws_q', destinationId: 'dst_1', ruleId: 'siren_webhook:1:SaleCreated', eventId: 'evt_1', payload: '{"type":"sale"}' },
          { workspaceId: 'ws_q', destinationId: 'dst_2', ruleId: 'rule_1', eventId: 'evt_1', transformationId: 'tr_1' },
        ],
        { now, retryBudgetMs: 60_000 },
      ),
    );
    const rows = await db.kysely.selectFrom('deliveries').selectAll().where('workspace_id', '=', 'ws_q').orderBy('destination_id').execute();
    expect(rows).toHaveLength(2);
    const common = { status: 'pending', available_at: now, deadline_at: now + 60_000, locked_by: null, batch_id: null, attempt_count: 0, created_at: now, updated_at: now };
    expect(rows[0]).toMatchObject({ ...common, id: 'dl_body', destination_id: 'dst_1', transformation_id: null, payload: '{"type":"sale"}' });
    expect(rows[1]).toMatchObject({ ...common, destination_id: 'dst_2', rule_id: 'rule_1', transformation_id: 'tr_1', payload: null });
    expect(rows[1]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await queueDeliveries(trx, db.dialect, [{ workspaceId: 'ws_rb', destinationId: 'dst_1', ruleId: 'rule_1', eventId: 'evt_2' }], { now: 1, retryBudgetMs: 1 });
        throw new Error('the flow refused');
      }),
    ).rejects.toThrow('the flow refused');
    expect(await db.kysely.selectFrom('deliveries').select('id').where('workspace_id', '=', 'ws_rb').execute()).toEqual([]);
  });
});
