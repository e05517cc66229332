import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Keys ready for Citus, distributed by `workspace_id` (issue 20, docs/scaling.md). Citus enforces a
 * primary key, unique constraint or foreign key of a distributed table only when it includes the
 * distribution column, because each is then checked inside one shard. So:
 *
 * - `delivery_attempts`, the one tenant table without `workspace_id`, gains it (from its delivery).
 * - On PostgreSQL, every primary key and unique constraint of a distributed table that lacks
 *   `workspace_id` gets it appended, and every foreign key between distributed tables becomes
 *   `(x_id, workspace_id) → (id, workspace_id)`. `workspace_id` goes last, not first: every
 *   existing lookup by `id` alone stays an index lookup on one PostgreSQL (Citus only asks that the
 *   column be included). Every id is already unique across its table (UUIDv7, random, or the
 *   table's one identity sequence), so no key becomes looser.
 * - Unique indexes that ON CONFLICT targets name (`distribution_runs_period`,
 *   `payout_items_payout`) gain `workspace_id` on both dialects, so one query text serves both.
 * - `domain_outcomes`, whose ON CONFLICT DO UPDATE names its primary key, gets
 *   `(inbox_id, workspace_id)` on both dialects; SQLite rebuilds that one table for it.
 *
 * The other SQLite primary keys and foreign keys stay as they are: SQLite is one file on one host,
 * never distributed, and changing a primary key there means rebuilding the table (events and inbox
 * are the largest tables there are). Queries that depend on the keys (ON CONFLICT targets) name
 * columns both dialects have a unique index on.
 *
 * The PostgreSQL part reads the catalog for the keys to change rather than listing them, so tables
 * added by migrations numbered before this one are covered too. Reference tables (replicated to
 * every node, see REFERENCE_TABLES) keep their keys: they are looked up by a value that comes
 * before the workspace (a key hash, a slug, a day) and are small.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  if (dialect.supportsAlterConstraint) {
    await widenKeys(db, dialect);
    await widenPostgresKeys(db);
    return;
  }
  // One immediate transaction, as 0012 does: a crash leaves the old schema, and a rerun starts afresh.
  await sql`begin immediate`.execute(db);
  try {
    await widenKeys(db, dialect);
    await rebuildSqliteDomainOutcomes(db, dialect);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

/**
 * Tables replicated whole to every Citus node, as this migration knew them (the live list, with
 * reasons, is src/db/distribution.ts; a migration keeps its own copy so that it never changes).
 */
const REFERENCE_TABLES = ['workspaces', 'meta', 'operator_tokens', 'link_salts', 'api_keys', 'write_keys', 'partner_sessions', 'partner_login_links'];
/** Kysely's own bookkeeping: local tables on the coordinator. */
const LOCAL_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** What both dialects change. */
async function widenKeys(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  await addDeliveryAttemptsWorkspace(db, dialect);
  await widenUniqueIndex(db, 'distribution_runs', 'distribution_runs_period', ['distribution_id', 'period_start']);
  await widenUniqueIndex(db, 'payout_items', 'payout_items_payout', ['payout_id', 'obligation_id']);
}

async function addDeliveryAttemptsWorkspace(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  // SQLite adds a NOT NULL column only with a default; the backfill replaces it on every row.
  const fill = dialect.supportsAlterConstraint ? undefined : '';
  await db.schema
    .alterTable('delivery_attempts')
    .addColumn('workspace_id', 'text', (c) => (fill === undefined ? c : c.notNull().defaultTo(fill)))
    .execute();
  // An attempt whose delivery is gone (deleting a delivery deletes its attempts, so none should be) has no workspace to take.
  await sql`delete from delivery_attempts where not exists (select 1 from deliveries d where d.id = delivery_attempts.delivery_id)`.execute(db);
  await sql`update delivery_attempts set workspace_id = (select d.workspace_id from deliveries d where d.id = delivery_attempts.delivery_id)`.execute(db);
  if (dialect.supportsAlterConstraint) await sql`alter table delivery_attempts alter column workspace_id set not null`.execute(db);
}

async function widenUniqueIndex(db: Kysely<any>, table: string, index: string, columns: string[]): Promise<void> {
  await db.schema.dropIndex(index).execute();
  await db.schema.createIndex(index).on(table).columns([...columns, 'workspace_id']).unique().execute();
}

interface ConstraintRow {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f';
  columns: string[];
  referenced: string | null;
  referencedColumns: string[] | null;
}

async function widenPostgresKeys(db: Kysely<any>): Promise<void> {
  const skip = [...REFERENCE_TABLES, ...LOCAL_TABLES];
  const { rows } = await sql<ConstraintRow>`
    select c.conrelid::regclass::text as "table", c.conname as name, c.contype as kind,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
      case when c.contype = 'f' then c.confrelid::regclass::text end as referenced,
      case when c.contype = 'f' then array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) end as "referencedColumns"
    from pg_constraint c
    where c.connamespace = current_schema()::regnamespace and c.contype in ('p', 'u', 'f')`.execute(db);
  const distributed = (table: string) => !skip.includes(table);
  const lacksWorkspace = (row: ConstraintRow) => !row.columns.includes('workspace_id');
  const list = (columns: readonly string[]) => [...columns, 'workspace_id'].map(quoted).join(', ');
  // Foreign keys between distributed tables go first (they hang on the keys about to change) and come back widened.
  const foreignKeys = rows.filter((row) => row.kind === 'f' && distributed(row.table) && distributed(row.referenced!) && lacksWorkspace(row));
  const keys = rows.filter((row) => row.kind !== 'f' && distributed(row.table) && lacksWorkspace(row));
  // One ALTER TABLE per table and phase, all sent in one round trip: statement by statement, this
  // migration took as long as the 23 before it, and every PostgreSQL test schema runs it.
  const drops = byTable(foreignKeys, (fk) => `drop constraint ${quoted(fk.name)}`);
  const rekeys = byTable(keys, (key) => `drop constraint ${quoted(key.name)}, add constraint ${quoted(key.name)} ${key.kind === 'p' ? 'primary key' : 'unique'} (${list(key.columns)})`);
  const adds = byTable(foreignKeys, (fk) => `add constraint ${quoted(fk.name)} foreign key (${list(fk.columns)}) references ${quoted(fk.referenced!)} (${list(fk.referencedColumns!)})`);
  const statements = [...drops, ...rekeys, ...adds];
  if (statements.length > 0) await sql.raw(statements.join(';\n')).execute(db);
}

/** `alter table t <action>, <action>, …` for each table that has rows. */
function byTable(rows: readonly ConstraintRow[], action: (row: ConstraintRow) => string): string[] {
  const actions = new Map<string, string[]>();
  for (const row of rows) actions.set(row.table, [...(actions.get(row.table) ?? []), action(row)]);
  return [...actions].map(([table, list]) => `alter table ${quoted(table)} ${list.join(', ')}`);
}

/** A PostgreSQL identifier, quoted. Names come from the catalog, so they need only the quotes doubled. */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const OUTCOME_COLUMNS = ['inbox_id', 'workspace_id', 'http_status', 'opportunity_id', 'error_code', 'error_message', 'error_fields', 'created_at'];

/** SQLite's documented 12-step rebuild, as 0012 does for events: no foreign keys or views point at this table. */
async function rebuildSqliteDomainOutcomes(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  await db.schema.dropTable('domain_outcomes_rebuilt').ifExists().execute();
  await db.schema
    .createTable('domain_outcomes_rebuilt')
    .addColumn('inbox_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer', (c) => c.notNull())
    .addColumn('opportunity_id', 'integer')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('error_fields', 'text')
    .addColumn('created_at', dialect.bigintType, (c) => c.notNull())
    .addPrimaryKeyConstraint('domain_outcomes_pkey', ['inbox_id', 'workspace_id'])
    .execute();
  const columns = sql.join(OUTCOME_COLUMNS.map((column) => sql.ref(column)));
  await sql`insert into domain_outcomes_rebuilt (${columns}) select ${columns} from domain_outcomes order by rowid`.execute(db);
  await db.schema.dropTable('domain_outcomes').execute();
  await db.schema.alterTable('domain_outcomes_rebuilt').renameTo('domain_outcomes').execute();
}
