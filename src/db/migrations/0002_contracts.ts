import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/** Event contracts (seed 003), their violations, and the per-workspace version that invalidates caches. */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema
    .createTable('event_contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('schema_definition', 'text', (c) => c.notNull())
    .addColumn('enforcement_mode', 'text', (c) => c.notNull())
    .addColumn('undeclared_fields', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_contracts_ws').on('event_contracts').columns(['workspace_id', 'id']).execute();

  await db.schema
    .createTable('contract_violations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('value_type', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contract_violations_list')
    .on('contract_violations')
    .columns(['workspace_id', 'contract_id', 'id'])
    .execute();
  await db.schema.createIndex('contract_violations_event').on('contract_violations').columns(['workspace_id', 'event_id']).execute();

  await db.schema
    .createTable('contract_versions')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('version', big, (c) => c.notNull())
    .execute();
}
