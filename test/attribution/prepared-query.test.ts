import { sql, type KyselyPlugin } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { PreparedQuery } from '../../src/attribution/model/prepared-query.ts';
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
});
