import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, migrateToLatest, type Database, type Db } from '../../src/db/index.ts';
import { InboxWriter, JournalExpansion, walSyncFor, WalSync } from '../../src/inbox/index.ts';
import { expandSegmentRequest } from '../../src/ingest/index.ts';
import { InboxWorker } from '../../src/pipeline/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { sharedDatabase, type SharedDatabase } from './crash-database.ts';

/** SQLite's `synchronous` level on the connection: 1 is NORMAL, 2 is FULL. */
async function synchronousLevel(kysely: Kysely<Database>): Promise<number> {
  const result = await sql<{ synchronous: number }>`pragma synchronous`.execute(kysely);
  return result.rows[0]!.synchronous;
}

/** A WalSync that logs when each fdatasync of the WAL starts and ends. */
class RecordingWalSync extends WalSync {
  readonly log: string[] = [];
  private count = 0;

  protected override async datasync(): Promise<void> {
    const n = (this.count += 1);
    this.log.push(`start ${n}`);
    await super.datasync();
    this.log.push(`end ${n}`);
  }
}

function recordingWalSync(db: Db): RecordingWalSync {
  return new RecordingWalSync(db, `${db.location}${db.dialect.walFileSuffix!}`);
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

  it('shares one fdatasync among the callers that arrive while one runs, and starts it after that one ends', async () => {
    const walSync = recordingWalSync(await open());
    const first = walSync.sync().then(() => walSync.log.push('first answered'));
    // Both arrive during the first sync, which may have begun before their commits: they wait
    // for one more sync, which starts only once the first has ended, and share it.
    const second = walSync.sync().then(() => walSync.log.push('second answered'));
    const third = walSync.sync().then(() => walSync.log.push('third answered'));
    await Promise.all([first, second, third]);
    expect(walSync.log).toEqual(['start 1', 'end 1', 'first answered', 'start 2', 'end 2', 'second answered', 'third answered']);
    await walSync.sync();
    expect(walSync.log.slice(-2), 'a sync asked for when none runs starts at once').toEqual(['start 3', 'end 3']);
    await walSync.close();
  });

  it('commits a worker batch at NORMAL and reports its outcomes only after the WAL sync', async () => {
    const opened = await open();
    const config = loadConfig({ DATA_DIR: '/unused', SQLITE_SYNCHRONOUS: 'FULL' });
    const walSync = recordingWalSync(opened);
    const journal = new JournalExpansion(opened, { segment: expandSegmentRequest });
    const writer = new InboxWriter(opened, () => {}, walSync);
    await writer.appendToJournal({
      workspaceId: 'ws',
      api: 'segment',
      route: 'track',
      eventCount: 1,
      body: JSON.stringify({ type: 'track', event: 'Signed Up', userId: 'u-1', messageId: 'm-1' }),
      receivedAt: Date.now(),
      credentialId: null,
      clientIp: null,
    });
    const levels: number[] = [];
    const worker = new InboxWorker(
      opened,
      config,
      [{ name: 'level', run: async (_items, { trx }) => void levels.push(await synchronousLevel(trx)) }],
      pino({ level: 'silent' }),
      { onOutcomes: (outcomes) => walSync.log.push(`outcomes: ${outcomes.map((outcome) => outcome.status).join(', ')}`) },
      journal,
      undefined,
      walSync,
    );
    expect(await worker.runOnce(), 'one journal request and its one event').toBe(2);
    expect(levels, 'NORMAL (1) inside the worker batch').toEqual([1]);
    expect(await synchronousLevel(opened.kysely), 'FULL (2) again afterwards').toBe(2);
    // The append's sync, then the batch's: its outcomes (and every stage's after-commit work) wait for it.
    expect(walSync.log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'outcomes: processed']);
    expect(await opened.kysely.selectFrom('events').select('name').execute()).toEqual([{ name: 'Signed Up' }]);
    await writer.close();
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
