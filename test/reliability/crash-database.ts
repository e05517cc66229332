import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/index.ts';
import { dropSchema, TEST_ADMIN_TOKEN, TEST_DATABASE_URL, uniqueSchema, type TestDialect } from '../support/databases.ts';
import type { ProcessServer } from '../support/process-server.ts';

/** A database that outlives the server processes run on it, and a way to look inside it. */
export interface SharedDatabase {
  /** Environment for `tributary serve` children: every process started with it shares the data. */
  readonly env: Record<string, string>;
  /** Opens the same database in the test process, to check what the servers left there. */
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

/**
 * A fresh database for server processes: a temp SQLite directory with the default
 * `synchronous=FULL` (the test harness's NORMAL is exactly what must not be assumed here), or a
 * fresh PostgreSQL schema.
 */
export function sharedDatabase(dialect: TestDialect, extraEnv: Record<string, string> = {}): SharedDatabase {
  const base = { TRIBUTARY_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...extraEnv };
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-crash-'));
    const env = { ...base, DATA_DIR: dir, SQLITE_SYNCHRONOUS: 'FULL' };
    return { env, open: () => openDatabase(loadConfig(env)), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = uniqueSchema();
  const env = { ...base, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema };
  return { env, open: () => openDatabase(loadConfig(env)), cleanup: () => dropSchema(schema) };
}

export interface CrashScene {
  /** Server processes of the test: push each one spawned, take out each one the test stopped itself. */
  readonly servers: ProcessServer[];
  /** The test's shared database (see `sharedDatabase`). */
  database(extraEnv?: Record<string, string>): SharedDatabase;
  /** The shared database opened in the test process, to check what the servers left there. */
  open(): Promise<Db>;
}

/**
 * What a crash test runs and opens, stopped after each test whatever its outcome: the servers
 * still in `servers` first (with `stopSignal`, so none writes on), then the test's connection,
 * then the database itself.
 */
export function useCrashScene(dialect: TestDialect, stopSignal: NodeJS.Signals): CrashScene {
  const servers: ProcessServer[] = [];
  let database: SharedDatabase | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill(stopSignal);
    await db?.close();
    db = undefined;
    await database?.cleanup();
    database = undefined;
  });
  return {
    servers,
    database(extraEnv = {}) {
      database = sharedDatabase(dialect, extraEnv);
      return database;
    },
    async open() {
      if (!database) throw new Error('create the shared database before opening it');
      db = await database.open();
      return db;
    },
  };
}

/**
 * Events not yet in a final state (requests still in the journal count with their events, inbox
 * rows not yet processed), and inbox rows that ended anything but `processed`.
 */
export async function inboxBacklog(db: Db): Promise<{ pending: number; notProcessed: number }> {
  const journal = await db.kysely
    .selectFrom('inbox_journal')
    .select(sql<number>`coalesce(sum(event_count), 0)`.as('events'))
    .executeTakeFirstOrThrow();
  const row = await db.kysely
    .selectFrom('inbox')
    .select([
      sql<number>`sum(case when status in ('received', 'processing') then 1 else 0 end)`.as('pending'),
      sql<number>`sum(case when status <> 'processed' then 1 else 0 end)`.as('not_processed'),
    ])
    .executeTakeFirstOrThrow();
  return { pending: Number(journal.events) + Number(row.pending ?? 0), notProcessed: Number(row.not_processed ?? 0) };
}

/** How many canonical events each message id of the workspace has. */
export async function eventCountsByMessageId(db: Db, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom('events')
    .select(['message_id', sql<number>`count(*)`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('message_id')
    .execute();
  return new Map(rows.map((row) => [row.message_id ?? '', Number(row.n)]));
}
