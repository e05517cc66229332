import pg from 'pg';
import { coerceError } from '../../errors/index.ts';
import { peerRefusal } from '../bus/peer-address.ts';
import type { SendOutcome } from '../destination-types/destination-type.ts';
import { delivered, final, retry, withoutCredentials } from '../bus/outcomes.ts';
import { resolveRows, type TableSchema } from './column-types.ts';
import { canUnnest, insertArrays, insertValues, upsertRounds } from './warehouse-inserts.ts';
import { quoteIdent } from './warehouse-names.ts';
import { warehouseRows, type WarehouseRow } from './warehouse-rows.ts';

export interface WarehouseLoaderOptions {
  /** `postgres://user:password@host:port/database`; a secret (it carries the password). */
  readonly connectionString: string;
  /** The target schema; created when missing. */
  readonly schema: string;
  readonly allowPrivate: boolean;
  /** Connect and statement timeout. */
  readonly timeoutMs: number;
  /** Connections kept per destination (per process). */
  readonly maxConnections?: number;
  readonly now?: () => Date;
}

/** What one load wrote: rows new, rows already there (a replay), values kept in fallback columns. */
export interface LoadReport {
  readonly inserted: number;
  readonly duplicates: number;
  readonly typeConflicts: number;
  /** Events refused by the mapping (no id, unknown type), by index in the batch, with the reason. */
  readonly refused: ReadonlyMap<number, string>;
}

/** Where the warehouse counts values kept in fallback columns (see countConflicts). */
export const CONFLICTS_TABLE = 'tributary_type_conflicts';

/**
 * Loads batches of canonical events into a PostgreSQL schema in the warehouse layout
 * (warehouse-rows.ts), one transaction per batch:
 *
 *   1. shape the events into rows per table (pure);
 *   2. per table, in name order (so concurrent loaders take locks in one order): place the rows
 *      against the cached columns; when the table or a column is missing, take a transaction-level
 *      advisory lock on the table, read its columns again (another loader, in this process or
 *      another, may have added them meanwhile, maybe with another type), create what is still
 *      missing, and place the rows again against what is really there;
 *   3. insert, skipping ids already there (`INSERT … SELECT * FROM unnest(…) ON CONFLICT (id) DO
 *      NOTHING`; the users table: an upsert that keeps the newest value of each trait; see
 *      warehouse-inserts.ts), so a replayed or re-sent batch adds nothing;
 *   4. commit; only then does the cache learn the new columns (a rolled-back ALTER never happened).
 *
 * The cache is this loader's (one per destination), never module state. A statement that finds a
 * column or table gone (someone dropped it) empties the cache and is retried.
 */
export class WarehouseLoader {
  private readonly pool: pg.Pool;
  private readonly columns = new Map<string, TableSchema>();
  private schemaReady = false;
  private conflictsTableReady = false;
  private closed = false;
  private readonly host: string;

  constructor(private readonly options: WarehouseLoaderOptions) {
    const url = new URL(options.connectionString);
    this.host = url.searchParams.get('host') ?? url.hostname;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 2,
      connectionTimeoutMillis: options.timeoutMs,
      statement_timeout: options.timeoutMs * 4,
      idleTimeoutMillis: 30_000,
      application_name: 'tributary-warehouse',
    });
    // An idle connection the server drops must not crash the process: the next load reconnects.
    this.pool.on('error', () => {});
  }

  /** Loads one batch; resolves (never throws) with how it went and, when delivered, a report. */
  async load(events: readonly Record<string, unknown>[]): Promise<{ outcome: SendOutcome; report?: LoadReport }> {
    const started = performance.now();
    const refusal = await peerRefusal(this.host, this.options.allowPrivate);
    if (refusal) return { outcome: final(started, `address refused: ${refusal}`) };
    const loadedAt = (this.options.now ?? (() => new Date()))();
    const byTable = new Map<string, WarehouseRow[]>();
    const refused = new Map<number, string>();
    events.forEach((event, index) => {
      const rows = warehouseRows(event, loadedAt);
      if ('refused' in rows) return void refused.set(index, rows.refused);
      for (const row of rows) {
        const list = byTable.get(row.table) ?? [];
        list.push(row);
        byTable.set(row.table, list);
      }
    });
    try {
      const report = await this.write(byTable);
      return { outcome: delivered(started, describe(report, refused)), report: { ...report, refused } };
    } catch (error) {
      return { outcome: this.classify(started, error) };
    }
  }

  /** Connects and checks the schema can be used: what the destination test answers. */
  async test(): Promise<SendOutcome> {
    const started = performance.now();
    const refusal = await peerRefusal(this.host, this.options.allowPrivate);
    if (refusal) return final(started, `address refused: ${refusal}`);
    try {
      const client = await this.pool.connect();
      try {
        await this.ensureSchema(client);
        const { rows } = await client.query<{ version: string }>('SELECT current_setting($1) AS version', ['server_version']);
        return delivered(started, `connected to PostgreSQL ${rows[0]?.version ?? ''}; schema "${this.options.schema}" is ready`);
      } finally {
        client.release();
      }
    } catch (error) {
      return this.classify(started, error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end().catch(() => {});
  }

  private async write(byTable: Map<string, WarehouseRow[]>) {
    const client = await this.pool.connect();
    let inserted = 0;
    let written = 0;
    let typeConflicts = 0;
    const learned = new Map<string, TableSchema>();
    /** Values kept in fallback columns by rows this batch inserted, by [table, column, fallback]. */
    const kept = new Map<string, number>();
    try {
      if (!this.schemaReady) await this.ensureSchema(client);
      await client.query('BEGIN');
      for (const table of [...byTable.keys()].sort()) {
        const rows = byTable.get(table)!;
        let schema = this.columns.get(table) ?? (await this.readColumns(client, table));
        let placed = resolveRows(rows, schema);
        if (schema.size === 0 || placed.newColumns.size > 0) {
          schema = await this.evolve(client, table, placed.newColumns);
          placed = resolveRows(rows, schema);
          // A concurrent loader may have created a planned column with another type: the values
          // that no longer fit go to fallback columns, which this second round adds.
          if (placed.newColumns.size > 0) {
            schema = await this.evolve(client, table, placed.newColumns);
            placed = resolveRows(rows, schema);
          }
          learned.set(table, schema);
        }
        typeConflicts += placed.conflicts;
        written += placed.rows.length;
        // With conflicts, learn which rows were new: only theirs are counted (a replay adds none).
        const returning = placed.conflicts > 0;
        const fresh = new Set<string>();
        if (table === 'users') {
          for (const round of upsertRounds(rows, placed.rows)) inserted += await insertValues(client, this.qualified(table), round, true, returning ? fresh : undefined);
        } else if (canUnnest(placed.rows, schema)) {
          inserted += await insertArrays(client, this.qualified(table), placed.rows, schema, returning ? fresh : undefined);
        } else {
          inserted += await insertValues(client, this.qualified(table), placed.rows, false, returning ? fresh : undefined);
        }
        if (returning) {
          placed.rows.forEach((row, index) => {
            if (!fresh.has(String(row.get('id')))) return;
            for (const { column, fallback } of placed.rowConflicts[index]!) {
              const key = JSON.stringify([table, column, fallback]);
              kept.set(key, (kept.get(key) ?? 0) + 1);
            }
          });
        }
      }
      if (kept.size > 0) await this.countConflicts(client, kept);
      await client.query('COMMIT');
      for (const [table, schema] of learned) this.columns.set(table, schema);
      if (kept.size > 0) this.conflictsTableReady = true;
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      // A broken connection must not go back to the pool.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    return { inserted, duplicates: written - inserted, typeConflicts };
  }

  /** Creates the schema; two loaders doing so at once would race on the catalog, hence the lock. */
  private async ensureSchema(client: pg.PoolClient): Promise<void> {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tributary-warehouse:${this.options.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.options.schema)}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    this.schemaReady = true;
  }

  private async readColumns(client: pg.PoolClient, table: string): Promise<Map<string, string>> {
    const { rows } = await client.query<{ column_name: string; data_type: string }>(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
      [this.options.schema, table],
    );
    return new Map(rows.map((row) => [row.column_name, row.data_type]));
  }

  /**
   * Adds what `wanted` lacks, under the table's advisory lock (held to the end of the batch's
   * transaction, so two loaders never create the same table or column at once); returns the
   * table's columns as they now are.
   */
  private async evolve(client: pg.PoolClient, table: string, wanted: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    const qualified = `${quoteIdent(this.options.schema)}.${quoteIdent(table)}`;
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tributary-warehouse:${this.options.schema}.${table}`]);
    const present = await this.readColumns(client, table);
    if (present.size === 0) {
      await client.query(`CREATE TABLE IF NOT EXISTS ${qualified} (id text PRIMARY KEY)`);
      present.set('id', 'text');
    }
    const missing = [...wanted].filter(([column]) => !present.has(column));
    if (missing.length > 0) {
      await client.query(`ALTER TABLE ${qualified} ${missing.map(([column, type]) => `ADD COLUMN IF NOT EXISTS ${quoteIdent(column)} ${type}`).join(', ')}`);
      for (const [column, type] of missing) present.set(column, type);
    }
    return present;
  }

  /**
   * Counts values kept in fallback columns in `tributary_type_conflicts`, in the batch's
   * transaction: the warehouse itself says how many values of which column did not fit its type.
   */
  private async countConflicts(client: pg.PoolClient, kept: ReadonlyMap<string, number>): Promise<void> {
    const qualified = `${quoteIdent(this.options.schema)}.${quoteIdent(CONFLICTS_TABLE)}`;
    if (!this.conflictsTableReady) {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tributary-warehouse:${this.options.schema}.${CONFLICTS_TABLE}`]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${qualified} (table_name text NOT NULL, column_name text NOT NULL, fallback_column text NOT NULL, ` +
          'values_kept bigint NOT NULL, first_seen_at timestamptz NOT NULL, last_seen_at timestamptz NOT NULL, PRIMARY KEY (table_name, column_name, fallback_column))',
      );
    }
    const parameters: unknown[] = [];
    const tuples = [...kept].map(([key, count]) => {
      const [table, column, fallback] = JSON.parse(key) as [string, string, string];
      return `($${parameters.push(table)}, $${parameters.push(column)}, $${parameters.push(fallback)}, $${parameters.push(count)}, now(), now())`;
    });
    await client.query(
      `INSERT INTO ${qualified} AS t VALUES ${tuples.join(', ')} ON CONFLICT (table_name, column_name, fallback_column) DO UPDATE SET values_kept = t.values_kept + excluded.values_kept, last_seen_at = excluded.last_seen_at`,
      parameters,
    );
  }

  private qualified(table: string): string {
    return `${quoteIdent(this.options.schema)}.${quoteIdent(table)}`;
  }

  private classify(started: number, error: unknown): SendOutcome {
    const code = (error as { code?: unknown }).code;
    const message = withoutCredentials(coerceError(error).message, [new URL(this.options.connectionString).password]);
    if (typeof code === 'string') {
      if (code === '42703' || code === '42P01' || code === '3F000') {
        // Someone dropped a column, a table or the schema: learn them again on the next attempt.
        this.columns.clear();
        this.schemaReady = false;
        this.conflictsTableReady = false;
        return retry(started, message);
      }
      // Bad credentials, no such database, no privilege, an invalid name: no retry will help.
      if (code.startsWith('28') || code === '3D000' || code === '42501' || code === '42602') return final(started, message);
      // A value a hand-made column refuses (too long for its varchar(n), a NOT NULL or CHECK
      // constraint): the same batch would fail the same way until the table changes; replay then.
      if (code.startsWith('22') || code.startsWith('23')) return final(started, message);
    }
    // Connection refused or reset, timeouts, a server shutting down, deadlocks: try again later.
    return retry(started, message);
  }
}

function describe(report: { inserted: number; duplicates: number; typeConflicts: number }, refused: ReadonlyMap<number, string>): string {
  const parts = [`${report.inserted} rows loaded`];
  if (report.duplicates > 0) parts.push(`${report.duplicates} already there`);
  if (report.typeConflicts > 0) parts.push(`${report.typeConflicts} values kept in fallback text columns (type conflict)`);
  if (refused.size > 0) parts.push(`${refused.size} events not loadable (${[...new Set(refused.values())].join('; ')})`);
  return parts.join('; ');
}
