import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Destinations, forwarding rules, the delivery outbox and its attempts. Deliveries are claimed
 * per destination through the partial index on `available_at` (only rows waiting for a worker are
 * in it), so a long history of delivered rows never slows claiming.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;

  await db.schema
    .createTable('destinations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('signing_secret', 'text', (c) => c.notNull())
    .addColumn('previous_signing_secret', 'text')
    .addColumn('previous_secret_expires_at', big)
    .addColumn('batch_size', 'integer', (c) => c.notNull())
    .addColumn('rate_limit', 'integer')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('disabled_reason', 'text')
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('destinations_ws').on('destinations').columns(['workspace_id', 'id']).execute();

  await db.schema
    .createTable('forwarding_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('destination_id', 'text', (c) => c.notNull())
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('event_names', 'text', (c) => c.notNull())
    .addColumn('transformation_id', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forwarding_rules_ws').on('forwarding_rules').columns(['workspace_id', 'id']).execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('destination_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('transformation_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('available_at', big)
    .addColumn('locked_by', 'text')
    .addColumn('attempt_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deadline_at', big, (c) => c.notNull())
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .addColumn('delivered_at', big)
    .execute();
  await db.schema
    .createIndex('deliveries_claim')
    .on('deliveries')
    // `id` too, so the claim's ORDER BY available_at, id reads the index in order instead of sorting
    // a destination's whole backlog on every claim.
    .columns(['destination_id', 'available_at', 'id'])
    .where(sql.ref('available_at'), 'is not', null)
    .execute();
  await db.schema.createIndex('deliveries_list').on('deliveries').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('deliveries_status').on('deliveries').columns(['workspace_id', 'status', 'id']).execute();
  await db.schema.createIndex('deliveries_event').on('deliveries').columns(['workspace_id', 'event_id']).execute();
  await db.schema.createIndex('deliveries_batch').on('deliveries').column('batch_id').execute();
  // Finished rows by age, for the retention janitor.
  await db.schema
    .createIndex('deliveries_finished')
    .on('deliveries')
    .column('updated_at')
    .where(sql.ref('available_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('delivery_attempts')
    .addColumn('id', dialect.autoIncrementType, (c) => {
      const pk = c.primaryKey();
      return dialect.needsAutoIncrementModifier ? pk.autoIncrement() : pk;
    })
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('attempted_at', big, (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('delivery_attempts_delivery').on('delivery_attempts').columns(['delivery_id', 'id']).execute();
}
