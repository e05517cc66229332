import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxStatus } from '../../src/db/index.ts';
import { DedupeExpiry, IdempotencyConflict, InboxWriter, listIncoming, type InboxEntry } from '../../src/inbox/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { useMigratedDb } from '../support/migrated-db.ts';

const DAY = 86_400_000;

function entry(key: string | null, workspaceId = 'ws-a'): InboxEntry {
  return { workspaceId, api: 'segment', dedupeKey: key, bodyHash: null, payload: '{}', receivedAt: Date.now(), credentialId: null, clientIp: null };
}

describe.each(DIALECTS)('inbox storage (%s)', (dialect) => {
  const database = useMigratedDb(dialect, { each: true });
  let writer: InboxWriter;

  beforeEach(async () => {
    writer = new InboxWriter(database.db);
  });
  afterEach(async () => {
    await writer.close();
  });

  it('keeps only the inbox indexes a query needs after migration 0010', async () => {
    const names = dialect === 'sqlite'
      ? (await database.db.kysely.selectFrom('sqlite_master' as never).select('name' as never).where('type' as never, '=', 'index' as never).where('tbl_name' as never, '=', 'inbox' as never).execute()).map((row) => (row as { name: string }).name)
      : (await database.db.kysely.selectFrom('pg_indexes' as never).select('indexname' as never).where('tablename' as never, '=', 'inbox' as never).where('schemaname' as never, '=', database.config.databaseSchema as never).execute()).map((row) => (row as { indexname: string }).indexname);
    expect(names.filter((name) => name.startsWith('inbox_') && name !== 'inbox_pkey').sort()).toEqual(['inbox_blocked', 'inbox_claim', 'inbox_dedupe', 'inbox_failed', 'inbox_list']);
  });

  it('deduplicates against rows written by an earlier group, and answers the first row', async () => {
    const [first] = await writer.append([entry('msg:a')]);
    const answers = await writer.append([entry('msg:a'), entry('msg:b'), entry('msg:a')]);
    expect(answers[0]).toEqual({ id: first!.id, duplicate: true });
    expect(answers[1]!.duplicate).toBe(false);
    expect(answers[2]).toEqual({ id: first!.id, duplicate: true });
    const rows = await database.db.kysely.selectFrom('inbox').select('dedupe_key').execute();
    expect(rows.map((row) => row.dedupe_key).sort()).toEqual(['msg:a', 'msg:b']);
  });

  it('writes a group larger than one prepared statement holds, every row once', async () => {
    const keys = Array.from({ length: 237 }, (_, i) => `msg:big-${i}`);
    const answers = await writer.append(keys.map((key) => entry(key)));
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(237);
    const count = await database.db.kysely.selectFrom('inbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(237);
  });

  it('lists the incoming rows of every status newest first, page by page, and by status', async () => {
    const statuses: InboxStatus[] = ['received', 'processed', 'failed', 'processed', 'blocked', 'processing', 'processed', 'failed'];
    const ids: string[] = [];
    for (const status of statuses) {
      const [written] = await writer.append([entry(null)]);
      await database.db.kysely.updateTable('inbox').set({ status }).where('id', '=', written!.id).execute();
      ids.push(written!.id);
    }
    await writer.append([entry(null, 'ws-other')]);
    const newestFirst = [...ids].reverse();

    const first = await listIncoming(database.db, 'ws-a', { limit: 3 });
    expect(first.map((row) => row.id)).toEqual(newestFirst.slice(0, 4));
    const second = await listIncoming(database.db, 'ws-a', { limit: 3, cursor: newestFirst[2] });
    expect(second.map((row) => row.id)).toEqual(newestFirst.slice(3, 7));
    const failed = await listIncoming(database.db, 'ws-a', { limit: 10, status: 'failed' });
    expect(failed.map((row) => row.id)).toEqual([ids[7], ids[2]]);
    expect(await listIncoming(database.db, 'ws-a', { limit: 10, status: 'no-such-status' })).toEqual([]);
  });

  it('ends dedupe windows by id age, continuing where the previous run stopped', async () => {
    const now = Date.now();
    const expiry = new DedupeExpiry(database.db, DAY);
    await writer.append([entry('msg:old')]);
    expect(await expiry.run(now)).toBe(0);
    // A day later the key is out of its window: a repeat is new again.
    expect(await expiry.run(now + DAY + 1000)).toBe(1);
    const [again] = await writer.append([entry('msg:old')]);
    expect(again!.duplicate).toBe(false);
    // The next run starts at the previous boundary, and the fresh key is still in its window.
    expect(await expiry.run(now + DAY + 2000)).toBe(0);
    const [repeat] = await writer.append([entry('msg:old')]);
    expect(repeat).toEqual({ id: again!.id, duplicate: true });
  });

  /** Submits each request in the same event-loop turn, so they share one group; settles them all. */
  const oneGroup = (requests: InboxEntry[][]) => Promise.allSettled(requests.map((entries) => writer.append(entries)));
  const keyed = (hash: string, key = 'idem:k', workspaceId = 'ws-a'): InboxEntry => ({ ...entry(key, workspaceId), bodyHash: hash });
  const outcome = (settled: PromiseSettledResult<unknown>) =>
    settled.status === 'fulfilled' ? settled.value : settled.reason instanceof IdempotencyConflict ? 'conflict' : settled.reason;

  it('compares a repeat in a group with the stored row, not with the first of its group', async () => {
    const [stored] = await writer.append([keyed('hash-x')]);
    const answers = await oneGroup([[keyed('hash-y')], [keyed('hash-x')], [keyed('hash-y')], [keyed('hash-x')]]);
    expect(answers.map(outcome)).toEqual(['conflict', [{ id: stored!.id, duplicate: true }], 'conflict', [{ id: stored!.id, duplicate: true }]]);
    expect(await database.db.kysely.selectFrom('inbox').select('id').execute()).toEqual([{ id: stored!.id }]);
  });

  it('in a group that stores a key, answers the first body as stored and refuses every other body', async () => {
    const answers = (await oneGroup([[keyed('hash-x')], [keyed('hash-y')], [keyed('hash-x')], [keyed('hash-y')]])).map(outcome);
    const created = (answers[0] as Array<{ id: string }>)[0]!.id;
    expect(answers).toEqual([[{ id: created, duplicate: false }], 'conflict', [{ id: created, duplicate: true }], 'conflict']);
  });

  it('does not refuse a request for differing from a request that was itself refused', async () => {
    await writer.append([keyed('hash-stored', 'idem:other')]);
    // The first request conflicts on idem:other, so it stores nothing: idem:k is the second's to take.
    const answers = (await oneGroup([[keyed('hash-x'), keyed('hash-bad', 'idem:other')], [keyed('hash-y')], [keyed('hash-y')]])).map(outcome);
    expect(answers[0]).toBe('conflict');
    const created = (answers[1] as Array<{ id: string }>)[0]!.id;
    expect(answers.slice(1)).toEqual([[{ id: created, duplicate: false }], [{ id: created, duplicate: true }]]);
    const row = await database.db.kysely.selectFrom('inbox').select('body_hash').where('dedupe_key', '=', 'idem:k').executeTakeFirstOrThrow();
    expect(row.body_hash).toBe('hash-y');
  });

  it('refuses a request that uses one key with two bodies, and keeps the rest of the group', async () => {
    const answers = (await oneGroup([[keyed('hash-x'), keyed('hash-y')], [keyed('hash-z', 'idem:z')]])).map(outcome);
    expect(answers[0]).toBe('conflict');
    expect(answers[1]).toEqual([{ id: expect.any(String), duplicate: false }]);
  });

  it('answers a repeat as a duplicate when either side has no body hash, or the hashes are of different formats', async () => {
    const [noHash] = await writer.append([entry('idem:none')]);
    expect(await writer.append([keyed('c1:hash-x', 'idem:none')])).toEqual([{ id: noHash!.id, duplicate: true }]);
    const [legacy] = await writer.append([keyed('legacyhash', 'idem:legacy')]);
    expect(await writer.append([keyed('c1:hash-x', 'idem:legacy')])).toEqual([{ id: legacy!.id, duplicate: true }]);
    expect(await writer.append([entry('idem:legacy')])).toEqual([{ id: legacy!.id, duplicate: true }]);
  });

  it('answers every request of groups that overlap, and drain waits for all of them', async () => {
    const requests = Array.from({ length: 40 }, (_, i) => writer.append([entry(`msg:overlap-${i % 20}`)]));
    await writer.drain();
    const answers = await Promise.all(requests);
    expect(answers.filter(([answer]) => answer!.duplicate)).toHaveLength(20);
    const rows = await database.db.kysely.selectFrom('inbox').select('id').execute();
    expect(rows).toHaveLength(20);
  });
});

describe('inbox on SQLite', () => {
  const database = useMigratedDb('sqlite', { each: true });


  it('finds failed and blocked rows through their partial indexes', async () => {
    for (const status of ['failed', 'blocked']) {
      const { rows } = await sql<{ detail: string }>`explain query plan select * from inbox where workspace_id = ${'ws-a'} and status = ${status} order by id desc limit 51`.execute(database.db.kysely);
      expect(rows.map((row) => row.detail).join(' | ')).toContain(`inbox_${status}`);
    }
  });

  it('a SQLite transaction holds the write lock from its start, so a transaction that reads first cannot lose its lock upgrade', async () => {
    const other = new SQLite(database.db.location);
    other.pragma('busy_timeout = 0');
    try {
      await database.db.kysely.transaction().execute(async (trx) => {
        await trx.selectFrom('inbox').select('id').execute();
        // Another process writing now would make this transaction's later write fail with
        // "database is locked"; holding the lock from BEGIN, the other writer is the one that waits.
        expect(() => other.prepare("insert into meta (key, value) values ('other', 'x')").run()).toThrow(/locked/);
        await trx.insertInto('meta').values({ key: 'mine', value: 'x' }).execute();
      });
      const keys = other.prepare('select key from meta where key in (?, ?)').pluck().all('mine', 'other');
      expect(keys).toEqual(['mine']);
    } finally {
      other.close();
    }
  });

  it('a SQLite transaction rolls back when the work throws, and the connection stays usable', async () => {
    await expect(
      database.db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('meta').values({ key: 'half', value: 'x' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await database.db.kysely.transaction().execute((trx) => trx.insertInto('meta').values({ key: 'whole', value: 'x' }).execute());
    const keys = await database.db.kysely.selectFrom('meta').select('key').where('key', 'in', ['half', 'whole']).execute();
    expect(keys).toEqual([{ key: 'whole' }]);
  });
});
