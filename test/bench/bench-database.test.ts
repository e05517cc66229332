import { afterEach, describe, expect, it } from 'vitest';
import { createBenchDatabase, type BacklogProbe, type BenchDatabase } from '../../bench/bench-database.ts';
import { trackBody } from '../../bench/load.ts';
import { DIALECTS } from '../support/databases.ts';
import { waitFor } from '../support/harness.ts';
import { spawnServer, type ProcessServer } from '../support/process-server.ts';

// bench/e2e.ts stops its clock when the probe says every accepted event is canonical: the probe
// must not say so while a request waits in the journal or an inbox row is still due.
describe.each(DIALECTS)('the benchmarks\' backlog probe (%s)', (dialect) => {
  let database: BenchDatabase | undefined;
  let probe: BacklogProbe | undefined;
  const servers: ProcessServer[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.kill('SIGKILL')));
    await probe?.close();
    await database?.drop();
    probe = undefined;
    database = undefined;
  });

  async function send(server: ProcessServer, writeKey: string, path: string, body: unknown): Promise<void> {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  }

  it('counts accepted events as backlog until a worker has made them canonical', { timeout: 120_000 }, async () => {
    database = await createBenchDatabase(dialect);
    const env = { ...database.env, TRIBUTARY_ADMIN_TOKEN: 'trb_op_test_operator_token_0123456789' };
    const apiOnly = await spawnServer({ env: { ...env, WORKERS: 'false' } });
    servers.push(apiOnly);
    const writeKey = apiOnly.firstStart?.writeKey;
    if (!writeKey) throw new Error(`no write key printed:\n${apiOnly.output()}`);
    probe = await database.probe();
    expect(await probe.drained()).toBe(true);

    const message = (id: string) => ({ ...trackBody(), messageId: id });
    await send(apiOnly, writeKey, '/v1/track', message('probe-1'));
    await send(apiOnly, writeKey, '/v1/track', message('probe-2'));
    await send(apiOnly, writeKey, '/v1/batch', { batch: [1, 2, 3, 4, 5].map((n) => message(`probe-batch-${n}`)) });
    expect(await probe.drained()).toBe(false);
    expect(await probe.backlog()).toBe(7);
    expect(await probe.events()).toBe(0);

    await apiOnly.kill('SIGTERM');
    servers.splice(0);
    servers.push(await spawnServer({ env }));
    await waitFor(async () => ((await probe!.drained()) ? true : undefined), 'the backlog processed', 60_000);
    expect(await probe.backlog()).toBe(0);
    expect(await probe.events()).toBe(7);
    // The server's own database processes (PostgreSQL backends) are found; SQLite has none.
    const serverCpu = await probe.serverCpu();
    if (dialect === 'postgres') expect(serverCpu.size).toBeGreaterThan(0);
    else expect(serverCpu.size).toBe(0);
  });
});
