import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * The inbox journal (issue 3, ingest speed): Segment requests are accepted by appending their body
 * as received, one row per request, and workers split them into inbox rows afterwards (see
 * `inbox/journal.ts`). An append touches one b-tree at its right edge; an inbox row touches five,
 * one of them (the dedupe index) at a random place for real-world message ids.
 *
 * `seq` is SQLite's rowid (no AUTOINCREMENT: its sqlite_sequence write per insert buys nothing
 * here, a reused seq after the table empties is harmless) and an identity on PostgreSQL. No other
 * index: workers read the journal in `seq` order and delete what they moved.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema
    .createTable('inbox_journal')
    .addColumn('seq', dialect.rowIdType, (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('api', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('received_at', big, (c) => c.notNull())
    .addColumn('credential_id', 'text')
    .addColumn('client_ip', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
}
