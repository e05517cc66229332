import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * A lighter inbox for ingest speed (issue 3). Every inbox row is written once per event and each
 * secondary index costs about 15 % of that write, so the inbox keeps only the indexes a query needs:
 * - `inbox_dedupe` (unique): deduplication;
 * - `inbox_claim` (partial, rows still to process): claiming;
 * - `inbox_status` (workspace, status, id): the incoming list filtered by status, and also the
 *   unfiltered list, which reads each status's newest rows through it and merges them.
 *
 * Dropped:
 * - `inbox_list` (workspace, id): the unfiltered list now uses `inbox_status` (above);
 * - `inbox_dedupe_expiry` (received_at of keyed rows): ids are time-ordered UUIDv7, so the periodic
 *   expiry walks the primary key from where its previous run stopped instead.
 */
export async function up(db: Kysely<any>, _dialect: DialectCapabilities): Promise<void> {
  await db.schema.dropIndex('inbox_list').ifExists().execute();
  await db.schema.dropIndex('inbox_dedupe_expiry').ifExists().execute();
}
