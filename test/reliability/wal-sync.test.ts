import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, migrateToLatest, type Database, type Db } from '../../src/db/index.ts';
import { InboxWriter, walSyncFor, WalSync } from '../../src/inbox/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { sharedDatabase, type SharedDatabase } from './crash-database.ts';

/** SQLite's `synchronous` level on the connection: 1 is NORMAL, 2 is FULL. */
async function synchronousLevel(kysely: Kysely<Database>): Promise<number> {
  const result = await sql<{ synchronous: number }>`pragma synchronous`.execute(kysely);
  return result.rows[0]!.synchronous;
}

describe('WalSync on SQLite at FULL', () => {
  let database: SharedDatabase | undefined;
  let db: Db | undefined;

  afterEach(async () => {
    await db?.close();
    db = undefined;
    await database?.cleanup();
    database = undefined;
  });

  async function open(): Promise<Db> {
    database = sharedDatabase('sqlite');
    db = await database.open();
    await migrateToLatest(db);
    return db;
  }

  it('commits the inbox group at NORMAL and puts the connection back to FULL', async () => {
    const opened = await open();
    const walSync = walSyncFor(opened, 'FULL');
    expect(walSync).toBeInstanceOf(WalSync);
    const seen = await walSync!.transaction((trx) => synchronousLevel(trx));
    expect(seen, 'NORMAL (1) inside the inbox transaction').toBe(1);
    expect(await synchronousLevel(opened.kysely), 'FULL (2) for everything else').toBe(2);
  });

  it('puts the connection back to FULL when the transaction fails, and rolls it back', async () => {
    const opened = await open();
    const walSync = walSyncFor(opened, 'FULL')!;
    await expect(
      walSync.transaction(async (trx) => {
        await trx.insertInto('meta').values({ key: 'half-written', value: 'x' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await synchronousLevel(opened.kysely)).toBe(2);
    expect(await opened.kysely.selectFrom('meta').select('key').where('key', '=', 'half-written').execute()).toEqual([]);
  });

  it('answers appends only once they are committed, through the WAL sync', async () => {
    const opened = await open();
    const writer = new InboxWriter(opened, () => {}, walSyncFor(opened, 'FULL'));
    const entry = (n: number) => ({
      workspaceId: 'ws',
      api: 'segment' as const,
      dedupeKey: `msg:${n}`,
      bodyHash: null,
      payload: '{}',
      receivedAt: Date.now(),
      credentialId: null,
      clientIp: null,
    });
    const answers = await Promise.all([writer.append([entry(1), entry(2)]), writer.append([entry(1)])]);
    const rows = await opened.kysely.selectFrom('inbox').select(['id', 'dedupe_key']).orderBy('dedupe_key').execute();
    expect(rows.map((row) => row.dedupe_key)).toEqual(['msg:1', 'msg:2']);
    expect(answers[1]![0]).toEqual({ id: answers[0]![0]!.id, duplicate: true });
  });
});

describe.each(DIALECTS)('walSyncFor (%s)', (dialect) => {
  it('is used only for SQLite at FULL', async () => {
    const database = sharedDatabase(dialect);
    const db = await openDatabase(loadConfig(database.env));
    try {
      expect(walSyncFor(db, 'FULL') !== undefined).toBe(dialect === 'sqlite');
      expect(walSyncFor(db, 'NORMAL')).toBeUndefined();
    } finally {
      await db.close();
      await database.cleanup();
    }
  });
});
