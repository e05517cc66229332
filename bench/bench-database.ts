import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { cpuSeconds } from './process-cpu.ts';

export type BenchDialect = 'sqlite' | 'postgres';

/** Where PostgreSQL benchmarks create their scratch databases (one per row, dropped afterwards). */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A brand-new database for one benchmark row: a temporary SQLite directory, or a PostgreSQL
 * database of its own (not a schema: nothing another engineer's tests leave in `test` weighs on it).
 * `env` is what the server needs to use it; `probe()` reads it from this process.
 */
export interface BenchDatabase {
  readonly dialect: BenchDialect;
  readonly env: Record<string, string>;
  probe(): Promise<BacklogProbe>;
  drop(): Promise<void>;
}

/**
 * What a benchmark reads while a server works: how far processing is, cheaply enough to poll every
 * few milliseconds on a table of millions of rows.
 */
export interface BacklogProbe {
  /** Whether every accepted event is canonical: no journal row left, no inbox row still due. */
  drained(): Promise<boolean>;
  /** Events still to process (journal events + inbox rows still due). */
  backlog(): Promise<number>;
  /** Canonical events in the database (exact; a full count on PostgreSQL, so not for polling). */
  events(): Promise<number>;
  /**
   * CPU seconds so far of each database server process working for this database: PostgreSQL's
   * client backends connected to it (this probe's own left out); none for SQLite, which works inside
   * the processes that use it. Autovacuum workers come and go on their own schedule and are left out.
   */
  serverCpu(): Promise<Map<number, number>>;
  close(): Promise<void>;
}

let counter = 0;

export async function createBenchDatabase(dialect: BenchDialect): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-e2e-'));
    return {
      dialect,
      env: { DATA_DIR: dir },
      probe: async () => sqliteProbe(join(dir, 'tributary.sqlite')),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  counter += 1;
  const name = `tributary_bench_${process.pid}_${Date.now().toString(36)}_${counter}`;
  await admin(`create database "${name}"`);
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  // The server's data dir still holds nothing of the database; it must exist all the same.
  const dir = mkdtempSync(join(tmpdir(), 'tributary-e2e-pg-'));
  return {
    dialect,
    env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
    probe: async () => postgresProbe(url.toString()),
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// `inbox_claim` is a partial index of the rows whose `available_at` is set (still due), so both
// questions read an index of the backlog only, however many processed rows the inbox holds.
const DRAINED_SQL = 'select (exists (select 1 from inbox_journal) or exists (select 1 from inbox where available_at is not null)) as busy';
const BACKLOG_SQL =
  'select (select coalesce(sum(event_count), 0) from inbox_journal) + (select count(*) from inbox where available_at is not null) as n';

function sqliteProbe(file: string): BacklogProbe {
  const db = new SQLite(file, { readonly: true });
  const busy = db.prepare(DRAINED_SQL).pluck();
  const backlog = db.prepare(BACKLOG_SQL).pluck();
  // Rows are only appended, so max(rowid) counts them in O(1) (see bench/drain.ts).
  const events = db.prepare('select coalesce(max(rowid), 0) from events').pluck();
  return {
    drained: async () => !busy.get(),
    backlog: async () => Number(backlog.get()),
    events: async () => Number(events.get()),
    serverCpu: async () => new Map(),
    close: async () => {
      db.close();
    },
  };
}

async function postgresProbe(url: string): Promise<BacklogProbe> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const one = async (text: string) => Object.values((await client.query(text)).rows[0] as Record<string, unknown>)[0];
  return {
    drained: async () => !(await one(DRAINED_SQL)),
    backlog: async () => Number(await one(BACKLOG_SQL)),
    events: async () => Number(await one('select count(*) from events')),
    serverCpu: async () => {
      const backends = await client.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()",
      );
      const cpu = new Map<number, number>();
      for (const { pid } of backends.rows) {
        try {
          cpu.set(pid, cpuSeconds(pid));
        } catch {
          // A backend that ended meanwhile.
        }
      }
      return cpu;
    },
    close: () => client.end(),
  };
}
