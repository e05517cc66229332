import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, sql, SqliteDialect, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { POSTGRES_CAPABILITIES, SQLITE_CAPABILITIES, type DialectCapabilities } from './dialect-capabilities.ts';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';

/** An open database: the query builder plus what the dialect can do. */
export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectCapabilities;
  /** Where the data lives, for the start-up banner (no credentials). */
  readonly location: string;
  /** The PostgreSQL schema the tables live in, when `DATABASE_SCHEMA` names one. */
  readonly schema?: string | undefined;
  /**
   * A transaction with asynchronous commit: it survives a crash of the process (kill -9) like any
   * other, but a power loss or an OS crash may undo it, and with it nothing else (the database
   * stays consistent). For writes whose loss is harmless because they are redone, such as the
   * delivery worker's leases and outcomes (a lost one means the webhook is sent again, which
   * at-least-once allows); never for anything acknowledged to a client. On SQLite (WAL) the commit
   * skips the fsync that `synchronous=FULL` does on the event loop (a few ms under load); the next
   * full commit syncs it too. On PostgreSQL it is `synchronous_commit = off` for this transaction.
   */
  relaxedTransaction<T>(write: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * Listens on `channel` (an identifier: letters, digits, `_`) on a connection of its own until the
   * returned function is called; resolves once the database listens. `onLost` hears of a lost
   * connection, after which nothing is heard until the caller listens again. Only where the
   * dialect `supportsListenNotify`; elsewhere it rejects.
   */
  listen(channel: string, onMessage: (payload: string) => void, onLost?: (error: unknown) => void): Promise<() => Promise<void>>;
  /** Sends `payload` to the listeners of `channel`, in every process (see `listen`). */
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Runs `work` while holding a lock named `key` that other processes opening this database wait
   * for (a session advisory lock on PostgreSQL). A single-writer database runs `work` as it is:
   * its write lock already serialises what `work` writes.
   */
  withAdvisoryLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** The connection pool's state, for metrics; undefined where there is no pool (SQLite's one connection). */
  poolStats(): { total: number; idle: number; waiting: number } | undefined;
  close(): Promise<void>;
}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

// Times and counters are bigint columns; their values stay far below 2^53, so read them as numbers.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const noListenNotify = () => Promise.reject(new Error('LISTEN/NOTIFY needs PostgreSQL (the dialect does not support it)'));

function quoteIdent(name: string, what = 'schema name'): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/i.test(name)) throw new Error(`invalid ${what}: ${name}`);
  return `"${name}"`;
}

/**
 * SQLite's default `BEGIN` is deferred: a transaction that reads first and writes later must
 * upgrade its lock, and when another process (a second `serve`, the CLI) holds the write lock the
 * upgrade fails at once with SQLITE_BUSY instead of waiting out `busy_timeout` (waiting could
 * deadlock). Our transactions write, so they take the write lock up front with `BEGIN IMMEDIATE`,
 * which does wait.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"), so a NUL
 * typed into any name, id or search made the statement fail and the request answer 500. Every
 * string parameter has its NULs replaced by U+FFFD, as event columns already are (normalize's
 * `storable`): a write keeps the rest of the text, a lookup by such an id finds nothing (404) and a
 * search for it matches nothing, as on SQLite. Strings without a NUL pass unchanged and uncopied.
 */
function storableParameters(query: CompiledQuery): CompiledQuery {
  const { parameters } = query;
  let replaced: unknown[] | undefined;
  for (let i = 0; i < parameters.length; i += 1) {
    const value = parameters[i];
    if (typeof value === 'string' && value.includes('\u0000')) {
      replaced ??= [...parameters];
      replaced[i] = value.replaceAll('\u0000', '\uFFFD');
    }
  }
  return replaced === undefined ? query : { ...query, parameters: replaced };
}

class NulSafePostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    // The driver keeps one connection object per pooled client: wrap each once.
    const wrapped = new WeakSet<DatabaseConnection>();
    driver.acquireConnection = async () => {
      const connection = await acquire();
      if (!wrapped.has(connection)) {
        const execute = connection.executeQuery.bind(connection);
        connection.executeQuery = (query) => execute(storableParameters(query));
        wrapped.add(connection);
      }
      return connection;
    };
    return driver;
  }
}

export async function openDatabase(config: Config): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.databaseSchema) : openSqlite(config);
}

function openSqlite(config: Config): Db {
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'tributary.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${config.sqliteSynchronous}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Checkpoints run in the writer; a larger threshold keeps them off the hot path more often.
  sqlite.pragma('wal_autocheckpoint = 4000');
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  const relaxedTransaction = <T>(write: (trx: Transaction<Database>) => Promise<T>): Promise<T> => {
    if (config.sqliteSynchronous !== 'FULL') return kysely.transaction().execute(write);
    // One connection for pragma, transaction and pragma: no other statement runs in between.
    return kysely.connection().execute(async (connection) => {
      await sql`pragma synchronous = NORMAL`.execute(connection);
      try {
        return await connection.transaction().execute(write);
      } finally {
        await sql`pragma synchronous = FULL`.execute(connection);
      }
    });
  };
  return {
    kysely,
    dialect: SQLITE_CAPABILITIES,
    location: file,
    relaxedTransaction,
    listen: noListenNotify,
    notify: noListenNotify,
    withAdvisoryLock: (_key, work) => work(),
    poolStats: () => undefined,
    close: () => kysely.destroy(),
  };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Db> {
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // `create schema if not exists` is not safe against itself: two processes starting at once
      // both pass the check and one fails on the catalogue's unique index. Serialise them.
      await admin.query('begin');
      await admin.query('select pg_advisory_xact_lock(hashtext($1))', [`tributary_schema:${schema}`]);
      await admin.query(`create schema if not exists ${quoteIdent(schema)}`);
      await admin.query('commit');
    } finally {
      await admin.end();
    }
  }
  // Workers hold their batch's row locks for one transaction (inbox/in-transaction-claim.ts). A
  // process that dies has them rolled back at once; one that hangs mid-transaction must not hold
  // them for ever, so the server ends a transaction left idle for five minutes.
  const sessionOptions = [`-c idle_in_transaction_session_timeout=${5 * 60_000}`, ...(schema ? [`-c search_path=${quoteIdent(schema)}`] : [])];
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: pgTypes,
    options: sessionOptions.join(' '),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new NulSafePostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    kysely,
    dialect: POSTGRES_CAPABILITIES,
    location: `postgres://${parsed.host}${parsed.pathname}${schema ? ` (schema ${schema})` : ''}`,
    schema,
    relaxedTransaction: (write) =>
      kysely.transaction().execute(async (trx) => {
        await sql`set local synchronous_commit = off`.execute(trx);
        return write(trx);
      }),
    listen: (channel, onMessage, onLost) => listenOn(pool, channel, onMessage, onLost),
    notify: async (channel, payload) => {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    withAdvisoryLock: async (key, work) => {
      // A session lock on a client of its own, held across `work`'s own connections.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(hashtext($1))', [key]);
        try {
          return await work();
        } finally {
          await client.query('select pg_advisory_unlock(hashtext($1))', [key]);
        }
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      await kysely.destroy();
      // Kysely ends the pool only if it ran a query itself; LISTEN/NOTIFY and the advisory lock
      // use the pool directly, and a Db used only for those left its connections open.
      if (!pool.ended) await pool.end();
    },
  };
}

/**
 * LISTEN on a client taken from the pool for as long as the caller listens. The client is given
 * back broken (`release(true)`) when its connection fails, so the pool replaces it.
 */
async function listenOn(pool: pg.Pool, channel: string, onMessage: (payload: string) => void, onLost?: (error: unknown) => void): Promise<() => Promise<void>> {
  const quoted = quoteIdent(channel, 'channel name');
  const client = await pool.connect();
  let listening = true;
  client.on('notification', (message) => {
    if (listening && message.channel === channel && message.payload) onMessage(message.payload);
  });
  client.on('error', (error) => {
    if (!listening) return;
    listening = false;
    client.release(true);
    onLost?.(error);
  });
  try {
    await client.query(`listen ${quoted}`);
  } catch (error) {
    if (listening) {
      listening = false;
      client.release(true);
    }
    throw error;
  }
  return async () => {
    if (!listening) return;
    listening = false;
    await client.query(`unlisten ${quoted}`).catch(() => {});
    client.release();
  };
}
