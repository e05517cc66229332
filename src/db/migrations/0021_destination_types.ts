import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Destination types (issue 19). A destination gains
 * - `type`: the registered destination type (`webhook`, `segment`, `amplitude`, …); every existing
 *   row is a webhook, which keeps its `url`, `headers` and signing secret where they were;
 * - `config`: the type's config as JSON, each secret field's value sealed by the SecretBox
 *   (`v1:…`); `{}` for webhooks, whose config is their `url` and `headers` columns.
 */
export async function up(db: Kysely<any>, _dialect: DialectCapabilities): Promise<void> {
  await db.schema.alterTable('destinations').addColumn('type', 'text', (c) => c.notNull().defaultTo('webhook')).execute();
  await db.schema.alterTable('destinations').addColumn('config', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}
