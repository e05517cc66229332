import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * `events.inbox_id` loses its unique index (issue 3, processing speed). An event's id is its inbox
 * row's id, so the primary key already makes `inbox_id` unique; the index only cost a b-tree
 * insert per event. A check constraint `inbox_id = id` now states that, so uniqueness still holds
 * in the schema, not only in the worker's code. Nothing looks events up by `inbox_id` (lookups go
 * by `id`).
 *
 * PostgreSQL drops the constraint in place. SQLite cannot drop a column's UNIQUE, so the table is
 * rebuilt (SQLite's documented 12-step way, with no foreign keys or views to care about) in one
 * immediate transaction: a crash leaves the old table, and a rerun starts the copy afresh.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  if (dialect.supportsAlterConstraint) {
    await sql`alter table events drop constraint if exists events_inbox_id_key`.execute(db);
    await sql`alter table events add constraint events_inbox_id_is_id check (inbox_id = id)`.execute(db);
    return;
  }
  await sql`begin immediate`.execute(db);
  try {
    await rebuildSqlite(db, dialect);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

const COLUMNS = [
  'id', 'workspace_id', 'inbox_id', 'api', 'type', 'name', 'user_id', 'anonymous_id', 'email', 'group_id', 'previous_id',
  'message_id', 'source', 'status', 'timestamp', 'original_timestamp', 'sent_at', 'received_at', 'body', 'created_at',
];

async function rebuildSqlite(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema.dropTable('events_rebuilt').ifExists().execute();
  await db.schema
    .createTable('events_rebuilt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('inbox_id', 'text', (c) => c.notNull())
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
    .addCheckConstraint('events_inbox_id_is_id', sql`inbox_id = id`)
    .execute();
  const columns = sql.join(COLUMNS.map((column) => sql.ref(column)));
  // In rowid order, so `max(rowid)` still counts events in the order they were made.
  await sql`insert into events_rebuilt (${columns}) select ${columns} from events order by rowid`.execute(db);
  await db.schema.dropTable('events').execute();
  await db.schema.alterTable('events_rebuilt').renameTo('events').execute();
  await db.schema.createIndex('events_list').on('events').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('events_time').on('events').columns(['workspace_id', 'timestamp']).execute();
  await db.schema.createIndex('events_name').on('events').columns(['workspace_id', 'name', 'id']).execute();
}
