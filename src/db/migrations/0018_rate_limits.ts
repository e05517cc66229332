import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Per-workspace request rate limits for write keys and API keys (issue 16 §5). A null pair means
 * "the server's default" (RATE_LIMIT_* settings); `per_second` 0 means not limited. No row at all
 * is the same as both pairs null.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('workspace_rate_limits')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('write_key_per_second', 'integer')
    .addColumn('write_key_burst', 'integer')
    .addColumn('api_key_per_second', 'integer')
    .addColumn('api_key_burst', 'integer')
    .addColumn('updated_at', dialect.bigintType, (c) => c.notNull())
    .execute();
}
