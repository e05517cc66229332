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
  let result = await migrator.migrateToLatest();
  // Kysely's introspection reads every schema of the database and asks `has_schema_privilege` of
  // each by name, so a schema another client drops meanwhile fails it with 3F000 ("schema … does
  // not exist") before any migration ran. Nothing was done: look again.
  for (let attempt = 1; attempt < 5 && result.error && (result.results ?? []).length === 0 && (result.error as { code?: unknown }).code === '3F000'; attempt += 1) {
    result = await migrator.migrateToLatest();
  }
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed`, { cause: result.error });
  }
  return result;
}
