import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { PreparedQuery } from '../../src/attribution/model/prepared-query.ts';
import type { Database } from '../../src/db/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { useMigratedDb } from '../support/migrated-db.ts';

describe.each(DIALECTS)('prepared queries on %s', (dialect) => {
  const database = useMigratedDb(dialect);

  beforeAll(async () => {
    const now = Date.now();
    await database.db.kysely.insertInto('workspaces').values({ id: 'ws_a', name: 'A', slug: 'a', created_at: now, updated_at: now }).execute();
  });

  it('compiles once and binds each run its own values, nulls included', async () => {
    let builds = 0;
    const insert = new PreparedQuery((k, p: { name: string; email: string | null; now: number }) => {
      builds += 1;
      return k.insertInto('collaborators').values({ workspace_id: 'ws_a', name: p.name, email: p.email, status: 'active', created_at: p.now, updated_at: p.now }).returning(['id', 'name', 'email']);
    });
    const ada = await insert.first(database.db.kysely, { name: 'Ada', email: 'ada@example.com', now: 1 });
    const bob = await database.db.kysely.transaction().execute((trx) => insert.first(trx, { name: 'Bob', email: null, now: 2 }));
    expect(ada).toMatchObject({ name: 'Ada', email: 'ada@example.com' });
    expect(bob).toMatchObject({ name: 'Bob', email: null });
    expect(bob!.id).toBeGreaterThan(ada!.id);
    expect(builds).toBe(1);

    const byName = new PreparedQuery((k, p: { name: string }) => k.selectFrom('collaborators').select('email').where('workspace_id', '=', 'ws_a').where('name', '=', p.name));
    expect(await byName.execute(database.db.kysely, { name: 'Ada' })).toEqual([{ email: 'ada@example.com' }]);
    expect(await byName.first(database.db.kysely, { name: 'Nobody' })).toBeUndefined();
  });

  it('builds the query on every run on a database with plugins, so they see each one', async () => {
    const seen: string[] = [];
    const plugin: KyselyPlugin = {
      transformQuery: ({ node }) => (seen.push(node.kind), node),
      transformResult: async ({ result }) => result,
    };
    const byName = new PreparedQuery((k, p: { name: string }) => k.selectFrom('collaborators').select('email').where('name', '=', p.name));
    expect(await byName.first(database.db.kysely.withPlugin(plugin), { name: 'Ada' })).toEqual({ email: 'ada@example.com' });
    expect(await byName.first(database.db.kysely.withPlugin(plugin), { name: 'Bob' })).toEqual({ email: null });
    expect(seen).toEqual(['SelectQueryNode', 'SelectQueryNode']);
  });

  it('refuses a value the query does not bind as a parameter instead of running it with the wrong one', async () => {
    const inlined = new PreparedQuery((k, p: { name: string }) => k.selectFrom('collaborators').select('id').where('name', '=', sql.lit(p.name)));
    await expect(inlined.execute(database.db.kysely, { name: 'Ada' })).rejects.toThrow(/does not bind name/);
  });

  /*
   * PreparedQuery reads two things Kysely marks internal (see prepared-query.ts): these tests pin
   * exactly them, so an upgrade that changes either fails here instead of slowing every flow down
   * (templates no longer shared) or running one dialect's SQL on another.
   */
  it('pins the Kysely internals it relies on: getExecutor() gives adapter and plugins', async () => {
    const executor = database.db.kysely.getExecutor();
    expect(typeof executor.adapter).toBe('object');
    expect(executor.adapter).not.toBeNull();
    expect(executor.plugins).toEqual([]);
    const plugin: KyselyPlugin = { transformQuery: ({ node }) => node, transformResult: async ({ result }) => result };
    expect(database.db.kysely.withPlugin(plugin).getExecutor().plugins).toEqual([plugin]);
    expect(database.db.kysely.withPlugin(plugin).withoutPlugins().getExecutor().plugins).toEqual([]);
  });

  it('pins that a database, its transactions and its connections share one adapter, and plugin copies too', async () => {
    const adapter = database.db.kysely.getExecutor().adapter;
    const inTransaction = await database.db.kysely.transaction().execute(async (trx) => trx.getExecutor().adapter);
    const onConnection = await database.db.kysely.connection().execute(async (connection) => connection.getExecutor().adapter);
    const plugin: KyselyPlugin = { transformQuery: ({ node }) => node, transformResult: async ({ result }) => result };
    expect(inTransaction).toBe(adapter);
    expect(onConnection).toBe(adapter);
    expect(database.db.kysely.withPlugin(plugin).getExecutor().adapter).toBe(adapter);
  });
});

describe('the Kysely internals PreparedQuery keys its templates by', () => {
  it('gives Kysely instances of different dialects different adapters, so no SQL crosses dialects', async () => {
    const sqlite = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    // Never connects: the pool opens connections on first use.
    const postgres = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://127.0.0.1:1/none' }) }) });
    const another = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    try {
      const adapters = [sqlite, postgres, another].map((k) => k.getExecutor().adapter);
      expect(new Set(adapters).size).toBe(3);
      expect(adapters[0]!.constructor).not.toBe(adapters[1]!.constructor);
    } finally {
      await Promise.all([sqlite.destroy(), postgres.destroy(), another.destroy()]);
    }
  });

  it('runs a template compiled once with new parameters through executeQuery, on a transaction too', async () => {
    const k = new Kysely<{ t: { a: string; b: number | null } }>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    try {
      await sql`create table t (a text, b integer)`.execute(k);
      const compiled = k.insertInto('t').values({ a: 'MARK:a', b: 0 }).compile();
      expect(compiled.parameters).toEqual(['MARK:a', 0]);
      await k.executeQuery({ ...compiled, parameters: ['x', 1] });
      await k.transaction().execute((trx) => trx.executeQuery({ ...compiled, parameters: ['y', null] }));
      expect(await k.selectFrom('t').selectAll().orderBy('a').execute()).toEqual([
        { a: 'x', b: 1 },
        { a: 'y', b: null },
      ]);
    } finally {
      await k.destroy();
    }
  });
});
