import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { basicAuth, bearer, useTestServer, waitFor } from '../support/harness.ts';

/**
 * Two runtimes on one PostgreSQL schema, as two `tributary serve` processes: A runs the workers
 * and the regulation runner, B only serves ingest. B's suppression list is up to
 * CREDENTIAL_CACHE_MS old, so a delete recorded on A must erase what B accepted meanwhile.
 */
describe('regulations across processes on postgres', () => {
  const a = useTestServer('postgres', { credentialCacheMs: 60_000 });
  let b: Runtime;

  beforeAll(async () => {
    b = await createRuntime({ ...a.config, runWorkers: false }, { logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await b?.close();
  });

  const trackOnB = async (body: Record<string, unknown>) => {
    const res = await b.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: basicAuth(a.writeKey) }, payload: body });
    expect(res.statusCode).toBe(200);
  };

  const eventsOf = (userId: string) => a.db.kysely.selectFrom('events').select('name').where('user_id', '=', userId).execute();

  it('a delete recorded on one process erases an event another process accepted with a suppression list older than the delete', async () => {
    await trackOnB({ userId: 'xp-user', event: 'Before' });
    await waitFor(async () => ((await eventsOf('xp-user')).length === 1 ? true : undefined), 'the first event');

    const created = await a.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${a.workspaceId}/regulations`,
      headers: { authorization: bearer(a.operatorToken) },
      payload: { type: 'delete', subject_type: 'user_id', subject_ids: ['xp-user'] },
    });
    expect(created.statusCode).toBe(202);
    const id = created.json().id as string;
    const runner = a.services.regulations!;
    await runner.runOnce(Date.now());

    // B read its list before the regulation and keeps it for a minute: it accepts and stores.
    await trackOnB({ userId: 'xp-user', event: 'Accepted by the stale process' });
    a.runtime.worker?.wake();
    await waitFor(async () => ((await eventsOf('xp-user')).length === 1 ? true : undefined), 'the stale process\'s event to be stored');
    // Within the settle window (the cache's lifetime) the delete may not finish.
    await runner.runOnce(Date.now());
    expect((await a.db.kysely.selectFrom('regulations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('running');

    // Once every process's list has turned over, the last pass erases it and the delete is done.
    await runner.runOnce(Date.now() + a.services.suppressions.settleMs + 1);
    const done = await a.db.kysely.selectFrom('regulations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(done.status).toBe('finished');
    expect(JSON.parse(done.counts).events).toBe(2);
    expect(await eventsOf('xp-user')).toEqual([]);
  });
});
