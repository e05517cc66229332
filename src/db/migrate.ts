import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './connect.ts';
import { migrationsFor } from './migrations/index.ts';

/**
 * Brings the schema to the latest version. Kysely's migrateToLatest never throws, it returns
 * the error; we throw it so a failed migration stops the boot loudly.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // Kysely's own lock lives in a table that the first migrator creates; two processes starting
  // on a fresh database at once race on creating it. An advisory lock, keyed by schema,
  // serialises them before Kysely looks at anything.
  return db.withAdvisoryLock(`tributary_migrate:${db.schema ?? 'public'}`, () => migrate(db));
}

async function migrate(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrationsFor(db.dialect) },
    // Kysely looks for its own tables in every schema it can see; without naming ours, another
    // database user's (or another test's) schema holding them makes it skip creating them here.
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed`, { cause: result.error });
  }
  return result;
}
