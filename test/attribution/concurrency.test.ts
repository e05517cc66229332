import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { DIALECTS } from '../support/databases.ts';
import { useTestServer, waitFor, waitForInbox } from '../support/harness.ts';
import { AttributionFixtures } from './fixtures/attribution-fixtures.ts';

/**
 * Two Tributary processes (two runtimes with their own connections and workers) on one database
 * receive the same sale at once: one transaction, one conversion, one obligation, and both
 * requests answer with the same opportunity.
 */
describe.each(DIALECTS)('two workers receiving the same sale on %s', (dialect) => {
  const server = useTestServer(dialect, { workerBatchSize: 1 });
  let other: Runtime;
  let f: AttributionFixtures;

  beforeAll(async () => {
    other = await createRuntime(server.config, { logger: pino({ level: 'silent' }) });
    other.startWorkers();
    f = await AttributionFixtures.create(server);
    await f.program();
  });
  afterAll(async () => {
    await other?.close();
  });

  it('creates one conversion when the same sale reaches both processes through /event/sale', async () => {
    const oid = await f.visit(await f.collaborator());
    const body = { source: 'stripe', externalId: 'race-http', total: 42, trackingId: oid };
    const headers = { authorization: `Bearer ${f.key}` };
    const [a, b] = await Promise.all([
      server.inject({ method: 'POST', url: '/event/sale', headers, payload: body }),
      other.app.inject({ method: 'POST', url: '/event/sale', headers, payload: body }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.headers['x-siren-oid'], b.headers['x-siren-oid']]).toEqual([String(oid), String(oid)]);
    expect((await f.conversions()).filter((c) => c.opportunity_id === oid)).toHaveLength(1);
  });

  it('creates one conversion when two inbox rows carry the same order (no shared dedupe key) and two workers race', async () => {
    const oid = await f.visit(await f.collaborator());
    const payload = JSON.stringify({ slug: 'sale', body: { source: 'stripe', externalId: 'race-rows', total: 42, trackingId: oid }, opportunityId: null });
    const entry = { workspaceId: server.workspaceId, api: 'domain' as const, dedupeKey: null, bodyHash: null, payload, receivedAt: Date.now(), credentialId: null, clientIp: null };
    const [[first], [second]] = await Promise.all([server.services.inbox.append([entry]), other.services.inbox.append([entry])]);
    await waitForInbox(server, first!.id, 'processed');
    await waitForInbox(server, second!.id, 'processed');
    const transactions = (await f.transactions()).filter((t) => t.external_id === 'race-rows');
    expect(transactions).toHaveLength(1);
    const conversions = (await f.conversions()).filter((c) => c.transaction_id === transactions[0]!.id);
    expect(conversions).toHaveLength(1);
    expect((await f.obligations()).filter((o) => o.conversion_id === conversions[0]!.id)).toHaveLength(1);
    const outcomes = await f.db.selectFrom('domain_outcomes').selectAll().where('inbox_id', 'in', [first!.id, second!.id]).execute();
    expect(outcomes.map((o) => [o.http_status, o.opportunity_id])).toEqual([
      [200, oid],
      [200, oid],
    ]);
    const logged = [...(await f.log(first!.id)), ...(await f.log(second!.id))];
    expect(logged.filter((name) => name === 'TransactionCreated')).toHaveLength(1);
  });

  // PostgreSQL only: SQLite has one writer, so the interleaving below cannot happen there (not a
  // skip: the case does not exist on SQLite, so it is not registered there).
  if (dialect === 'postgres') it('answers like the winner when another process stores the same order while the flow runs', async () => {
    const oid = await f.visit(await f.collaborator());
    const db = server.db.kysely;
    let inboxId = '';
    await db.transaction().execute(async (trx) => {
      // The other process's transaction: it holds the order's unique key until it commits.
      await trx
        .insertInto('attribution_transactions')
        .values({
          workspace_id: server.workspaceId, source: 'stripe', external_id: 'held', opportunity_id: oid, status: 'complete', total: 100, refunded_total: 0,
          currency: 'USD', items: '[]', user_id: null, email: null, coupon_code: null, inbound_event_id: 'other-process', created_at: Date.now(), completed_at: null, refunded_at: null,
        })
        .execute();
      const payload = JSON.stringify({ slug: 'sale', body: { source: 'stripe', externalId: 'held', total: 1, trackingId: oid }, opportunityId: null });
      const [appended] = await server.services.inbox.append([{ workspaceId: server.workspaceId, api: 'domain', dedupeKey: null, bodyHash: null, payload, receivedAt: Date.now(), credentialId: null, clientIp: null }]);
      inboxId = appended!.id;
      // Wait until a worker's insert of the same order is blocked on our row lock.
      await waitFor(async () => {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%attribution_transactions%'`.execute(db);
        return rows[0]!.n > 0 ? true : undefined;
      }, 'a worker to wait on the order lock');
    });
    await waitForInbox(server, inboxId, 'processed');
    const outcome = await db.selectFrom('domain_outcomes').selectAll().where('inbox_id', '=', inboxId).executeTakeFirstOrThrow();
    expect([outcome.http_status, outcome.opportunity_id]).toEqual([200, oid]);
    expect(await f.log(inboxId)).toEqual([]);
    expect((await f.transactions()).filter((t) => t.external_id === 'held').map((t) => t.total)).toEqual([100]);
  });
});
