import { sql, type Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeartbeat } from '../../../src/attribution/distributions/index.ts';
import type { Database } from '../../../src/db/index.ts';
import { DIALECTS } from '../../support/databases.ts';
import { startTestServer, waitFor, type TestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const yesterday = (hours: number) => new Date(today - DAY + hours * 3_600_000).toISOString();

/** A gate a bus listener waits on: the test opens it once it has seen what it waits for. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** A metric that arrives for a period a distribution has already paid out: refused, never accepted and lost. */
describe.each(DIALECTS)('metrics for a distributed period on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  const fixedPool = (f: PayoutFixtures, amount = 1000, metric = 'referrals') =>
    f.ok('POST', '/distributions', { name: 'Referral league', metric, pool: { type: 'fixed', amount, currency: 'USD' }, period: 'daily' });

  const sendMetric = (f: PayoutFixtures, collaboratorId: number, value: number, occurredAt = yesterday(10), metric = 'referrals') =>
    f.event('metric', { collaboratorId, metric, value, occurredAt });

  /**
   * The backends (PostgreSQL) that wait for a lock `pid` holds. SQLite has one writer: a second
   * transaction cannot even start while the first is open, so there is nothing to look at.
   */
  async function blockedBy(pid: number): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`.execute(server.runtime.services.db.kysely);
    return rows[0]!.n;
  }

  async function backendPid(trx: Kysely<Database>): Promise<number | null> {
    if (dialect !== 'postgres') return null;
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
    return rows[0]!.pid;
  }

  it('answers 409 metric_period_closed naming the distribution and the period, and the run stays as it was', async () => {
    const f = await PayoutFixtures.create(server, 'closed');
    const ada = await f.collaborator('Ada');
    const distribution = await fixedPool(f);
    expect((await sendMetric(f, ada, 2)).statusCode).toBe(200);
    const [run] = (await f.ok('POST', '/distributions/run')).data;
    expect(run).toMatchObject({ metric_total: '2', period_start: new Date(today - DAY).toISOString() });

    const late = await sendMetric(f, ada, 3, yesterday(20));
    expect(late.statusCode, late.body).toBe(409);
    const error = late.json().error;
    expect(error.code).toBe('metric_period_closed');
    expect(error.data.fields).toEqual([
      {
        field: 'occurredAt',
        message: `falls in the period ${run.period_start} – ${run.period_end} that distribution ${distribution.id} (Referral league) already distributed (run ${run.id})`,
      },
    ]);
    // Nothing was stored or logged for it, and the period was not paid twice.
    expect(await f.log(String(late.headers['x-event-id']))).toEqual([]);
    const entries = await f.db.selectFrom('metric_entries').select('value').where('workspace_id', '=', f.workspaceId).execute();
    expect(entries.map((e) => e.value)).toEqual(['2']);
    expect((await f.ok('POST', '/distributions/run')).data).toEqual([]);
    expect((await f.obligations()).map((o) => o.amount)).toEqual([1000]);

    // The period still open takes metrics, and so does a metric no distribution counts.
    expect((await sendMetric(f, ada, 1, new Date(today + 60_000).toISOString())).statusCode).toBe(200);
    expect((await sendMetric(f, ada, 1, yesterday(20), 'hours')).statusCode).toBe(200);
  });

  it('refuses a late value of the metric a metric_share pool is computed from', async () => {
    const f = await PayoutFixtures.create(server, 'closed-pool');
    const ada = await f.collaborator('Ada');
    await f.ok('POST', '/distributions', { name: 'Revenue share', metric: 'hours', pool: { type: 'metric_share', basis_points: 1000, metric: 'revenue', currency: 'USD' }, period: 'daily' });
    expect((await sendMetric(f, ada, 1, yesterday(5), 'hours')).statusCode).toBe(200);
    expect((await sendMetric(f, ada, 5000, yesterday(5), 'revenue')).statusCode).toBe(200);
    expect((await f.ok('POST', '/distributions/run')).data[0]).toMatchObject({ pool: 500 });
    const late = await sendMetric(f, ada, 5000, yesterday(6), 'revenue');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('metric_period_closed');
  });

  it('a metric arriving while the run of its period computes is refused once the run commits, not accepted and lost', async () => {
    const f = await PayoutFixtures.create(server, 'race-late');
    const ada = await f.collaborator('Ada');
    await fixedPool(f);
    expect((await sendMetric(f, ada, 2)).statusCode).toBe(200);
    const held = gate();
    let runPid: number | null | undefined;
    const engine = server.runtime.services.attribution;
    const off = engine.bus.on('DistributionCompleted', async (_payload, context) => {
      if (context.workspaceId !== f.workspaceId) return;
      runPid = await backendPid(context.trx);
      await held.opened;
    });
    try {
      const running = runHeartbeat(server.runtime.services.db, engine, Date.now(), f.workspaceId);
      await waitFor(() => runPid, 'the run to reach DistributionCompleted');
      let answer: LightMyRequestResponse | undefined;
      const late = sendMetric(f, ada, 3, yesterday(11)).then((res) => (answer = res));
      // On PostgreSQL the metric's flow must wait for the run; without the lock it answers at once.
      if (runPid !== null) await waitFor(async () => (answer !== undefined || (await blockedBy(runPid!)) > 0 ? true : undefined), 'the metric to wait for the run or answer');
      held.open();
      const [outcome] = await running;
      const res = await late;
      const run = outcome!.run;
      // Counted in the run, or refused: never 200 and missing from the run.
      expect(res.statusCode === 409 || run.metric_total === '5', `answered ${res.statusCode}, run counted ${run.metric_total}`).toBe(true);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('metric_period_closed');
    } finally {
      off();
    }
  });

  it('a metric accepted before the run of its period is counted in it, even when it commits while the run starts', async () => {
    const f = await PayoutFixtures.create(server, 'race-early');
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob');
    await fixedPool(f);
    expect((await sendMetric(f, ada, 2)).statusCode).toBe(200);
    const held = gate();
    let metricPid: number | null | undefined;
    const engine = server.runtime.services.attribution;
    const off = engine.bus.on('MetricsTriggered', async (payload, context) => {
      if (context.workspaceId !== f.workspaceId || payload.collaboratorId !== bob) return;
      metricPid = await backendPid(context.trx);
      await held.opened;
    });
    try {
      const early = sendMetric(f, bob, 2, yesterday(12));
      await waitFor(() => metricPid, 'the metric flow to reach MetricsTriggered');
      let outcome: Awaited<ReturnType<typeof runHeartbeat>> | undefined;
      // On SQLite the batch holds the one writer: the run cannot start until the metric commits.
      const running = runHeartbeat(server.runtime.services.db, engine, Date.now(), f.workspaceId).then((o) => (outcome = o));
      if (metricPid !== null) await waitFor(async () => (outcome !== undefined || (await blockedBy(metricPid!)) > 0 ? true : undefined), 'the run to wait for the metric or finish');
      held.open();
      expect((await early).statusCode).toBe(200);
      await running;
      expect(outcome![0]!.run.metric_total).toBe('4');
      expect(outcome![0]!.allocations.map((a) => [a.collaboratorId, a.amount])).toEqual([
        [ada, 500],
        [bob, 500],
      ]);
    } finally {
      off();
    }
  });
});
