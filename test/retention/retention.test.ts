import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PayoutFixtures } from '../attribution/fulfillment/payout-fixtures.ts';
import { forwardingApi } from '../forward/forward-support.ts';
import { DIALECTS } from '../support/databases.ts';
import { bearer, createApiKey, useTestServer, waitFor, waitForAccepted, type TestServer } from '../support/harness.ts';

const DAY = 86_400_000;
const METRICS_TOKEN = 'metrics-token-0123456789';
const DEFAULTS = { events_days: 90, inbox_days: 90, deliveries_days: 30, violations_days: 30, volume_days: null };

/** Money records and the domain-event log: retention must never delete a row of these. */
const MONEY_TABLES = [
  'attribution_transactions',
  'conversions',
  'obligations',
  'payouts',
  'payout_items',
  'fulfillments',
  'ledger_entries',
  'domain_events',
  'opportunities',
  'engagements',
] as const;

async function rowCounts(server: TestServer, tables: readonly string[], workspaceId = server.workspaceId): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(server.db.kysely);
    counts[table] = Number(row.rows[0]!.n);
  }
  return counts;
}

describe.each(DIALECTS)('retention on %s', (dialect) => {
  // The clock retention measures age by: tests move it forward to make data old.
  let offset = 0;
  const server = useTestServer(
    dialect,
    { forwardAllowPrivateTargets: true, metricsToken: METRICS_TOKEN, retentionIntervalMs: 20, retentionPauseMs: 0 },
    { clock: { now: () => Date.now() + offset } },
  );
  const op = () => ({ authorization: bearer(server.operatorToken) });
  const settingsUrl = (workspaceId = server.workspaceId) => `/api/v1/workspaces/${workspaceId}/retention-settings`;
  const put = (payload: object, headers = op(), workspaceId = server.workspaceId) => server.inject({ method: 'PUT', url: settingsUrl(workspaceId), headers, payload });
  const list = async (path: string, workspaceId = server.workspaceId) => {
    const res = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${workspaceId}${path}`, headers: op() });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /** Moves the clock and waits for a pruning round that started after the move. */
  async function ageBy(ms: number): Promise<void> {
    offset += ms;
    const retention = server.runtime.retention!;
    const before = retention.finished.rounds;
    retention.wake();
    await waitFor(() => (retention.finished.rounds >= before + 2 ? true : undefined), 'a retention round after the clock moved');
  }

  async function pruned(table: string): Promise<number> {
    const res = await server.inject({ method: 'GET', url: '/metrics', headers: { authorization: bearer(METRICS_TOKEN) } });
    const line = res.body.split('\n').find((l) => l.startsWith(`tributary_retention_pruned_rows_total{table="${table}"}`));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  }

  describe('settings', () => {
    it('answers the defaults for a workspace that never chose', async () => {
      const res = await server.inject({ method: 'GET', url: settingsUrl(), headers: op() });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ...DEFAULTS, updated_at: null });
    });

    it('replaces the settings whole; null keeps that data for ever', async () => {
      const chosen = { events_days: 30, inbox_days: 14, deliveries_days: null, violations_days: 7, volume_days: 365 };
      const res = await put(chosen);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject(chosen);
      expect(Date.parse(res.json().updated_at)).not.toBeNaN();
      expect((await server.inject({ method: 'GET', url: settingsUrl(), headers: op() })).json()).toEqual(res.json());
    });

    it('refuses days outside 1 to 3650, non-integers, missing and unknown fields with every field named, and changes nothing', async () => {
      const before = (await server.inject({ method: 'GET', url: settingsUrl(), headers: op() })).json();
      const res = await put({ events_days: 0, inbox_days: 3651, deliveries_days: 1.5, violations_days: '30', bogus: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      const fields = (res.json().error.data.fields as Array<{ field: string }>).map((f) => f.field).sort();
      expect(fields).toEqual(['bogus', 'deliveries_days', 'events_days', 'inbox_days', 'violations_days', 'volume_days']);
      expect((await put([])).statusCode).toBe(400);
      expect((await server.inject({ method: 'GET', url: settingsUrl(), headers: op() })).json()).toEqual(before);
    });

    it('is admin-only: 401 without a credential, 403 for a key without admin, 404 for another or an unknown workspace', async () => {
      expect((await server.inject({ method: 'GET', url: settingsUrl(), headers: {} })).statusCode).toBe(401);
      const reader = await createApiKey(server, { label: 'reader', scopes: ['events:read'] });
      expect((await server.inject({ method: 'GET', url: settingsUrl(), headers: { authorization: bearer(reader) } })).statusCode).toBe(403);
      expect((await put(DEFAULTS, { authorization: bearer(reader) })).statusCode).toBe(403);
      const other = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: op(), payload: { name: 'other' } });
      const admin = await createApiKey(server, { label: 'admin', scopes: ['admin'] });
      const cross = await server.inject({ method: 'GET', url: settingsUrl(other.json().id), headers: { authorization: bearer(admin) } });
      expect(cross.statusCode).toBe(404);
      expect((await server.inject({ method: 'PUT', url: settingsUrl(other.json().id), headers: { authorization: bearer(admin) }, payload: DEFAULTS })).statusCode).toBe(404);
      expect((await server.inject({ method: 'GET', url: settingsUrl('0190a000-0000-7000-8000-000000000000'), headers: op() })).statusCode).toBe(404);
    });
  });

  describe('pruning in the background', () => {
    it('deletes each kind of data at its own age, and counts the rows in metrics', async () => {
      offset = 0;
      expect((await put(DEFAULTS)).statusCode).toBe(200);
      const api = forwardingApi(server);
      const wired = await api.wire({ eventNames: ['Kept A While'] });
      try {
        await api.track([{ event: 'Kept A While' }, { event: 'Kept A While' }, { event: 'Kept A While' }]);
        await api.settled(wired.destinationId, 3, ['delivered']);
      } finally {
        await wired.receiver.close();
      }
      const contract = await server.inject({
        method: 'POST',
        url: `/api/v1/workspaces/${server.workspaceId}/event-contracts`,
        headers: op(),
        payload: { name: 'warned', event_type: 'track', event_name: 'Warned', schema_definition: { properties: { total: { type: 'number', required: true } } }, enforcement_mode: 'warn' },
      });
      expect(contract.statusCode).toBe(201);
      const warned = await server.inject({
        method: 'POST',
        url: `/api/v1/workspaces/${server.workspaceId}/events/track`,
        headers: { authorization: bearer(server.writeKey) },
        payload: { event: 'Warned', user_id: 'u-1', properties: {} },
      });
      expect(warned.statusCode).toBe(202);
      await waitForAccepted(server);
      const violations = `/event-contracts/${contract.json().id}/violations`;
      await waitFor(async () => ((await list(violations)).data.length === 1 ? true : undefined), 'the violation');
      const events = (await list('/events?limit=100')).data.length;
      expect(events).toBeGreaterThanOrEqual(4);
      const before = { events: await pruned('events'), deliveries: await pruned('deliveries'), attempts: await pruned('delivery_attempts') };

      // A month on: finished deliveries (30 days) and violations (30) go; events and inbox rows (90) stay.
      await ageBy(31 * DAY);
      expect(await api.deliveries(wired.destinationId)).toEqual([]);
      expect((await list(violations)).data).toEqual([]);
      expect((await list('/events?limit=100')).data).toHaveLength(events);
      expect(await pruned('deliveries')).toBe(before.deliveries + 3);
      expect(await pruned('delivery_attempts')).toBe(before.attempts + 3);

      // Three months on: events and inbox rows go too; volume counters (null) stay.
      await ageBy(60 * DAY);
      expect((await list('/events?limit=100')).data).toEqual([]);
      expect((await list('/events/incoming?limit=100')).data).toEqual([]);
      expect(await pruned('events')).toBe(before.events + events);
      const volume = await server.db.kysely.selectFrom('event_volume').select('hour_bucket').where('workspace_id', '=', server.workspaceId).execute();
      expect(volume.length).toBeGreaterThan(0);
    });

    it('keeps an event a delivery still has to send, and inbox rows inside the dedupe window', async () => {
      offset = 0;
      const reader = await createApiKey(server, { label: 'inbox reader', scopes: ['events:read'] });
      const read = (path: string) => server.inject({ method: 'GET', url: `/api/v1/public/authenticated/events${path}`, headers: { authorization: bearer(reader) } });
      expect((await put({ ...DEFAULTS, events_days: 1, inbox_days: 1 })).statusCode).toBe(200);
      const api = forwardingApi(server);
      // The receiver fails every request: the delivery waits for its retry, an hour away.
      const wired = await api.wire({ eventNames: ['Still Owed'], behaviour: () => 500 });
      try {
        const [owedId] = await api.track([{ event: 'Still Owed' }]);
        const [freeId] = await api.track([{ event: 'Not Forwarded' }]);
        await api.settled(wired.destinationId, 1, ['pending']);
        await waitForAccepted(server);
        const eventOf = async (messageId: string) =>
          server.db.kysely.selectFrom('events').select('id').where('workspace_id', '=', server.workspaceId).where('message_id', '=', messageId).executeTakeFirst();
        const owed = await waitFor(() => eventOf(owedId!), 'the owed event');
        await waitFor(() => eventOf(freeId!), 'the other event');

        // Two days on: both events are past one day, but the owed one's delivery is still queued.
        await ageBy(2 * DAY);
        expect((await read(`/${owed.id}`)).statusCode).toBe(200);
        expect(await eventOf(freeId!)).toBeUndefined();
        // Inbox rows are past one day too, but message ids are remembered for 7 days (DEDUPE_WINDOW_HOURS).
        expect((await read(`/incoming/${owed.id}`)).statusCode).toBe(200);
        await ageBy(6 * DAY);
        expect((await read(`/incoming/${owed.id}`)).statusCode).toBe(404);
        expect((await read(`/${owed.id}`)).statusCode).toBe(200);
      } finally {
        await wired.receiver.close();
      }
    });

    it('never deletes money records or their domain events, whatever the settings', async () => {
      offset = 0;
      const f = await PayoutFixtures.create(server, 'money');
      await f.program(1000);
      const ada = await f.collaborator();
      const visit = await f.event('site-visited', { collaboratorId: ada });
      const sale = await f.event('sale', { source: 'shop', externalId: 'ord-kept-1', total: 49.99, currency: 'USD', trackingId: Number(visit.headers['x-siren-oid']) });
      expect(sale.statusCode).toBe(200);
      await f.referredSale(ada, 'ord-kept-2', 20);
      await f.ok('POST', '/fulfillments', { mark_paid: true });
      // A refund after the payout leaves a clawback in the ledger.
      await f.refund('ord-kept-1');
      const saleId = sale.headers['x-event-id'] as string;
      const log = await f.logEntries(saleId);
      const money = await rowCounts(server, MONEY_TABLES, f.workspaceId);
      for (const table of ['attribution_transactions', 'conversions', 'obligations', 'payouts', 'payout_items', 'fulfillments', 'ledger_entries', 'domain_events']) {
        expect(money[table], table).toBeGreaterThan(0);
      }
      const obligations = await f.ok('GET', '/obligations?limit=100');
      expect((await list('/events/incoming?limit=100', f.workspaceId)).data.length).toBeGreaterThan(0);

      expect((await put({ events_days: 1, inbox_days: 1, deliveries_days: 1, violations_days: 1, volume_days: 1 }, op(), f.workspaceId)).statusCode).toBe(200);
      await ageBy(10 * 365 * DAY);
      // Pruning ran over the flows' own events, inbox rows and volume …
      expect((await list('/events/incoming?limit=100', f.workspaceId)).data).toEqual([]);
      expect((await list('/events?limit=100', f.workspaceId)).data).toEqual([]);
      expect(await rowCounts(server, ['event_volume', 'domain_outcomes'], f.workspaceId)).toEqual({ event_volume: 0, domain_outcomes: 0 });
      // … and left every money record and the domain-event log as they were.
      expect(await rowCounts(server, MONEY_TABLES, f.workspaceId)).toEqual(money);
      expect(await f.logEntries(saleId)).toEqual(log);
      expect(await f.ok('GET', '/obligations?limit=100')).toEqual(obligations);
    });
  });
});
