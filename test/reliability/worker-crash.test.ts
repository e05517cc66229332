import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { waitFor } from '../support/harness.ts';
import { spawnServer, type ProcessServer } from '../support/process-server.ts';
import { eventCountsByMessageId, inboxBacklog, sharedDatabase, type SharedDatabase } from './crash-database.ts';
import { startLoad } from './segment-load.ts';

describe.each(DIALECTS)('a worker killed in the middle of a batch (%s)', (dialect) => {
  let database: SharedDatabase | undefined;
  let db: Db | undefined;
  const servers: ProcessServer[] = [];

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill('SIGKILL');
    await db?.close();
    db = undefined;
    await database?.cleanup();
    database = undefined;
  });

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

  // PostgreSQL: workers commit a lease on their rows before processing them (SKIP LOCKED lets
  // several run at once), so a dead worker's rows wait for the lease. SQLite has one writer: a
  // batch reads, processes and finishes its rows in one transaction under the write lock, so there
  // is no committed claim to orphan (the case below for SQLite).
  if (dialect === 'postgres') it('loses nothing: the rows it held are claimed again when the lease runs out', { timeout: 180_000 }, async () => {
    database = sharedDatabase(dialect, { WORKER_LEASE_MS: '1000', WORKER_BATCH_SIZE: '500' });

    // An API-only process fills the inbox; nothing is processed yet.
    const { credentials, load } = await fillBacklog(database, `lease-${dialect}`);

    db = await database.open();
    const opened = db;
    const inProcessing = () =>
      opened.kysely.selectFrom('inbox').select(['id', 'locked_by']).where('status', '=', 'processing').execute();

    // A worker process starts on the backlog and is killed while it holds a claimed batch.
    const doomed = await spawnServer({ env: database.env });
    servers.push(doomed);
    await waitFor(async () => ((await inProcessing()).length > 0 ? true : undefined), 'a claimed batch', 60_000);
    await doomed.kill('SIGKILL');
    servers.splice(servers.indexOf(doomed), 1);
    const orphaned = await inProcessing();
    expect(orphaned.length, 'the killed worker left claimed rows behind').toBeGreaterThan(0);
    expect((await inboxBacklog(db)).pending, 'the kill came before the backlog was done').toBeGreaterThan(0);

    await heirFinishes(database, opened, credentials.workspaceId, load.acknowledged);

    // The orphaned rows were finished by the new process's worker, not left to the dead one.
    const deadWorker = orphaned[0]!.locked_by;
    const finishers = await db.kysely
      .selectFrom('inbox')
      .select('locked_by')
      .distinct()
      .where('id', 'in', orphaned.map((row) => row.id))
      .execute();
    expect(finishers.map((row) => row.locked_by)).not.toContain(deadWorker);
  });
  if (dialect === 'sqlite') it('loses nothing: a batch killed before its commit leaves every row due for the next worker', { timeout: 180_000 }, async () => {
    database = sharedDatabase(dialect, { WORKER_BATCH_SIZE: '500' });
    const { credentials, load } = await fillBacklog(database, `held-${dialect}`);

    db = await database.open();
    const opened = db;
    const eventCount = async () => Number((await opened.kysely.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    // The worker holds the write lock from the start of a batch to its commit and starts the next
    // batch at once, so once it has committed one batch, finding the lock taken means a batch is
    // open: the kill lands in it. The probe asks for the lock without waiting.
    const probe = new SQLite(join(database.env.DATA_DIR!, 'tributary.sqlite'), { timeout: 0 });
    const lockTaken = () => {
      try {
        probe.exec('begin immediate; rollback');
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw error;
      }
    };
    const doomed = await spawnServer({ env: database.env });
    servers.push(doomed);
    try {
      await waitFor(async () => ((await eventCount()) > 0 ? true : undefined), 'a first committed batch', 60_000);
      await waitFor(async () => {
        if (!lockTaken()) return undefined;
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
    const finished = await opened.kysely.selectFrom('inbox').select('id').where('status', '=', 'processed').execute();
    expect(finished.length).toBe(committed);
    expect((await inboxBacklog(db)).pending, 'the kill came before the backlog was done').toBeGreaterThan(0);
    const held = await opened.kysely.selectFrom('inbox').select('id').where('status', '=', 'processing').execute();
    expect(held, 'a dead worker holds no rows').toEqual([]);

    await heirFinishes(database, opened, credentials.workspaceId, load.acknowledged);
  });
});
