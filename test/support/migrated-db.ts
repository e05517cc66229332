import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Config } from '../../src/config.ts';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/index.ts';
import { testDatabase, type TestDialect } from './databases.ts';

// Not in databases.ts: the global setup imports that one in vitest's main process, and this
// one loads the database drivers and registers hooks.

export interface MigratedDb {
  readonly db: Db;
  readonly config: Config;
  /** Closes the database, then removes it (the SQLite directory or the PostgreSQL schema). */
  cleanup(): Promise<void>;
}

/** A brand-new database migrated to the latest schema, opened without a runtime around it. */
export async function openMigratedDb(dialect: TestDialect, overrides: Partial<Config> = {}): Promise<MigratedDb> {
  const database = testDatabase(dialect, overrides);
  let db: Db;
  try {
    db = await openDatabase(database.config);
  } catch (error) {
    await database.cleanup();
    throw error;
  }
  const cleanup = async () => {
    try {
      await db.close();
    } finally {
      await database.cleanup();
    }
  };
  try {
    await migrateToLatest(db);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { db, config: database.config, cleanup };
}

/**
 * A migrated database for the enclosing `describe`: opened in `beforeAll` and removed in
 * `afterAll`, or with `each: true` a fresh one per test (`beforeEach`/`afterEach`). The answer
 * forwards to the current database; touching it outside a test or hook throws. Hooks the file
 * registers after this call run after the open and, in vitest's default stack order, before
 * the close, so a writer made in them can be closed while its database is still open.
 */
export function useMigratedDb(dialect: TestDialect, options: { overrides?: Partial<Config>; each?: boolean } = {}): MigratedDb {
  let current: MigratedDb | undefined;
  const [before, after] = options.each ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    current = await openMigratedDb(dialect, options.overrides);
  });
  after(async () => {
    const closing = current;
    current = undefined;
    await closing?.cleanup();
  });
  const opened = (): MigratedDb => {
    if (!current) throw new Error('the test database opens in a before hook: use it inside a test or a hook');
    return current;
  };
  return {
    get db() { return opened().db; },
    get config() { return opened().config; },
    cleanup: () => opened().cleanup(),
  };
}
