import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Siren webhook subscriptions (issue 6). A subscription rides on forwarding's delivery machinery:
 * each one owns a destination (its URL, enabled flag and encrypted signing secret live there, so
 * a receiver's 410 pauses it like any destination), and its events are outbox rows in
 * `deliveries`. Forwarding gains two columns for that:
 * - `destinations.signature_scheme`: `standard-webhooks` (the default, every existing row) or
 *   `siren` (one `X-Siren-Signature: sha256=<hex>` header over the raw body);
 * - `deliveries.payload`: the body, rendered when the row is queued (a Siren delivery carries a
 *   domain event, not a canonical event the worker could read back); NULL for forwarding rules.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema
    .createTable('siren_webhooks')
    .addColumn('id', dialect.autoIncrementType, (c) => {
      const pk = c.primaryKey();
      return dialect.needsAutoIncrementModifier ? pk.autoIncrement() : pk;
    })
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('destination_id', 'text', (c) => c.notNull().unique())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('siren_webhooks_ws').on('siren_webhooks').columns(['workspace_id', 'id']).execute();

  await db.schema
    .alterTable('destinations')
    .addColumn('signature_scheme', 'text', (c) => c.notNull().defaultTo('standard-webhooks'))
    .execute();
  await db.schema.alterTable('deliveries').addColumn('payload', 'text').execute();
}
