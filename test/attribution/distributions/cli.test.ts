import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DIALECTS, TEST_ADMIN_TOKEN } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const run = promisify(execFile);

/** `tributary distributions run` as an operator runs it: its own process on the server's database. */
describe.each(DIALECTS)('tributary distributions run on %s', (dialect) => {
  const server = useTestServer(dialect);


  function cli(args: string[]) {
    const { config } = server;
    const database: Record<string, string> = config.databaseUrl ? { DATABASE_URL: config.databaseUrl, DATABASE_SCHEMA: config.databaseSchema ?? '' } : { DATA_DIR: config.dataDir };
    return run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'distributions', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TRIBUTARY_ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'silent', ...database },
      timeout: 30_000,
    });
  }

  it('two processes running the same period at once issue one set of obligations', { timeout: 60_000 }, async () => {
    const f = await PayoutFixtures.create(server, 'cli');
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob');
    await f.ok('POST', '/distributions', { name: 'Weekly', metric: 'sessions', pool: { type: 'fixed', amount: 1000, currency: 'USD' }, period: 'weekly' });
    const at = '2026-03-04T12:00:00.000Z';
    for (const [collaboratorId, value] of [[ada, 1], [bob, 2]] as const) {
      expect((await f.event('metric', { collaboratorId, metric: 'sessions', value, occurredAt: '2026-02-25T09:00:00Z' })).statusCode).toBe(200);
    }
    const [first, second] = await Promise.all([cli(['run', '--at', at]), cli(['run', '--at', at])]);
    const printed = [first.stdout, second.stdout].flatMap((out) => out.split('\n').filter(Boolean).map((line) => JSON.parse(line)));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ period_start: '2026-02-23T00:00:00.000Z', period_end: '2026-03-02T00:00:00.000Z', pool: 1000 });
    expect(printed[0].allocations.map((a: any) => [a.collaborator_id, a.amount])).toEqual([
      [ada, 333],
      [bob, 667],
    ]);
    expect((await f.obligations()).map((o) => o.amount)).toEqual([333, 667]);
    expect(await f.log(printed[0].inbound_event_id)).toEqual(['DistributionHeartbeatInitialized', 'DistributionCompleted', 'AllocationCompleted', 'ObligationIssued', 'AllocationCompleted', 'ObligationIssued']);
  });

  it('refuses a bad --at with exit code 2', async () => {
    await expect(cli(['run', '--at', 'tomorrowish'])).rejects.toMatchObject({ code: 2 });
  });
});
