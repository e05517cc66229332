import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../support/databases.ts';
import { waitFor } from '../support/harness.ts';
import { spawnServer } from '../support/process-server.ts';
import { eventCountsByMessageId, inboxBacklog, useCrashScene } from './crash-database.ts';
import { startLoad } from './segment-load.ts';

// PostgreSQL splits the work with FOR UPDATE SKIP LOCKED; on SQLite two processes on one file
// (one host) take turns as the single writer, and must not double-process either.
describe.each(DIALECTS)('two serve processes on one database (%s)', (dialect) => {
  const scene = useCrashScene(dialect, 'SIGTERM');
  const { servers } = scene;

  it('processes every inbox row exactly once, with both workers taking part', { timeout: 180_000 }, async () => {
    // Small batches and a fast idle poll make both workers reach for the same rows all the time,
    // which is the contention SKIP LOCKED must resolve.
    const database = scene.database({ WORKER_BATCH_SIZE: '25', WORKER_POLL_MS: '5' });
    const a = await spawnServer({ env: database.env });
    servers.push(a);
    const credentials = a.firstStart;
    if (!credentials) throw new Error(`the first start printed no credentials:\n${a.output()}`);
    const b = await spawnServer({ env: database.env });
    servers.push(b);

    const result = await startLoad({
      urls: [a.url, b.url],
      writeKey: credentials.writeKey,
      clients: 16,
      requestsPerClient: 40,
      batchEvery: 2,
      batchSize: 10,
      prefix: 'split',
    }).done;
    expect(result.rejected).toEqual([]);
    expect(result.unanswered).toBe(0);
    expect(result.acknowledged.size).toBe(16 * 20 * 11);

    const db = await scene.open();
    // On SQLite the two processes take turns as the one writer; a worker that loses the race gets
    // "database is locked", records a retryable failure and tries again after its backoff. So wait
    // for every row to end processed, retries included (and for none to wait in the journal).
    await waitFor(
      async () => {
        const backlog = await inboxBacklog(db);
        return backlog.pending === 0 && backlog.notProcessed === 0 ? true : undefined;
      },
      'every row processed',
      90_000,
    );

    const counts = await eventCountsByMessageId(db, credentials.workspaceId);
    expect([...result.acknowledged].filter((id) => counts.get(id) !== 1), 'ids without exactly one event').toEqual([]);
    expect(counts.size).toBe(result.acknowledged.size);

    // One event per inbox row, pointing back at it.
    const orphans = await db.kysely
      .selectFrom('inbox')
      .leftJoin('events', 'events.inbox_id', 'inbox.id')
      .select('inbox.id')
      .where((eb) => eb.or([eb('events.id', 'is', null), eb('inbox.event_id', 'is', null), eb('inbox.event_id', '<>', eb.ref('events.id'))]))
      .execute();
    expect(orphans).toEqual([]);

    // `locked_by` stays on a processed row: it names the worker, so the process, that did it.
    const byWorker = await db.kysely
      .selectFrom('inbox')
      .select(['locked_by', sql<number>`count(*)`.as('n')])
      .groupBy('locked_by')
      .execute();
    expect(byWorker.filter((row) => row.locked_by !== null && Number(row.n) > 0).length, JSON.stringify(byWorker)).toBe(2);
  });
});
