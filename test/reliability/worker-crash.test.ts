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

  it('loses nothing: the rows it held are claimed again when the lease runs out', { timeout: 180_000 }, async () => {
    database = sharedDatabase(dialect, { WORKER_LEASE_MS: '1000', WORKER_BATCH_SIZE: '500' });

    // An API-only process fills the inbox; nothing is processed yet.
    const api = await spawnServer({ env: { ...database.env, WORKERS: 'false' } });
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
      prefix: `lease-${dialect}`,
    }).done;
    expect(load.acknowledged.size).toBe(6400);
    await api.kill('SIGTERM');
    servers.splice(servers.indexOf(api), 1);

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

    const heir = await spawnServer({ env: database.env });
    servers.push(heir);
    await waitFor(async () => ((await inboxBacklog(opened)).pending === 0 ? true : undefined), 'the inbox to be processed', 60_000);
    expect((await inboxBacklog(db)).notProcessed).toBe(0);

    const counts = await eventCountsByMessageId(db, credentials.workspaceId);
    expect([...load.acknowledged].filter((id) => counts.get(id) !== 1), 'ids without exactly one event').toEqual([]);
    expect(counts.size).toBe(load.acknowledged.size);

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
});
