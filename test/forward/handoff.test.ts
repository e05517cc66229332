import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PipelineStage } from '../../src/pipeline/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { bearer, startTestServer, useTestServer, waitFor } from '../support/harness.ts';
import { forwardingApi } from './forward-support.ts';
import { verifySignature, type Receiver } from './receiver.ts';

/**
 * The pipeline hands the deliveries it writes for a lane that is sending straight to the delivery
 * worker (forward/delivery-handoff.ts): written leased, sent from memory after the commit. What a
 * receiver gets must not change, and a rolled-back batch must give its room back.
 */
describe.each(DIALECTS)('handing fresh deliveries to the delivery worker on %s', (dialect) => {
  const BOUND = 3;
  /** Event names the test stage (after forwarding) throws on, failing the whole batch. */
  const poison = new Set<string>();
  const failingStage: PipelineStage = {
    name: 'test-poison',
    async run(items) {
      if (items.some((item) => item.event.name !== null && poison.has(item.event.name))) throw new Error('the test stage refuses this batch');
    },
  };
  const receivers: Receiver[] = [];
  // Registered before the server, so it runs after the server's close (vitest runs after-hooks
  // in reverse): the server stops sending before its receivers go away.
  afterAll(() => Promise.all(receivers.map((receiver) => receiver.close())));
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardConcurrency: BOUND }, { extraStages: [failingStage] });
  let api: ReturnType<typeof forwardingApi>;
  beforeAll(async () => {
    api = forwardingApi(server);
  });

  function worker() {
    const found = server.runtime.deliveryWorker;
    if (!found) throw new Error('the test server runs no delivery worker');
    return found;
  }

  async function wire(eventName: string) {
    const wired = await api.wire({ eventNames: [eventName] });
    receivers.push(wired.receiver);
    // The first delivery goes through the queue and opens the destination's lane.
    await api.track([{ event: eventName, properties: { n: -1 } }]);
    await api.settled(wired.destinationId, 1, ['delivered']);
    return wired;
  }

  async function eventResources(): Promise<Map<string, unknown>> {
    const response = await server.inject({
      method: 'GET',
      url: `/api/v1/workspaces/${server.workspaceId}/events?limit=100`,
      headers: { authorization: bearer(server.operatorToken) },
    });
    expect(response.statusCode).toBe(200);
    return new Map((response.json().data as Array<{ id: string }>).map((event) => [event.id, event]));
  }

  it('sends to a lane that is sending from memory, with the bodies the events API shows, signed', async () => {
    const { receiver, destinationId, secret } = await wire('Handoff Test');
    const reserve = vi.spyOn(worker(), 'reserve');
    try {
      await api.track(Array.from({ length: 4 }, (_, n) => ({ event: 'Handoff Test', properties: { n, nested: { list: [1, null, 'x'] } } })));
      await api.settled(destinationId, 5, ['delivered']);
      const leases = reserve.mock.results.map((result) => result.value).filter((lease) => lease !== undefined);
      expect(leases.length, 'deliveries handed over in memory').toBeGreaterThan(0);
    } finally {
      reserve.mockRestore();
    }
    const stored = await eventResources();
    const bodies = receiver.requests.map((request) => verifySignature(secret, request) as { id: string; properties: { n: number } });
    expect(bodies.map((body) => body.properties.n).sort()).toEqual([-1, 0, 1, 2, 3]);
    for (const body of bodies) expect(body).toEqual(stored.get(body.id));
    for (const row of await api.deliveries(destinationId)) expect(row.attempts).toHaveLength(1);
  });

  it('gives back the room of a batch that rolls back; its events that pass then go alone', async () => {
    const { receiver, destinationId } = await wire('Rollback Test');
    poison.add('Rollback Poison');
    const reserve = vi.spyOn(worker(), 'reserve');
    try {
      // One batch of 2 × BOUND deliveries (the lane's whole room), failed by the test stage.
      await api.track([...Array.from({ length: 2 * BOUND }, (_, n) => ({ event: 'Rollback Test', properties: { n } })), { event: 'Rollback Poison' }]);
      await api.settled(destinationId, 2 * BOUND + 1, ['delivered']);
      const leases = reserve.mock.results.map((result) => result.value as { rows: number } | undefined);
      expect(leases[0]?.rows, 'the failed batch reserved the whole room').toBe(2 * BOUND);
      // Had the room not come back, the events retried one by one would have found none.
      expect(leases.slice(1).filter((lease) => lease?.rows === 1)).toHaveLength(2 * BOUND);
    } finally {
      reserve.mockRestore();
      poison.clear();
    }
    const seen = receiver.requests.map((request) => (JSON.parse(request.body) as { properties: { n: number } }).properties.n);
    expect(seen.sort((a, b) => a - b)).toEqual([-1, ...Array.from({ length: 2 * BOUND }, (_, n) => n)]);
    const lease = worker().reserve(destinationId, 2 * BOUND);
    expect(lease?.rows, 'the whole room is free again').toBe(2 * BOUND);
    lease?.cancel();
  });

  it('keeps a one-slot lane to the queue, in order', async () => {
    const ordered = await startTestServer(dialect, { forwardAllowPrivateTargets: true, forwardConcurrency: 1 });
    try {
      const orderedApi = forwardingApi(ordered);
      const { receiver, destinationId } = await orderedApi.wire({ eventNames: ['Ordered Test'] });
      receivers.push(receiver);
      await orderedApi.track([{ event: 'Ordered Test', properties: { n: 0 } }]);
      await orderedApi.settled(destinationId, 1, ['delivered']);
      expect(ordered.runtime.deliveryWorker?.reserve(destinationId, 1)).toBeUndefined();
      await orderedApi.track(Array.from({ length: 5 }, (_, n) => ({ event: 'Ordered Test', properties: { n: n + 1 } })));
      await orderedApi.settled(destinationId, 6, ['delivered']);
      await waitFor(() => (receiver.requests.length === 6 ? true : undefined), 'six requests');
      expect(receiver.requests.map((request) => (JSON.parse(request.body) as { properties: { n: number } }).properties.n)).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      await ordered.close();
    }
  });
});
