import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/** Workspaces, credentials, the inbox, canonical events and hourly volume. */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('operator_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', dialect.autoIncrementType, (c) => {
      const pk = c.primaryKey();
      return dialect.needsAutoIncrementModifier ? pk.autoIncrement() : pk;
    })
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sync_mode', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('expires_at', big)
    .addColumn('last_used_at', big)
    .addColumn('revoked_at', big)
    .execute();
  await db.schema.createIndex('api_keys_workspace').on('api_keys').columns(['workspace_id', 'id']).execute();

  await db.schema
    .createTable('write_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pubsub_topic', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('last_used_at', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('write_keys_workspace').on('write_keys').columns(['workspace_id', 'id']).execute();

  await db.schema
    .createTable('inbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('api', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('body_hash', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', big, (c) => c.notNull())
    .addColumn('available_at', big)
    .addColumn('locked_by', 'text')
    .addColumn('retry_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retryable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('process_error', 'text')
    .addColumn('event_id', 'text')
    .addColumn('processed_at', big)
    .addColumn('credential_id', 'text')
    .addColumn('client_ip', 'text')
    .execute();
  // NULLs never collide, so clearing dedupe_key ends a key's dedupe window.
  await db.schema.createIndex('inbox_dedupe').on('inbox').columns(['workspace_id', 'dedupe_key']).unique().execute();
  // Only rows still waiting for a worker are in this index, so claiming stays cheap as the inbox grows.
  await db.schema
    .createIndex('inbox_claim')
    .on('inbox')
    .column('available_at')
    .where('available_at', 'is not', null)
    .execute();
  await db.schema.createIndex('inbox_list').on('inbox').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('inbox_status').on('inbox').columns(['workspace_id', 'status', 'id']).execute();
  await db.schema
    .createIndex('inbox_dedupe_expiry')
    .on('inbox')
    .column('received_at')
    .where(sql.ref('dedupe_key'), 'is not', null)
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('inbox_id', 'text', (c) => c.notNull().unique())
    .addColumn('api', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('user_id', 'text')
    .addColumn('anonymous_id', 'text')
    .addColumn('email', 'text')
    .addColumn('group_id', 'text')
    .addColumn('previous_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('timestamp', big, (c) => c.notNull())
    .addColumn('original_timestamp', big)
    .addColumn('sent_at', big)
    .addColumn('received_at', big, (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_list').on('events').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('events_time').on('events').columns(['workspace_id', 'timestamp']).execute();
  await db.schema.createIndex('events_name').on('events').columns(['workspace_id', 'name', 'id']).execute();

  await db.schema
    .createTable('event_volume')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('hour_bucket', big, (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('event_count', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_volume_pk', ['workspace_id', 'hour_bucket', 'event_type', 'event_name'])
    .execute();
}
