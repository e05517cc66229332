import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer, waitFor } from '../support/harness.ts';
import { AttributionFixtures } from '../attribution/fixtures/attribution-fixtures.ts';

/**
 * Issue 16 §4: a delete erases the person from attribution's rows but keeps the rows, and the
 * money they hold (and what is computed from it later) does not change.
 */
describe.each(DIALECTS)('a regulation over attribution on %s', (dialect) => {
  const server = useTestServer(dialect);
  let f: AttributionFixtures;

  beforeAll(async () => {
    f = await AttributionFixtures.create(server);
    await f.program();
  });

  const regulate = (payload: Record<string, unknown>) =>
    server.inject({ method: 'POST', url: `/api/v1/workspaces/${server.workspaceId}/regulations`, headers: { authorization: bearer(server.operatorToken) }, payload });

  const runToEnd = async (id: string) => {
    let clock = Date.now();
    for (let round = 0; round < 10; round += 1) {
      clock = Math.max(clock, Date.now()) + server.services.suppressions.settleMs + 1;
      await server.services.regulations!.runOnce(clock);
      const res = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}/regulations/${id}`, headers: { authorization: bearer(server.operatorToken) } });
      if (res.json().status === 'finished') return res.json();
    }
    throw new Error(`regulation ${id} did not finish`);
  };

  /** Every money row, without the fields a regulation may erase. */
  const money = async () => {
    const db = server.db.kysely;
    const ws = server.workspaceId;
    const transactions = (await f.transactions()).map(({ user_id: _u, email: _e, ...row }) => row);
    const conversions = await f.conversions();
    const obligations = await f.obligations();
    const ledger = await db.selectFrom('ledger_entries').selectAll().where('workspace_id', '=', ws).orderBy('id').execute();
    return { transactions, conversions, obligations, ledger };
  };

  it('replaces the buyer\'s email and user id with a tombstone and keeps every amount, and a later refund still claws back exactly', async () => {
    const collaboratorId = await f.collaborator({ name: 'Partner' });
    // From the buyer's browser on a public address: the opportunity keeps its keyed hash.
    const visit = await server.inject({ method: 'POST', url: '/event/site-visited', remoteAddress: '93.184.216.34', headers: { authorization: bearer(f.key) }, payload: { collaboratorId, userId: 'buyer-1' } });
    expect(visit.statusCode, visit.body).toBe(200);
    const oid = Number(visit.headers['x-siren-oid']);
    expect((await server.db.kysely.selectFrom('opportunities').select('ip_hash').where('id', '=', oid).executeTakeFirstOrThrow()).ip_hash).toMatch(/^[0-9a-f]{64}$/);
    const sale = await f.send('sale', { source: 'stripe', externalId: 'ord-erase-1', total: 120, trackingId: oid, userId: 'buyer-1', email: 'Buyer@Example.com' });
    expect(sale.statusCode).toBe(200);
    // Someone else's sale through the same partner: untouched.
    const otherOid = await f.visit(collaboratorId, { userId: 'buyer-2' });
    await f.send('sale', { source: 'stripe', externalId: 'ord-keep-1', total: 80, trackingId: otherOid, userId: 'buyer-2', email: 'keep@example.com' });
    await waitFor(async () => ((await server.db.kysely.selectFrom('events').select('id').where('user_id', '=', 'buyer-1').execute()).length === 2 ? true : undefined), 'the buyer\'s events');
    const before = await money();

    const created = await regulate({ type: 'delete', subject_type: 'email', subject_ids: ['buyer@example.com'] });
    expect(created.statusCode).toBe(202);
    const done = await runToEnd(created.json().id);

    // The sale event named both ids: the visit (user id only) was found through it.
    expect(done.counts.events).toBe(2);
    expect(done.counts.attribution_records).toBeGreaterThanOrEqual(3);
    expect(await money()).toEqual(before);
    const [erased, kept] = await f.transactions();
    expect(erased).toMatchObject({ external_id: 'ord-erase-1', user_id: '[erased]', email: '[erased]', total: 12_000 });
    expect(kept).toMatchObject({ external_id: 'ord-keep-1', user_id: 'buyer-2', email: 'keep@example.com' });
    const opportunities = await server.db.kysely.selectFrom('opportunities').select(['id', 'user_id', 'ip_hash']).where('workspace_id', '=', server.workspaceId).orderBy('id').execute();
    expect(opportunities.find((o) => o.id === oid)).toMatchObject({ user_id: '[erased]', ip_hash: null });
    expect(opportunities.find((o) => o.id === otherOid)!.user_id).toBe('buyer-2');
    const logged = await server.db.kysely.selectFrom('domain_events').select('payload').where('workspace_id', '=', server.workspaceId).execute();
    expect(logged.filter((row) => /buyer-1|Buyer@Example\.com/i.test(row.payload))).toEqual([]);
    expect(logged.some((row) => row.payload.includes('buyer-2'))).toBe(true);

    // The money math goes on from the kept rows: a full refund cancels exactly what was owed.
    const refund = await f.send('refund', { source: 'stripe', externalId: 'ord-erase-1' });
    expect(refund.statusCode).toBe(200);
    expect((await f.transactions()).find((t) => t.external_id === 'ord-erase-1')).toMatchObject({ status: 'refunded', refunded_total: 12_000, email: '[erased]' });
    const conversion = (await f.conversions()).find((c) => c.opportunity_id === oid)!;
    expect((await f.obligations()).filter((o) => o.conversion_id === conversion.id).map((o) => o.status)).toEqual(['cancelled']);
  });
});
