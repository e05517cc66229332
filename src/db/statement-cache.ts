import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept prepared; multi-row inserts and `in (…)` lists make many, most rare. */
const DEFAULT_CAPACITY = 500;

/**
 * A better-sqlite3 database whose `prepare` reuses statements, for Kysely's SQLite driver.
 *
 * Kysely prepares every query again (`db.prepare(sql)` on each execution), and preparing is the
 * larger part of a small query's cost on SQLite: parsing and planning the SQL each time. The same
 * SQL text always yields an equivalent statement, so a statement is kept per text and reused;
 * SQLite re-prepares it by itself when the schema changes (sqlite3_prepare_v2).
 *
 * Reuse is safe because the connection is used by one query at a time (Kysely's connection mutex)
 * and every query runs to completion with `all` or `run` before the next starts. A statement still
 * being iterated (`streamQuery`) would be busy; none of our code streams from SQLite, and should
 * a stream hold one, a second use gets a fresh statement instead of failing (see `prepare`).
 *
 * Least recently used texts are dropped beyond `capacity`.
 */
export function withStatementCache(database: SQLite.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Re-insert to mark it most recently used (a Map iterates in insertion order).
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (cached) return statement;
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
