import { sql, type Kysely } from 'kysely';
import type { Database, Db } from '../db/index.ts';

/**
 * A transaction that will write. On SQLite it starts with `BEGIN IMMEDIATE`, taking the write lock
 * at once: a plain (deferred) transaction that reads first and writes later must upgrade its lock,
 * and when another process wrote in between SQLite fails that upgrade with "database is locked"
 * at once, without waiting (busy_timeout cannot help: waiting could not make the snapshot current).
 * Taken at the start, the lock is waited for like any other. PostgreSQL needs nothing of the kind.
 */
export async function writeTransaction<T>(db: Db, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.dialect.name !== 'sqlite') return db.kysely.transaction().execute(work);
  return db.kysely.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      // SQLite ends the transaction itself after some errors (a full disk, an I/O error), so the
      // rollback may find none; the error worth reporting is the first one either way.
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
