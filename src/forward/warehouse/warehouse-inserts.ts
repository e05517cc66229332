import type pg from 'pg';
import type { TableSchema } from './column-types.ts';
import { quoteIdent } from './warehouse-names.ts';
import type { WarehouseRow } from './warehouse-rows.ts';

/*
 * How the loader writes a table's rows, inside its transaction: `unnest` of one array per column
 * for the event tables (the common case), multi-row VALUES for the users upsert and for columns
 * of types an array cast cannot name. Every insert skips ids already there (a replay adds nothing).
 */

/** PostgreSQL's limit is 65,535 bind parameters per statement; stay well inside it. */
const MAX_PARAMETERS = 30_000;

/**
 * The common insert: one array parameter per column, unnested into rows
 * (`INSERT … SELECT * FROM unnest($1::text[], $2::double precision[], …)`). PostgreSQL parses
 * and plans a statement of a dozen parameters instead of one of thousands: on a batch of 500 it
 * cost the server about half the time of the multi-row VALUES below (measured on this machine).
 */
export async function insertArrays(client: pg.PoolClient, qualified: string, rows: readonly ReadonlyMap<string, unknown>[], schema: TableSchema, fresh?: Set<string>): Promise<number> {
  const columns = [...new Set(rows.flatMap((row) => [...row.keys()]))];
  const arrays = columns.map((column) => rows.map((row) => row.get(column) ?? null));
  const casts = columns.map((column, index) => `$${index + 1}::${schema.get(column)}[]`);
  const returning = fresh ? ' RETURNING id' : '';
  const result = await client.query<{ id: string }>(
    `INSERT INTO ${qualified} (${columns.map(quoteIdent).join(', ')}) SELECT * FROM unnest(${casts.join(', ')}) ON CONFLICT (id) DO NOTHING${returning}`,
    arrays,
  );
  for (const row of fresh ? result.rows : []) fresh!.add(row.id);
  return result.rowCount ?? 0;
}

/** Multi-row inserts, chunked under the parameter limit; returns how many rows were new, and adds their ids to `fresh`. */
export async function insertValues(client: pg.PoolClient, qualified: string, rows: readonly ReadonlyMap<string, unknown>[], upsert: boolean, fresh?: Set<string>): Promise<number> {
  const columns = [...new Set(rows.flatMap((row) => [...row.keys()]))];
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  let inserted = 0;
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const parameters: unknown[] = [];
    const tuples = chunk.map((row) => `(${columns.map((column) => (row.has(column) ? `$${parameters.push(row.get(column))}` : 'DEFAULT')).join(', ')})`);
    const conflict = upsert ? upsertClause(columns) : 'ON CONFLICT (id) DO NOTHING';
    // xmax = 0 marks a row this statement inserted (not one the users upsert updated).
    const returning = fresh ? ' RETURNING id, (xmax = 0) AS inserted' : '';
    const result = await client.query<{ id: string; inserted: boolean }>(`INSERT INTO ${qualified} AS t (${columns.map(quoteIdent).join(', ')}) VALUES ${tuples.join(', ')} ${conflict}${returning}`, parameters);
    inserted += result.rowCount ?? 0;
    for (const row of fresh ? result.rows : []) if (row.inserted) fresh!.add(row.id);
  }
  return inserted;
}

/**
 * Column types whose arrays PostgreSQL takes as a cast by the name information_schema gives
 * (not `character`: `::character[]` would cut every value to one character).
 */
const ARRAY_CASTABLE = new Set([
  'text',
  'character varying',
  'double precision',
  'real',
  'numeric',
  'smallint',
  'integer',
  'bigint',
  'boolean',
  'timestamp with time zone',
  'timestamp without time zone',
  'date',
  'json',
  'jsonb',
]);

/** Whether every column of these rows has a type the unnest insert can cast to. */
export function canUnnest(rows: readonly ReadonlyMap<string, unknown>[], schema: TableSchema): boolean {
  const columns = new Set(rows.flatMap((row) => [...row.keys()]));
  for (const column of columns) if (!ARRAY_CASTABLE.has(schema.get(column) ?? '')) return false;
  return true;
}

/**
 * The users rows in rounds, oldest first by received_at, each round at most one row per user (one
 * statement may not touch a row twice): the upsert then judges each identify against what the
 * ones before it left.
 */
export function upsertRounds<T>(rows: readonly WarehouseRow[], placed: readonly T[]): T[][] {
  const at = (index: number) => String(rows[index]!.values.get('received_at')?.value ?? '');
  const order = rows.map((_, index) => index).sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a - b));
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  for (const index of order) {
    const round = seen.get(rows[index]!.id) ?? 0;
    seen.set(rows[index]!.id, round + 1);
    (rounds[round] ??= []).push(placed[index]!);
  }
  return rounds;
}

/**
 * The users upsert: a newer identify (by received_at) sets the traits it carries, an older one (a
 * late or replayed event) only fills traits the row lacks; received_at keeps the newest.
 */
function upsertClause(columns: readonly string[]): string {
  const newer = 'excluded.received_at IS NOT NULL AND (t.received_at IS NULL OR excluded.received_at >= t.received_at)';
  const sets = columns
    .filter((column) => column !== 'id')
    .map((column) => {
      const c = quoteIdent(column);
      if (column === 'received_at') return `${c} = GREATEST(t.${c}, excluded.${c})`;
      return `${c} = CASE WHEN ${newer} THEN COALESCE(excluded.${c}, t.${c}) ELSE COALESCE(t.${c}, excluded.${c}) END`;
    });
  return sets.length === 0 ? 'ON CONFLICT (id) DO NOTHING' : `ON CONFLICT (id) DO UPDATE SET ${sets.join(', ')}`;
}
