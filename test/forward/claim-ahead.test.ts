import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { useTestServer, waitFor } from '../support/harness.ts';
import { forwardingApi } from './forward-support.ts';
import type { Receiver } from './receiver.ts';

/**
 * A busy one-event lane claims a round of requests ahead of its free slots (so one claim covers
 * many rows), but never sends more than FORWARD_CONCURRENCY requests at once, and never holds
 * more than two rounds claimed.
 */
describe.each(DIALECTS)('claiming ahead on %s', (dialect) => {
  const BOUND = 3;
  const receivers: Receiver[] = [];
  // Registered before the server, so it runs after the server's close (vitest runs after-hooks
  // in reverse): the server stops sending before its receivers go away.
  afterAll(() => Promise.all(receivers.map((receiver) => receiver.close())));
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardConcurrency: BOUND });
  let api: ReturnType<typeof forwardingApi>;
  beforeAll(async () => {
    api = forwardingApi(server);
  });

  it('sends at most the concurrency bound to a hanging receiver, holds one round claimed ahead, and leaves the rest queued', async () => {
    const { receiver, destinationId } = await wire('Ahead Test', () => 'hang');
    await api.track(Array.from({ length: 4 * BOUND }, (_, n) => ({ event: 'Ahead Test', properties: { n } })));
    const statuses = await waitFor(async () => {
      const rows = await api.deliveries(destinationId);
      const delivering = rows.filter((row) => row.status === 'delivering').length;
      return rows.length === 4 * BOUND && delivering === 2 * BOUND ? rows.map((row) => row.status as string) : undefined;
    }, 'two rounds of deliveries to be claimed');
    expect(statuses.filter((status) => status === 'pending')).toHaveLength(2 * BOUND);
    await waitFor(() => (receiver.requests.length >= BOUND ? true : undefined), 'the hanging receiver to be called');
    expect(receiver.requests).toHaveLength(BOUND);
    expect((await api.deliveries(destinationId)).every((row) => row.attempts.length === 0)).toBe(true);
  });

  it('delivers every event once when the receiver answers, whatever the rounds', async () => {
    const { receiver, destinationId } = await wire('Rounds Test', () => 204);
    const count = 10 * BOUND + 1;
    await api.track(Array.from({ length: count }, (_, n) => ({ event: 'Rounds Test', properties: { n } })));
    await api.settled(destinationId, count, ['delivered'], 20_000);
    const seen = receiver.acceptedEvents().map((event) => (event.properties as { n: number }).n);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, n) => n));
  });

  async function wire(eventName: string, behaviour: Parameters<typeof api.wire>[0]['behaviour']) {
    const wired = await api.wire({ eventNames: [eventName], behaviour });
    receivers.push(wired.receiver);
    return wired;
  }
});
