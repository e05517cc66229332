import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { citusPlacementStatements, distributionViolations, readPostgresCatalog, type CatalogSnapshot } from '../../src/db/distribution-rules.ts';
import { REFERENCE_TABLES } from '../../src/db/distribution.ts';
import { useMigratedDb } from '../support/migrated-db.ts';

// The schema ready for Citus, distributed by workspace_id (issue 20, docs/scaling.md). PostgreSQL
// only: Citus is a PostgreSQL extension, and SQLite keeps its old keys (migration 0026 says why).

describe('the migrated PostgreSQL schema', () => {
  const migrated = useMigratedDb('postgres');

  it('keeps every distribution rule: workspace_id in every tenant table, primary key, unique index and foreign key', async () => {
    const catalog = await readPostgresCatalog(migrated.db.kysely);
    expect(distributionViolations(catalog)).toEqual([]);
    // The check saw the schema, not an empty one.
    expect(catalog.tables.length).toBeGreaterThan(50);
    expect(catalog.keys.filter((key) => key.kind === 'foreign key').length).toBeGreaterThan(40);
  });

  it('shows in docs/scaling.md the statements that place this schema on Citus, reference tables first', async () => {
    const statements = citusPlacementStatements(await readPostgresCatalog(migrated.db.kysely));
    const docs = readFileSync(new URL('../../docs/scaling.md', import.meta.url), 'utf8');
    expect(docs).toContain(['```sql', ...statements, '```'].join('\n'));
    // The page's list of distributed tables is the schema's.
    const listed = docs.slice(docs.indexOf('Distributed by `workspace_id`, all in one co-location group'), docs.indexOf('Reference tables, copied to every node'));
    const distributedNames = statements.map((statement) => /create_distributed_table\('(\w+)'/.exec(statement)?.[1]).filter((name) => name !== undefined);
    expect([...listed.matchAll(/`(\w+)`/g)].map((match) => match[1]).filter((name) => name !== 'workspace_id')).toEqual([...distributedNames].sort());
    expect(statements.indexOf("SELECT create_reference_table('workspaces');")).toBeLessThan(statements.indexOf("SELECT create_reference_table('write_keys');"));
    expect(distributedNames.indexOf('distribution_runs')).toBeLessThan(distributedNames.indexOf('allocations'));
    expect(distributedNames.indexOf('payouts')).toBeLessThan(distributedNames.indexOf('payout_items'));
  });

  it('lets lookups by id alone use the primary key: workspace_id comes after the id', async () => {
    const catalog = await readPostgresCatalog(migrated.db.kysely);
    const primaryKey = (table: string) => catalog.keys.find((key) => key.table === table && key.kind === 'primary key')?.columns;
    expect(primaryKey('inbox')).toEqual(['id', 'workspace_id']);
    expect(primaryKey('events')).toEqual(['id', 'workspace_id']);
    expect(primaryKey('domain_outcomes')).toEqual(['inbox_id', 'workspace_id']);
    expect(primaryKey('delivery_attempts')).toEqual(['id', 'workspace_id']);
  });
});

describe('a migration that breaks the rules', () => {
  const migrated = useMigratedDb('postgres');

  it('fails the check, naming each table and key', async () => {
    const db = migrated.db.kysely;
    await sql`create table citus_bad (id text primary key, note text unique)`.execute(db);
    await sql`create table citus_bad_child (id text, workspace_id text, parent_id text references citus_bad (id), primary key (id, workspace_id))`.execute(db);
    await sql`alter table write_keys add column event_id text`.execute(db);
    await sql`alter table write_keys add constraint write_keys_event foreign key (event_id, workspace_id) references events (id, workspace_id)`.execute(db);
    await sql`create unique index coupons_code_only on coupons (code)`.execute(db);

    expect(distributionViolations(await readPostgresCatalog(db))).toEqual([
      'citus_bad: no workspace_id column (add it, or declare a reference table in src/db/distribution.ts with a reason)',
      'citus_bad: unique index citus_bad_note_key (note) omits workspace_id',
      'citus_bad: primary key citus_bad_pkey (id) omits workspace_id',
      'coupons: unique index coupons_code_only (code) omits workspace_id',
      'citus_bad_child: foreign key citus_bad_child_parent_id_fkey (parent_id) → citus_bad (id) does not pair workspace_id with workspace_id',
      'write_keys: foreign key write_keys_event (event_id, workspace_id) → events (id, workspace_id): a reference table cannot reference a distributed table',
    ]);
  });
});

describe('distributionViolations', () => {
  const tables = [
    ...Object.keys(REFERENCE_TABLES).map((name) => ({ name, columns: ['id'] })),
    { name: 'orders', columns: ['id', 'workspace_id', 'customer_id'] },
    { name: 'customers', columns: ['id', 'workspace_id'] },
  ];

  it('accepts keys that carry workspace_id anywhere and foreign keys that pair it', () => {
    const catalog: CatalogSnapshot = {
      tables,
      keys: [
        { kind: 'primary key', table: 'orders', name: 'orders_pkey', columns: ['id', 'workspace_id'] },
        { kind: 'unique index', table: 'customers', name: 'customers_pkey', columns: ['workspace_id', 'lower(id)'] },
        { kind: 'foreign key', table: 'orders', name: 'orders_customer', columns: ['customer_id', 'workspace_id'], referencedTable: 'customers', referencedColumns: ['id', 'workspace_id'] },
        { kind: 'foreign key', table: 'orders', name: 'orders_workspace', columns: ['workspace_id'], referencedTable: 'workspaces', referencedColumns: ['id'] },
      ],
    };
    expect(distributionViolations(catalog)).toEqual([]);
  });

  it('rejects a foreign key that pairs workspace_id with another column, and a declared reference table that is gone', () => {
    const catalog: CatalogSnapshot = {
      tables: tables.filter((table) => table.name !== 'meta'),
      keys: [
        { kind: 'foreign key', table: 'orders', name: 'orders_customer', columns: ['workspace_id', 'customer_id'], referencedTable: 'customers', referencedColumns: ['id', 'workspace_id'] },
      ],
    };
    expect(distributionViolations(catalog)).toEqual([
      'meta: declared a reference table but no such table exists',
      'orders: foreign key orders_customer (workspace_id, customer_id) → customers (id, workspace_id) does not pair workspace_id with workspace_id',
    ]);
  });
});
