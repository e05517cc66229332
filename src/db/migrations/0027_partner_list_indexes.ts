import type { Kysely } from 'kysely';

/**
 * The partner API lists one collaborator's conversions, commissions and payouts, newest first
 * (`/partner/v1/conversions`, `/commissions`, `/payouts`, and the console's partner page). Without
 * these an index on `(workspace_id, id)` was walked backwards through every row of the workspace
 * to find one partner's: a partner with few sales in a large shop read the whole table per page.
 * Each costs one index entry per conversion, obligation or payout, which are far rarer than events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['conversions', 'obligations', 'payouts']) {
    await db.schema.createIndex(`${table}_collaborator`).on(table).columns(['workspace_id', 'collaborator_id', 'id']).execute();
  }
}
