import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import { DIALECTS, TEST_ADMIN_TOKEN } from '../support/databases.ts';
import { waitFor } from '../support/harness.ts';
import { spawnServer } from '../support/process-server.ts';
import { eventCountsByMessageId, inboxBacklog, useCrashScene, type SharedDatabase } from './crash-database.ts';
import { startLoad } from './segment-load.ts';

describe.each(DIALECTS)('a worker killed in the middle of a batch (%s)', (dialect) => {
  const scene = useCrashScene(dialect, 'SIGKILL');
  const { servers } = scene;

  /** 6,400 acknowledged events in the inbox, sent to an API-only process (workers off) that is then stopped. */
  async function fillBacklog(shared: SharedDatabase, prefix: string) {
    const api = await spawnServer({ env: { ...shared.env, WORKERS: 'false' } });
    servers.push(api);
    const credentials = api.firstStart;
    if (!credentials) throw new Error(`the first start printed no credentials:\n${api.output()}`);
    const load = await startLoad({
      urls: [api.url],
      writeKey: credentials.writeKey,
      clients: 8,
      requestsPerClient: 8,
      batchEvery: 1,
      batchSize: 100,
      prefix,
    }).done;
    expect(load.acknowledged.size).toBe(6400);
    await api.kill('SIGTERM');
    servers.splice(servers.indexOf(api), 1);
    return { credentials, load };
  }

  /**
   * 7,000 acknowledged events appended to the inbox directly (not through the journal): client
   * events in bulk, deduplicated by idempotency key, which becomes each event's message id.
   */
  async function fillInbox(shared: SharedDatabase, prefix: string) {
    const api = await spawnServer({ env: { ...shared.env, WORKERS: 'false' } });
    servers.push(api);
    const credentials = api.firstStart;
    if (!credentials) throw new Error(`the first start printed no credentials:\n${api.output()}`);
    const post = async (path: string, token: string, body: unknown) => {
      const response = await fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const key = (await post(`/api/v1/workspaces/${credentials.workspaceId}/api-keys`, TEST_ADMIN_TOKEN, { label: 'load', scopes: ['events:write'] })).key as string;
    const acknowledged = new Set<string>();
    for (let request = 0; request < 7; request++) {
      const keys = Array.from({ length: 1000 }, (_, i) => `${prefix}-${request}-${i}`);
      await post('/api/v1/client/events/bulk', key, { events: keys.map((k) => ({ uid: `u-${k.length}`, type: 'load', idempotency_key: k })) });
      for (const k of keys) acknowledged.add(k);
    }
    await api.kill('SIGTERM');
    servers.splice(servers.indexOf(api), 1);
    return { credentials, load: { acknowledged } };
  }

  /** A new process's worker empties the inbox, and every acknowledged message has exactly one event. */
  async function heirFinishes(shared: SharedDatabase, opened: Db, workspaceId: string, acknowledged: ReadonlySet<string>) {
    const heir = await spawnServer({ env: shared.env });
    servers.push(heir);
    await waitFor(async () => ((await inboxBacklog(opened)).pending === 0 ? true : undefined), 'the inbox to be processed', 60_000);
    expect((await inboxBacklog(opened)).notProcessed).toBe(0);

    const counts = await eventCountsByMessageId(opened, workspaceId);
    expect([...acknowledged].filter((id) => counts.get(id) !== 1), 'ids without exactly one event').toEqual([]);
    expect(counts.size).toBe(acknowledged.size);
  }

  /**
   * Whether a worker holds a batch open right now. SQLite: the write lock is taken (the worker
   * holds it from the start of a batch to its commit and starts the next batch at once); asked
   * without waiting. PostgreSQL: some journal rows are row-locked (the worker takes its requests
   * FOR UPDATE SKIP LOCKED inside its batch transaction), seen by comparing what a SKIP LOCKED
   * read finds with what is there.
   */
  async function batchProbe(shared: SharedDatabase, opened: Db): Promise<{ inProgress(): Promise<boolean>; close(): void }> {
    if (dialect === 'sqlite') {
      const probe = new SQLite(join(shared.env.DATA_DIR!, 'tributary.sqlite'), { timeout: 0 });
      return {
        async inProgress() {
          try {
            probe.exec('begin immediate; rollback');
            return false;
          } catch (error) {
            if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
            throw error;
          }
        },
        close: () => probe.close(),
      };
    }
    const count = async (trx: Db['kysely'], query: ReturnType<typeof sql>) => (await sql<{ n: number }>`select count(*)::int as n from (${query}) rows`.execute(trx)).rows[0]!.n;
    return {
      inProgress: () =>
        opened.kysely.transaction().execute(async (trx) => {
          const journal = sql`select seq from inbox_journal`;
          const due = sql`select id from inbox where available_at is not null`;
          return (
            (await count(trx, sql`${journal} for update skip locked`)) < (await count(trx, journal)) ||
            (await count(trx, sql`${due} for update skip locked`)) < (await count(trx, due))
          );
        }),
      close: () => {},
    };
  }

  // A worker's batch reads, processes and finishes its rows in one transaction, holding them until
  // its commit (SQLite's write lock; PostgreSQL's row locks), so there is no committed claim to
  // orphan: a worker killed mid-batch leaves its rows due at once, and only whole batches exist.
  // Requests in the journal and rows appended to the inbox directly are held the same way.
  it.each(['journal', 'inbox'] as const)('loses nothing: a batch killed before its commit leaves every %s row due for the next worker', { timeout: 180_000 }, async (source) => {
    const database = scene.database({ WORKER_BATCH_SIZE: '500' });
    const { credentials, load } = source === 'journal' ? await fillBacklog(database, `held-${dialect}`) : await fillInbox(database, `direct-${dialect}`);

    const db = await scene.open();
    const eventCount = async () => Number((await db.kysely.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const probe = await batchProbe(database, db);
    const doomed = await spawnServer({ env: database.env });
    servers.push(doomed);
    try {
      await waitFor(async () => ((await eventCount()) > 0 ? true : undefined), 'a first committed batch', 60_000);
      await waitFor(async () => {
        if (!(await probe.inProgress())) return undefined;
        process.kill(doomed.pid, 'SIGKILL');
        return true;
      }, 'a batch in progress', 60_000);
    } finally {
      probe.close();
    }
    await doomed.kill('SIGKILL');
    servers.splice(servers.indexOf(doomed), 1);

    // Batches are all or nothing: whole batches of events, each with its inbox row finished.
    const committed = await eventCount();
    expect(committed % 500, 'events of a half-committed batch').toBe(0);
    const finished = await db.kysely.selectFrom('inbox').select('id').where('status', '=', 'processed').execute();
    expect(finished.length).toBe(committed);
    expect((await inboxBacklog(db)).pending, 'the kill came before the backlog was done').toBeGreaterThan(0);
    const held = await db.kysely.selectFrom('inbox').select('id').where('status', '=', 'processing').execute();
    expect(held, 'a dead worker holds no rows').toEqual([]);

    await heirFinishes(database, db, credentials.workspaceId, load.acknowledged);
  });
});
