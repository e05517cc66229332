import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Retention (issue 16 §3): per-workspace settings, and the one index pruning lacked.
 *
 * A workspace without a `retention_settings` row keeps the defaults (retention/settings.ts); a row
 * holds every setting, NULL meaning "keep for ever". Pruning finds old rows of a workspace by id
 * range (UUIDv7 ids sort by creation time) through each table's `(workspace_id, id)` index: events,
 * the inbox and deliveries have one; contract violations were listed per contract only, so they get
 * theirs here.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('retention_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('events_days', 'integer')
    .addColumn('inbox_days', 'integer')
    .addColumn('deliveries_days', 'integer')
    .addColumn('violations_days', 'integer')
    .addColumn('volume_days', 'integer')
    .addColumn('updated_at', dialect.bigintType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contract_violations_age').on('contract_violations').columns(['workspace_id', 'id']).execute();
}
