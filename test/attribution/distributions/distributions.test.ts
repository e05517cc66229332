import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeartbeat } from '../../../src/attribution/distributions/index.ts';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, startTestServer, type TestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const yesterday = (hours: number) => new Date(today - DAY + hours * 3_600_000).toISOString();

/** Seed 002's distribution flow, read back from the domain-event log, on both databases. */
describe.each(DIALECTS)('distributions on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  async function metric(f: PayoutFixtures, collaboratorId: number, name: string, value: number | string, occurredAt = yesterday(10)) {
    const res = await f.event('metric', { collaboratorId, metric: name, value, occurredAt });
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers['x-event-id']);
  }

  const fixedPool = (f: PayoutFixtures, amount = 1000) =>
    f.ok('POST', '/distributions', { name: 'Referral league', metric: 'referrals', pool: { type: 'fixed', amount, currency: 'USD' }, period: 'daily' });

  it('a metric event fires MetricsTriggered and keeps the value as exact decimal text', async () => {
    const f = await PayoutFixtures.create(server, 'metrics');
    const ada = await f.collaborator('Ada');
    const eventId = await metric(f, ada, 'hours', '007.50');
    const [entry] = await f.logEntries(eventId);
    expect(entry).toMatchObject({ name: 'MetricsTriggered', payload: { collaboratorId: ada, metric: 'hours', value: '7.5', occurredAt: yesterday(10) } });
    const stored = await f.db.selectFrom('metric_entries').selectAll().where('workspace_id', '=', f.workspaceId).execute();
    expect(stored.map((row) => row.value)).toEqual(['7.5']);
  });

  it('the heartbeat fires DistributionHeartbeatInitialized → DistributionCompleted → AllocationCompleted, ObligationIssued per collaborator, shares summing to the pool', async () => {
    const f = await PayoutFixtures.create(server, 'golden');
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob');
    const distribution = await fixedPool(f);
    await metric(f, ada, 'referrals', 1, yesterday(1));
    await metric(f, bob, 'referrals', 1, yesterday(2));
    await metric(f, ada, 'referrals', 1, yesterday(23));
    // Today's value belongs to a period that has not ended; another metric never counts.
    await metric(f, bob, 'referrals', 5, new Date(today + 60_000).toISOString());
    await metric(f, bob, 'signups', 9, yesterday(3));

    const { data } = await f.ok('POST', '/distributions/run');
    expect(data).toHaveLength(1);
    const run = data[0];
    expect(run).toMatchObject({ distribution_id: distribution.id, pool: 1000, currency: 'USD', metric_total: '3', period_start: new Date(today - DAY).toISOString(), period_end: new Date(today).toISOString() });
    const entries = await f.logEntries(run.inbound_event_id);
    expect(entries.map((e) => e.name)).toEqual(['DistributionHeartbeatInitialized', 'DistributionCompleted', 'AllocationCompleted', 'ObligationIssued', 'AllocationCompleted', 'ObligationIssued']);
    const obligations = await f.obligations();
    expect(obligations.map((o) => [o.collaborator_id, o.amount, o.status, o.conversion_id])).toEqual([
      [ada, 667, 'pending', null],
      [bob, 333, 'pending', null],
    ]);
    expect(entries[0]!.payload).toEqual({ distributionId: distribution.id, runId: run.id, period: 'daily', periodStart: run.period_start, periodEnd: run.period_end });
    expect(entries[1]!.payload).toEqual({ distributionId: distribution.id, runId: run.id, pool: 1000, currency: 'USD', metricTotal: '3', collaboratorCount: 2 });
    expect(entries[2]!.payload).toEqual({ distributionId: distribution.id, runId: run.id, allocationId: run.allocations[0].id, collaboratorId: ada, metricValue: '2', amount: 667, currency: 'USD' });
    expect(entries[3]!.payload).toEqual({ obligationId: obligations[0]!.id, conversionId: null, collaboratorId: ada, amount: 667, currency: 'USD', status: 'pending' });

    // The allocations are payable: the next fulfillment run pays them.
    const paid = await f.ok('POST', '/fulfillments', { mark_paid: true });
    expect(paid.payouts.map((p: any) => [p.collaborator_id, p.amount])).toEqual([
      [ada, 667],
      [bob, 333],
    ]);
  });

  it('a period runs once: a second heartbeat, and two concurrent ones, issue one set of obligations', async () => {
    const f = await PayoutFixtures.create(server, 'once');
    const ada = await f.collaborator('Ada');
    await fixedPool(f, 500);
    await metric(f, ada, 'referrals', 4);
    const engine = server.runtime.services.attribution;
    const db = server.runtime.services.db;
    const [a, b, c] = await Promise.all([
      runHeartbeat(db, engine, Date.now(), f.workspaceId),
      runHeartbeat(db, engine, Date.now(), f.workspaceId),
      f.ok('POST', '/distributions/run').then((res) => res.data as unknown[]),
    ]);
    expect(a.length + b.length + c.length).toBe(1);
    expect((await f.ok('POST', '/distributions/run')).data).toEqual([]);
    expect((await f.obligations()).map((o) => o.amount)).toEqual([500]);
    const runs = await f.ok('GET', `/distributions/${(await f.ok('GET', '/distributions')).data[0].id}/runs`);
    expect(runs.data).toHaveLength(1);
    const allocations = await f.db.selectFrom('allocations').selectAll().where('workspace_id', '=', f.workspaceId).execute();
    expect(allocations).toHaveLength(1);
  });

  it('a beat catches up the periods missed since the last run, each once, oldest first', async () => {
    const f = await PayoutFixtures.create(server, 'catch-up');
    const ada = await f.collaborator('Ada');
    await fixedPool(f, 100);
    for (const day of ['2026-01-10', '2026-01-11', '2026-01-12', '2026-01-13']) await metric(f, ada, 'referrals', 1, `${day}T08:00:00Z`);
    const first = await f.ok('POST', '/distributions/run', { at: '2026-01-11T05:00:00Z' });
    expect(first.data.map((r: any) => r.period_start)).toEqual(['2026-01-10T00:00:00.000Z']);
    const later = await f.ok('POST', '/distributions/run', { at: '2026-01-14T05:00:00Z' });
    expect(later.data.map((r: any) => r.period_start)).toEqual(['2026-01-11T00:00:00.000Z', '2026-01-12T00:00:00.000Z', '2026-01-13T00:00:00.000Z']);
    expect((await f.ok('POST', '/distributions/run', { at: '2026-01-14T23:00:00Z' })).data).toEqual([]);
    expect((await f.obligations()).map((o) => o.amount)).toEqual([100, 100, 100, 100]);
  });

  it('a metric_share pool is basis points of a revenue metric, split by exact decimal metrics', async () => {
    const f = await PayoutFixtures.create(server, 'share');
    const [ada, bob, cy] = [await f.collaborator('Ada'), await f.collaborator('Bob'), await f.collaborator('Cy')];
    await f.ok('POST', '/distributions', {
      name: 'Revenue share',
      metric: 'hours',
      pool: { type: 'metric_share', basis_points: 1000, metric: 'revenue', currency: 'EUR' },
      period: 'weekly',
    });
    // Put everything in the week that ended most recently: the Monday before this week's Monday.
    const weekday = (new Date(today).getUTCDay() + 6) % 7;
    const inLastWeek = new Date(today - weekday * DAY - 3 * DAY).toISOString();
    await metric(f, ada, 'revenue', 10_000, inLastWeek);
    await metric(f, bob, 'revenue', '5000', inLastWeek);
    await metric(f, ada, 'hours', '1.5', inLastWeek);
    await metric(f, bob, 'hours', 1, inLastWeek);
    await metric(f, cy, 'hours', '0.5', inLastWeek);
    const { data } = await f.ok('POST', '/distributions/run');
    expect(data[0]).toMatchObject({ pool: 1500, currency: 'EUR', metric_total: '3' });
    expect(data[0].allocations.map((a: any) => [a.collaborator_id, a.metric_value, a.amount])).toEqual([
      [ada, '1.5', 750],
      [bob, '1', 500],
      [cy, '0.5', 250],
    ]);
  });

  it('distributions CRUD: list, read, update, refuse deleting one that ran, 404 across workspaces', async () => {
    const f = await PayoutFixtures.create(server, 'crud');
    const other = await PayoutFixtures.create(server, 'other');
    const created = await fixedPool(f, 250);
    expect(created).toMatchObject({ name: 'Referral league', metric: 'referrals', pool: { type: 'fixed', amount: 250, currency: 'USD' }, period: 'daily', status: 'active' });
    expect((await f.ok('GET', '/distributions')).data.map((d: any) => d.id)).toEqual([created.id]);
    const patch = await server.inject({
      method: 'PATCH',
      url: `/api/v1/workspaces/${f.workspaceId}/distributions/${created.id}`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { status: 'inactive', period: 'monthly' },
    });
    expect(patch.json()).toMatchObject({ status: 'inactive', period: 'monthly' });
    expect((await other.request('GET', `/distributions/${created.id}`)).statusCode).toBe(404);
    const ada = await f.collaborator('Ada');
    await metric(f, ada, 'referrals', 1);
    expect((await f.ok('POST', '/distributions/run')).data).toEqual([]);

    const ran = await fixedPool(f, 100);
    await f.ok('POST', '/distributions/run');
    const del = (id: number) => server.inject({ method: 'DELETE', url: `/api/v1/workspaces/${f.workspaceId}/distributions/${id}`, headers: { authorization: bearer(server.operatorToken) } });
    expect((await del(ran.id)).json().error.code).toBe('conflict');
    expect((await del(created.id)).statusCode).toBe(204);
  });

  it('answers 400 listing every bad field of a distribution and of a metric event, and 404 for an unknown collaborator', async () => {
    const f = await PayoutFixtures.create(server, 'bad');
    const res = await f.request('POST', '/distributions', { name: '', metric: 'referrals', pool: { type: 'fixed', basis_points: 5, currency: 'usd' }, period: 'hourly' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['name', 'period', 'pool.amount', 'pool.basis_points', 'pool.currency']);
    const ada = await f.collaborator('Ada');
    const bad = await f.event('metric', { collaboratorId: ada, metric: 'x y', value: 1.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['metric', 'value']);
    expect((await f.event('metric', { collaboratorId: 999_999, metric: 'x', value: 1 })).statusCode).toBe(404);
    expect((await f.request('POST', '/distributions/run', { at: 'soon' })).json().error.data.fields).toEqual([{ field: 'at', message: 'must be an ISO 8601 date-time' }]);
  });
});
