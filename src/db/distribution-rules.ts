import { sql, type Kysely } from 'kysely';
import { DISTRIBUTION_COLUMN, placementOf, REFERENCE_TABLES } from './distribution.ts';

/**
 * The rules a schema keeps so that Citus can distribute it by workspace (docs/scaling.md), checked
 * against a snapshot of PostgreSQL's catalog. Citus enforces a primary key, unique index or foreign
 * key of a distributed table only inside one shard, so each must include the distribution column;
 * a foreign key between distributed tables must pair the two distribution columns (co-located
 * rows); a reference table, copied to every node, cannot point at a distributed one.
 */

/** One table of the catalog with its column names. */
export interface CatalogTable {
  readonly name: string;
  readonly columns: readonly string[];
}

/** A primary key or unique index (its key columns, an expression as its text), or a foreign key. */
export type CatalogKey =
  | { readonly kind: 'primary key' | 'unique index'; readonly table: string; readonly name: string; readonly columns: readonly string[] }
  | {
      readonly kind: 'foreign key';
      readonly table: string;
      readonly name: string;
      readonly columns: readonly string[];
      readonly referencedTable: string;
      readonly referencedColumns: readonly string[];
    };

export interface CatalogSnapshot {
  readonly tables: readonly CatalogTable[];
  readonly keys: readonly CatalogKey[];
}

/** Every broken rule, one sentence each naming the table and the key; empty when the schema is ready. */
export function distributionViolations(catalog: CatalogSnapshot): string[] {
  const violations: string[] = [];
  const names = new Set(catalog.tables.map((table) => table.name));
  const column = DISTRIBUTION_COLUMN;
  for (const table of catalog.tables) {
    if (placementOf(table.name) === 'distributed' && !table.columns.includes(column)) {
      violations.push(`${table.name}: no ${column} column (add it, or declare a reference table in src/db/distribution.ts with a reason)`);
    }
  }
  for (const name of Object.keys(REFERENCE_TABLES)) {
    if (!names.has(name)) violations.push(`${name}: declared a reference table but no such table exists`);
  }
  for (const key of catalog.keys) {
    const placement = placementOf(key.table);
    const shown = `${key.table}: ${key.kind} ${key.name} (${key.columns.join(', ')})`;
    if (key.kind !== 'foreign key') {
      if (placement === 'distributed' && !key.columns.includes(column)) violations.push(`${shown} omits ${column}`);
      continue;
    }
    const target = placementOf(key.referencedTable);
    const pointsAt = `${shown} → ${key.referencedTable} (${key.referencedColumns.join(', ')})`;
    if (placement === 'reference' && target === 'distributed') violations.push(`${pointsAt}: a reference table cannot reference a distributed table`);
    if (placement !== 'distributed' || target !== 'distributed') continue;
    const at = key.columns.indexOf(column);
    if (at < 0 || key.referencedColumns[at] !== column) violations.push(`${pointsAt} does not pair ${column} with ${column}`);
  }
  return violations;
}

/** The tables, primary keys, unique indexes and foreign keys of the current schema (PostgreSQL only). */
export async function readPostgresCatalog(db: Kysely<any>): Promise<CatalogSnapshot> {
  const tables = await sql<{ name: string; columns: string[] }>`
    select c.relname as name, array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns
    from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') order by c.relname`.execute(db);
  // indkey holds 0 for an expression; pg_get_indexdef(index, position) gives each key's text either way.
  const indexes = await sql<{ table: string; name: string; primary: boolean; columns: string[] }>`
    select t.relname as table, i.relname as name, x.indisprimary as primary,
      array(select pg_get_indexdef(x.indexrelid, k, true) from generate_series(1, x.indnkeyatts) k order by k) as columns
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relnamespace = current_schema()::regnamespace and x.indisunique order by t.relname, i.relname`.execute(db);
  const foreignKeys = await sql<{ table: string; name: string; columns: string[]; referencedTable: string; referencedColumns: string[] }>`
    select t.relname as table, c.conname as name, r.relname as "referencedTable",
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
      array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as "referencedColumns"
    from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
    where c.connamespace = current_schema()::regnamespace and c.contype = 'f' order by t.relname, c.conname`.execute(db);
  return {
    tables: tables.rows,
    keys: [
      ...indexes.rows.map((row) => ({ kind: row.primary ? ('primary key' as const) : ('unique index' as const), table: row.table, name: row.name, columns: row.columns })),
      ...foreignKeys.rows.map((row) => ({ kind: 'foreign key' as const, ...row })),
    ],
  };
}

/**
 * The statements that place this schema on a Citus cluster: reference tables first, then the
 * distributed tables, all co-located with the first; within each, every table comes after the
 * tables its foreign keys point at (by name otherwise). docs/scaling.md shows them; its test keeps
 * the two the same.
 */
export function citusPlacementStatements(catalog: CatalogSnapshot): string[] {
  const inOrder = (placement: string) =>
    referencedFirst(
      catalog.tables.map((table) => table.name).filter((name) => placementOf(name) === placement).sort(),
      catalog.keys,
    );
  const [first, ...rest] = inOrder('distributed');
  return [
    ...inOrder('reference').map((name) => `SELECT create_reference_table('${name}');`),
    ...(first === undefined ? [] : [`SELECT create_distributed_table('${first}', '${DISTRIBUTION_COLUMN}');`]),
    ...rest.map((name) => `SELECT create_distributed_table('${name}', '${DISTRIBUTION_COLUMN}', colocate_with => '${first}');`),
  ];
}

/** `names` ordered so that each comes after the names its foreign keys point at, ties kept in the given order. */
function referencedFirst(names: readonly string[], keys: readonly CatalogKey[]): string[] {
  const dependsOn = new Map(names.map((name) => [name, new Set<string>()]));
  for (const key of keys) {
    if (key.kind === 'foreign key' && key.referencedTable !== key.table && dependsOn.has(key.table) && dependsOn.has(key.referencedTable)) {
      dependsOn.get(key.table)!.add(key.referencedTable);
    }
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next = names.find((name) => !placed.has(name) && [...dependsOn.get(name)!].every((target) => placed.has(target)));
    if (next === undefined) throw new Error('the foreign keys between these tables form a cycle');
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}
