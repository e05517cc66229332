import { describe, expect, it } from 'vitest';
import { DistributionScheduler } from '../../../src/attribution/distributions/index.ts';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer, waitFor } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

const DAY = 86_400_000;

/** The heartbeat `serve` runs: it beats on its own, and beats after a period ran change nothing. */
describe.each(DIALECTS)('the distribution scheduler on %s', (dialect) => {
  const server = useTestServer(dialect);


  it('beats on its interval, runs the ended period once, and stops cleanly', async () => {
    const f = await PayoutFixtures.create(server, 'scheduler');
    const ada = await f.collaborator('Ada');
    await f.ok('POST', '/distributions', { name: 'Daily', metric: 'tasks', pool: { type: 'fixed', amount: 90, currency: 'USD' }, period: 'daily' });
    const yesterday = new Date(Math.floor(Date.now() / DAY) * DAY - DAY / 2).toISOString();
    expect((await f.event('metric', { collaboratorId: ada, metric: 'tasks', value: 3, occurredAt: yesterday })).statusCode).toBe(200);
    const errors: unknown[] = [];
    let beats = 0;
    const { db, attribution } = server.services;
    const counting = { clock: attribution.clock, runAction: ((...args: Parameters<typeof attribution.runAction>) => ((beats += 1), attribution.runAction(...args))) as typeof attribution.runAction };
    const scheduler = new DistributionScheduler(db, counting, (error) => errors.push(error), 20);
    scheduler.start();
    try {
      await waitFor(async () => ((await f.obligations()).length > 0 ? true : undefined), 'the scheduler to run the period');
      // Wait for more beats of this workspace's distribution: they must find the period taken.
      const after = beats;
      await waitFor(() => (beats >= after + 3 ? true : undefined), 'three more beats');
    } finally {
      await scheduler.stop();
    }
    expect(errors).toEqual([]);
    expect((await f.obligations()).map((o) => [o.collaborator_id, o.amount, o.status])).toEqual([[ada, 90, 'pending']]);
  });
});
