import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryWorker } from '../../src/forward/index.ts';
import { settleDeliveries } from '../../src/forward/delivery-queue.ts';
import { newId } from '../../src/lib/ids.ts';
import { DIALECTS } from '../support/databases.ts';
import { useTestServer, waitFor } from '../support/harness.ts';
import { forwardingApi } from './forward-support.ts';
import { Receiver } from './receiver.ts';

describe.each(DIALECTS)('shared delivery queue on %s', (dialect) => {
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardRetryBaseMs: 20 });
  let api: ReturnType<typeof forwardingApi>;
  let second: DeliveryWorker;
  const receivers: Receiver[] = [];
  beforeAll(async () => {
    api = forwardingApi(server);
    const context = server.runtime.services;
    // A second worker on the same database, as another process would run one.
    second = new DeliveryWorker({ db: context.db, config: context.config, secrets: context.forward.secrets, logger: pino({ level: 'silent' }), transformer: context.transformer });
    second.start();
  });
  afterAll(async () => {
    await second?.stop();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  it('delivers every event exactly once when two workers claim from the same destination', async () => {
    const wired = await api.wire({ eventNames: ['Shared Test'] });
    receivers.push(wired.receiver);
    await api.track(Array.from({ length: 40 }, (_, n) => ({ event: 'Shared Test', properties: { n } })));
    await api.settled(wired.destinationId, 40, ['delivered'], 20_000);
    const seen = wired.receiver.acceptedEvents().map((event) => (event.properties as { n: number }).n);
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
  });

  it('re-sends a delivery whose worker died mid-send once its lease runs out, and ignores the dead worker later', async () => {
    const receiver = await Receiver.start();
    receivers.push(receiver);
    const destination = (await api.call('POST', '/destinations', { name: 'lease test', url: receiver.url })).json();
    const [messageId] = await api.track([{ event: 'Lease Test Unrouted' }]);
    const event = await waitFor(
      () => server.db.kysely.selectFrom('events').select('id').where('message_id', '=', messageId!).executeTakeFirst(),
      'the event',
    );
    // A row as a crashed worker leaves it: claimed, leased for 300 ms more, never settled.
    const now = Date.now();
    const id = newId();
    await server.db.kysely
      .insertInto('deliveries')
      .values({
        id,
        workspace_id: server.workspaceId,
        destination_id: destination.id,
        rule_id: 'rule-of-the-crashed-process',
        event_id: event.id,
        transformation_id: null,
        status: 'delivering',
        batch_id: id,
        available_at: now + 300,
        locked_by: 'dw_crashed',
        attempt_count: 0,
        deadline_at: now + 60_000,
        last_status_code: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        delivered_at: null,
      })
      .execute();
    const [delivered] = await api.settled(destination.id, 1, ['delivered']);
    expect(Date.now() - now).toBeGreaterThanOrEqual(290);
    expect(receiver.requests.map((request) => request.headers['webhook-id'])).toEqual([id]);
    // The crashed worker comes back and reports a failure: it no longer holds the row, so nothing changes.
    await settleDeliveries(server.db, 'dw_crashed', [{ id, status: 'failed', attempt: { statusCode: 500, latencyMs: 1, error: 'late' } }], Date.now());
    const [after] = await api.deliveries(destination.id);
    expect(after).toMatchObject({ status: 'delivered', attempt_count: delivered!.attempt_count });
    expect(after!.attempts).toHaveLength(1);
  });

  it('picks up a rule written by another process within about a second', async () => {
    const receiver = await Receiver.start();
    receivers.push(receiver);
    const destination = (await api.call('POST', '/destinations', { name: 'late rule', url: receiver.url })).json();
    // Warm this process's rule cache for the workspace, then add the rule behind its back.
    await api.track([{ event: 'Late Rule Test' }]);
    await waitFor(async () => {
      const row = await server.db.kysely.selectFrom('inbox').select('status').where('status', '!=', 'processed').executeTakeFirst();
      return row ? undefined : true;
    }, 'the inbox to drain');
    const now = Date.now();
    await server.db.kysely
      .insertInto('forwarding_rules')
      .values({
        id: newId(),
        workspace_id: server.workspaceId,
        name: 'written elsewhere',
        destination_id: destination.id,
        event_types: '[]',
        event_names: '["Late Rule Test"]',
        transformation_id: null,
        enabled: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const started = Date.now();
    let lastSent = 0;
    await waitFor(async () => {
      // One event every 100 ms until one is forwarded: the rule shows once the cached copy expires.
      if (Date.now() - lastSent >= 100) {
        lastSent = Date.now();
        await api.track([{ event: 'Late Rule Test' }]);
      }
      return receiver.accepted.length > 0 ? true : undefined;
    }, 'a delivery through the new rule', 5000);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
