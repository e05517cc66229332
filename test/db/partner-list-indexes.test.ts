import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { useMigratedDb } from '../support/migrated-db.ts';

/**
 * The partner API's lists (one collaborator's conversions, commissions, payouts, newest first, as
 * `listRows` reads them) find the collaborator's rows through an index on
 * `(workspace_id, collaborator_id, id)` instead of walking every row of the workspace.
 */
describe.each(DIALECTS)('partner list indexes on %s', (dialect) => {
  const database = useMigratedDb(dialect);

  it.each(['conversions', 'obligations', 'payouts'])('reads one partner’s %s through the collaborator index', async (table) => {
    const db = database.db.kysely;
    const query = `select * from ${table} where workspace_id = 'ws_1' and collaborator_id = 7 order by id desc limit 51`;
    let plan: string;
    if (dialect === 'sqlite') {
      const rows = await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(db);
      plan = rows.rows.map((row) => row.detail).join('\n');
    } else {
      // An empty table is cheapest to scan; without that option the planner would never show the index.
      plan = await db.connection().execute(async (connection) => {
        await sql`set enable_seqscan = off`.execute(connection);
        const rows = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${query}`).execute(connection);
        await sql`reset enable_seqscan`.execute(connection);
        return rows.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    }
    expect(plan).toContain(`${table}_collaborator`);
  });
});
