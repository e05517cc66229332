import { afterEach, describe, expect, it } from 'vitest';
import { Receiver } from '../forward/receiver.ts';
import { DIALECTS, TEST_ADMIN_TOKEN } from '../support/databases.ts';
import { waitFor } from '../support/harness.ts';
import { spawnServer } from '../support/process-server.ts';
import { useCrashScene } from './crash-database.ts';

/**
 * Deliveries the pipeline hands to its own process's delivery worker are written leased to that
 * worker and sent from memory (forward/delivery-handoff.ts). A process killed with them on the
 * wire loses none: their lease runs out and the next process claims them from the outbox.
 */
describe.each(DIALECTS)('a process killed holding handed-over deliveries (%s)', (dialect) => {
  let receiver: Receiver | undefined;
  // Registered before the scene, so it runs after the servers are killed (vitest runs after-hooks
  // in reverse): the receiver outlives every process that sends to it.
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });
  const scene = useCrashScene(dialect, 'SIGKILL');
  const { servers } = scene;

  it('leaves them to the next process, which delivers every one', { timeout: 120_000 }, async () => {
    // Leases of 2 × 1.5 s + 0.5 s: the kill comes while the requests hang, long before the timeout.
    const database = scene.database({ FORWARD_ALLOW_PRIVATE_TARGETS: 'true', FORWARD_TIMEOUT_MS: '1500', WORKER_LEASE_MS: '500', FORWARD_CONCURRENCY: '32' });
    receiver = await Receiver.start(() => 'hang');
    const doomed = await spawnServer({ env: database.env });
    servers.push(doomed);
    const credentials = doomed.firstStart;
    if (!credentials) throw new Error(`the first start printed no credentials:\n${doomed.output()}`);
    const call = async (path: string, body: unknown, authorization = `Bearer ${TEST_ADMIN_TOKEN}`) => {
      const response = await fetch(`${doomed.url}${path}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return (await response.json()) as Record<string, unknown>;
    };
    const base = `/api/v1/workspaces/${credentials.workspaceId}`;
    const destination = await call(`${base}/destinations`, { name: 'receiver', url: receiver.url });
    await call(`${base}/event-forwarding-rules`, { name: 'all', destination_id: destination.id, event_types: ['track'], event_names: [], enabled: true });
    const writeKey = `Basic ${Buffer.from(`${credentials.writeKey}:`).toString('base64')}`;
    const track = (n: number) => ({ type: 'track', event: 'Crash Test', userId: 'u1', messageId: `crash-${n}`, properties: { n } });

    // The first event goes through the queue and opens the lane; the next ones are handed over.
    await call('/v1/batch', { batch: [track(0)] }, writeKey);
    await waitFor(() => (receiver!.requests.length === 1 ? true : undefined), 'the first request', 20_000);
    await call('/v1/batch', { batch: Array.from({ length: 20 }, (_, n) => track(n + 1)) }, writeKey);
    await waitFor(() => (receiver!.requests.length === 21 ? true : undefined), 'every request on the wire', 20_000);
    await doomed.kill('SIGKILL');
    servers.splice(servers.indexOf(doomed), 1);

    const db = await scene.open();
    const held = await db.kysely.selectFrom('deliveries').select(['status', 'attempt_count']).execute();
    expect(held).toHaveLength(21);
    expect(held.every((row) => row.status === 'delivering' && row.attempt_count === 0), 'all leased, none settled').toBe(true);

    receiver.behaviour = () => 204;
    const heir = await spawnServer({ env: database.env });
    servers.push(heir);
    await waitFor(
      async () => {
        const rows = await db.kysely.selectFrom('deliveries').select('status').execute();
        return rows.every((row) => row.status === 'delivered') ? true : undefined;
      },
      'every delivery to be delivered by the next process',
      30_000,
    );
    const answered = receiver.requests.filter((request) => request.status === 204);
    const delivered = answered.map((request) => (JSON.parse(request.body) as { properties: { n: number } }).properties.n);
    expect(delivered.sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, n) => n));
    // A resend keeps its webhook-id, so a receiver can tell it from a new event.
    const firstIds = new Set(receiver.requests.slice(0, 21).map((request) => request.headers['webhook-id']));
    expect(answered.every((request) => firstIds.has(request.headers['webhook-id']))).toBe(true);
  });
});
