import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { type InboxTable } from '../../src/db/index.ts';
import { InboxWriter, JournalExpansion } from '../../src/inbox/index.ts';
import { expandSegmentRequest } from '../../src/ingest/index.ts';
import { InboxWorker, type PipelineStage } from '../../src/pipeline/index.ts';
import { newId } from '../../src/lib/ids.ts';
import { DIALECTS } from '../support/databases.ts';
import { useMigratedDb } from '../support/migrated-db.ts';

const logger = pino({ level: 'silent' });

/** Fails the batch whenever it holds an event of this name. */
function failingOn(name: string): PipelineStage {
  return {
    name: 'failing',
    async run(items) {
      if (items.some((item) => item.event.name === name)) throw new Error(`${name} cannot be handled`);
    },
  };
}

// Workspace-scoped claims (WORKER_CLAIM_SCOPE=workspace, for Citus) take the same paths on PostgreSQL.
const CASES = [...DIALECTS.map((dialect) => [dialect, 'all'] as const), ['postgres', 'workspace'] as const];

describe.each(CASES)('the inbox worker on %s (claim scope %s)', (dialect, workerClaimScope) => {
  const database = useMigratedDb(dialect, { overrides: { workerBatchSize: 50, workerClaimScope }, each: true });


  async function received(names: string[]): Promise<string[]> {
    const now = Date.now();
    const rows: InboxTable[] = names.map((name, i) => ({
      id: newId(),
      // Three workspaces, interleaved: a batch spans them.
      workspace_id: `ws_test_${i % 3}`,
      api: 'segment',
      dedupe_key: null,
      body_hash: null,
      payload: JSON.stringify({ type: 'track', event: name, userId: `u-${i}`, messageId: `m-${i}` }),
      status: 'received',
      received_at: now,
      available_at: now,
      locked_by: null,
      retry_count: 0,
      retryable: 0,
      process_error: null,
      event_id: null,
      processed_at: null,
      credential_id: null,
      client_ip: null,
    }));
    await database.db.kysely.insertInto('inbox').values(rows).execute();
    return rows.map((row) => row.id);
  }

  const inbox = () => database.db.kysely.selectFrom('inbox').selectAll().orderBy('id').execute();
  const eventIds = async () => (await database.db.kysely.selectFrom('events').select('id').execute()).map((row) => row.id).sort();

  it('turns a batch into one event per row and finishes every row in the name of the worker', async () => {
    const ids = await received(Array.from({ length: 30 }, (_, i) => `e${i}`));
    const worker = new InboxWorker(database.db, database.config, [], logger);
    expect(await worker.runOnce()).toBe(30);
    expect(await worker.runOnce()).toBe(0);
    expect(await eventIds()).toEqual([...ids].sort());
    for (const row of await inbox()) {
      expect(row).toMatchObject({ status: 'processed', event_id: row.id, locked_by: worker.id, available_at: null, retry_count: 0 });
    }
  });

  it("tells every stage how its batch ended, after the commit or the rollback, even when one of them throws", async () => {
    const ended: Array<[string, boolean]> = [];
    const watching = (name: string, throws = false): PipelineStage => ({
      name,
      async run(items, { afterTransaction }) {
        afterTransaction((committed) => {
          // Sorted: rows of different workspaces due at the same moment come in no promised order.
          ended.push([`${name}:${items.map((item) => item.event.name).sort().join(',')}`, committed]);
          if (throws) throw new Error(`${name} broke after the transaction`);
        });
      },
    });
    const outcomes: string[][] = [];
    const worker = new InboxWorker(database.db, database.config, [watching('first', true), watching('second'), failingOn('broken')], logger, {
      onOutcomes: (batch) => outcomes.push(batch.map((outcome) => outcome.status)),
    });
    await received(['ok-1', 'ok-2']);
    expect(await worker.runOnce()).toBe(2);
    expect(ended).toEqual([
      ['first:ok-1,ok-2', true],
      ['second:ok-1,ok-2', true],
    ]);
    expect(outcomes).toEqual([['processed', 'processed']]);

    ended.length = 0;
    await received(['broken']);
    await worker.runOnce();
    expect(ended).toEqual([
      ['first:broken', false],
      ['second:broken', false],
    ]);
  });

  it('fails only the event that broke its batch, and the others are processed once', async () => {
    const ids = await received(['fine-1', 'broken', 'fine-2']);
    const worker = new InboxWorker(database.db, database.config, [failingOn('broken')], logger);
    expect(await worker.runOnce()).toBe(3);
    const rows = new Map((await inbox()).map((row) => [row.id, row]));
    expect(rows.get(ids[1]!)).toMatchObject({ status: 'failed', retryable: 1, retry_count: 1, process_error: 'broken cannot be handled', event_id: null });
    expect(Number(rows.get(ids[1]!)!.available_at)).toBeGreaterThan(Date.now());
    expect(await eventIds()).toEqual([ids[0]!, ids[2]!].sort());
    expect([...rows.values()].filter((row) => row.status === 'processing')).toEqual([]);
    // Not due yet: the next round has nothing to do.
    expect(await worker.runOnce()).toBe(0);
  });

  it('moves journal requests into the inbox and processes them; a failing event among them fails alone', async () => {
    const writer = new InboxWriter(database.db);
    const message = (event: string, messageId: string) => ({ type: 'track', event, userId: 'u', messageId });
    const batch = { batch: [message('fine-1', 'j-1'), message('broken', 'j-2'), message('fine-1', 'j-1')] };
    for (const body of [batch, message('fine-2', 'j-3')]) {
      await writer.appendToJournal({
        workspaceId: 'ws_test',
        api: 'segment',
        route: 'batch' in body ? 'batch' : 'track',
        eventCount: 'batch' in body ? body.batch.length : 1,
        body: JSON.stringify(body),
        receivedAt: Date.now(),
        credentialId: null,
        clientIp: null,
      });
    }
    await writer.close();
    const worker = new InboxWorker(database.db, database.config, [failingOn('broken')], logger, {}, new JournalExpansion(database.db, { segment: expandSegmentRequest }, workerClaimScope));
    while ((await worker.runOnce()) > 0);

    expect(await database.db.kysely.selectFrom('inbox_journal').selectAll().execute()).toEqual([]);
    const rows = await inbox();
    // j-1 twice in the batch: one row, one event.
    expect(rows.map((row) => [row.dedupe_key, row.status])).toEqual([
      ['msg:j-1', 'processed'],
      ['msg:j-2', 'failed'],
      ['msg:j-3', 'processed'],
    ]);
    expect(rows[1]).toMatchObject({ retryable: 1, retry_count: 1, process_error: 'broken cannot be handled' });
    expect(await eventIds()).toEqual([rows[0]!.id, rows[2]!.id].sort());
  });

  it('leaves a row another worker finished alone', async () => {
    const [id] = await received(['once']);
    const first = new InboxWorker(database.db, database.config, [], logger);
    const second = new InboxWorker(database.db, database.config, [], logger);
    expect(await first.runOnce()).toBe(1);
    expect(await second.runOnce()).toBe(0);
    expect(await eventIds()).toEqual([id]);
    expect((await inbox())[0]).toMatchObject({ status: 'processed', locked_by: first.id });
  });
});
