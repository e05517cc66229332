import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdempotencyConflict, InboxWriter, JournalExpansion, type InboxEntry, type JournalExpander, type JournalRecord } from '../../src/inbox/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { useMigratedDb } from '../support/migrated-db.ts';

/** A body of `{"keys":[…]}`: one event per key, the key its messageId (null for none). */
function record(keys: Array<string | null>, workspaceId = 'ws-a'): JournalRecord {
  return {
    workspaceId,
    api: 'segment',
    route: 'test',
    eventCount: keys.length,
    body: JSON.stringify({ keys }),
    receivedAt: 1_700_000_000_000,
    credentialId: 'write_key:k',
    clientIp: '203.0.113.7',
  };
}

const expandKeys: JournalExpander = (journal) =>
  (JSON.parse(journal.body) as { keys: Array<string | null> }).keys.map((key, index) => ({
    dedupeKey: key === null ? null : `msg:${key}`,
    payload: JSON.stringify({ key, index }),
  }));

describe.each(DIALECTS)('inbox journal (%s)', (dialect) => {
  const database = useMigratedDb(dialect, { each: true });
  let writer: InboxWriter;

  beforeEach(async () => {
    writer = new InboxWriter(database.db);
  });
  afterEach(async () => {
    await writer.close();
  });

  const inboxRows = () => database.db.kysely.selectFrom('inbox').selectAll().orderBy('id').execute();
  const journalCount = async () => Number((await database.db.kysely.selectFrom('inbox_journal').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('moves requests into the inbox in the order they were accepted, one received row per event, and empties the journal', async () => {
    await writer.appendToJournal(record(['a', 'b']));
    await writer.appendToJournal(record(['c', null]));
    const expansion = new JournalExpansion(database.db, { segment: expandKeys });
    expect(await expansion.expand(1000, 1_800_000_000_000)).toBe(2);
    const rows = await inboxRows();
    expect(rows.map((row) => JSON.parse(row.payload).key)).toEqual(['a', 'b', 'c', null]);
    expect(rows[0]).toMatchObject({
      workspace_id: 'ws-a',
      api: 'segment',
      dedupe_key: 'msg:a',
      status: 'received',
      received_at: 1_700_000_000_000,
      available_at: 1_800_000_000_000,
      credential_id: 'write_key:k',
      client_ip: '203.0.113.7',
      retry_count: 0,
    });
    expect(await journalCount()).toBe(0);
    expect(await expansion.expand(1000)).toBe(0);
  });

  it('moves as many requests as fit the batch, past pages of heads, and no more', async () => {
    // 200 single-event requests, then 30 of 10 events: pages of 32, 128, 512… heads.
    for (let n = 0; n < 200; n++) await writer.appendToJournal(record([`one-${n}`]));
    for (let n = 0; n < 30; n++) await writer.appendToJournal(record(Array.from({ length: 10 }, (_, i) => `ten-${n}-${i}`)));
    const expansion = new JournalExpansion(database.db, { segment: expandKeys });
    expect(await expansion.expand(150)).toBe(150);
    expect(await journalCount()).toBe(80);
    // 50 single events left, then 10-event requests: 50 + 5 × 10 = 100 events, and the sixth would pass 100.
    expect(await expansion.expand(100)).toBe(55);
    expect(await expansion.expand(1000)).toBe(25);
    expect(await journalCount()).toBe(0);
    const keys = (await inboxRows()).map((row) => row.dedupe_key);
    expect(keys).toHaveLength(500);
    expect(keys.slice(0, 3)).toEqual(['msg:one-0', 'msg:one-1', 'msg:one-2']);
  });

  it('deduplicates by messageId: against rows the inbox holds, and within one move', async () => {
    await writer.append([{ workspaceId: 'ws-a', api: 'segment', dedupeKey: 'msg:seen', bodyHash: null, payload: '{"first":true}', receivedAt: 1, credentialId: null, clientIp: null }]);
    await writer.appendToJournal(record(['seen', 'new', 'new']));
    await writer.appendToJournal(record(['new', null, null]));
    // Another workspace's key is its own.
    await writer.appendToJournal(record(['seen'], 'ws-b'));
    await new JournalExpansion(database.db, { segment: expandKeys }).expand(1000);
    const rows = await inboxRows();
    expect(rows.map((row) => `${row.workspace_id} ${row.dedupe_key ?? '-'}`).sort()).toEqual([
      'ws-a -',
      'ws-a -',
      'ws-a msg:new',
      'ws-a msg:seen',
      'ws-b msg:seen',
    ]);
    expect(rows.find((row) => row.dedupe_key === 'msg:seen' && row.workspace_id === 'ws-a')!.payload).toBe('{"first":true}');
  });

  it('takes about the asked number of events per move, and at least one request', async () => {
    for (let i = 0; i < 5; i++) await writer.appendToJournal(record([`r${i}-1`, `r${i}-2`, `r${i}-3`]));
    const expansion = new JournalExpansion(database.db, { segment: expandKeys });
    expect(await expansion.expand(7)).toBe(2);
    expect(await inboxRows()).toHaveLength(6);
    // A request larger than the batch still moves, whole.
    expect(await expansion.expand(1)).toBe(1);
    expect(await inboxRows()).toHaveLength(9);
    expect(await journalCount()).toBe(2);
  });

  it('keeps a request it cannot read as one failed row holding the body, and moves the rest', async () => {
    await writer.appendToJournal({ ...record([]), body: '{"keys": 42}', eventCount: 1 });
    await writer.appendToJournal({ ...record(['ok']), api: 'client' });
    await writer.appendToJournal(record(['fine']));
    await new JournalExpansion(database.db, { segment: expandKeys }).expand(1000);
    const rows = await inboxRows();
    expect(rows).toHaveLength(3);
    const [unreadable, unknownApi, fine] = rows;
    expect(unreadable).toMatchObject({ status: 'failed', payload: '{"keys": 42}', available_at: null, retryable: 0, dedupe_key: null });
    expect(unreadable!.process_error).toMatch(/^The request could not be read into events: /);
    expect(unknownApi).toMatchObject({ status: 'failed', api: 'client' });
    expect(unknownApi!.process_error).toContain('no reader for client requests');
    expect(fine).toMatchObject({ status: 'received', dedupe_key: 'msg:fine' });
  });

  it('commits journal records and deduplicated entries of one group together, each request answered in turn', async () => {
    const entry = (key: string, bodyHash: string | null = null): InboxEntry => ({
      workspaceId: 'ws-a',
      api: 'client',
      dedupeKey: key,
      bodyHash,
      payload: '{}',
      receivedAt: 1,
      credentialId: null,
      clientIp: null,
    });
    // One event-loop turn: one group. The reused idempotency key (another body) makes the group
    // write twice; the journal records and the other entries must come out of it once, in order.
    const answers = await Promise.allSettled([
      writer.appendToJournal(record(['j1'])),
      writer.append([entry('idem:a', 'hash-1')]),
      writer.appendToJournal(record(['j2', 'j3'])),
      writer.append([entry('idem:a', 'hash-2')]),
      writer.append([entry('idem:b')]),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((answers[0] as PromiseFulfilledResult<unknown>).value).toBeUndefined();
    expect((answers[1] as PromiseFulfilledResult<Array<{ duplicate: boolean }>>).value).toEqual([{ id: expect.any(String), duplicate: false }]);
    expect((answers[3] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflict);
    expect((answers[4] as PromiseFulfilledResult<Array<{ duplicate: boolean }>>).value).toEqual([{ id: expect.any(String), duplicate: false }]);
    expect(await journalCount()).toBe(2);
    expect((await inboxRows()).map((row) => row.dedupe_key).sort()).toEqual(['idem:a', 'idem:b']);
  });

  it.each(['all', 'workspace'] as const)('never moves a request twice when workers move at once (claim scope %s)', async (scope) => {
    // Requests of five workspaces, interleaved: a workspace-scoped worker takes them one workspace at a time.
    for (let i = 0; i < 60; i++) await writer.appendToJournal(record([`k${i}`, null], `ws-${i % 5}`));
    const workers = Array.from({ length: 4 }, () => new JournalExpansion(database.db, { segment: expandKeys }, scope));
    // Each worker moves until the journal is empty; on PostgreSQL they run side by side.
    const moved = await Promise.all(
      workers.map(async (worker) => {
        let total = 0;
        for (let n = await worker.expand(6); n > 0; n = await worker.expand(6)) total += n;
        return total;
      }),
    );
    expect(moved.reduce((a, b) => a + b, 0)).toBe(60);
    const rows = await inboxRows();
    expect(rows).toHaveLength(120);
    expect(new Set(rows.filter((row) => row.dedupe_key !== null).map((row) => row.dedupe_key)).size).toBe(60);
    expect(new Set(rows.map((row) => row.workspace_id)).size).toBe(5);
    expect(await journalCount()).toBe(0);
  });
});
