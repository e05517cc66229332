import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/lib/clock.ts';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

/** Addresses from public ranges (no traffic is sent): the partner's home, a shopper's, the shop's server. */
const PARTNER_HOME = '81.2.69.160';
const SHOPPER = '93.184.216.34';
const SHOP_SERVER = '34.117.59.81';

/**
 * Issue 18 §1: the self-referral rule matches when the buyer's address (the referred visit's, or
 * the sale's own) is one the collaborator signed in to the portal from; only keyed hashes are kept.
 */
describe.each(DIALECTS)('self-referral by address on %s', (dialect) => {
  const clock = new ManualClock();
  const server = useTestServer(dialect, {}, { clock });

  async function signIn(f: PayoutFixtures, collaboratorId: number, from: string): Promise<void> {
    const link = await f.ok('POST', `/collaborators/${collaboratorId}/login-links`, {});
    const token = new URL(link.url).hash.replace('#login=', '');
    const session = await server.inject({ method: 'POST', url: '/partner/v1/sessions', remoteAddress: from, payload: { token } });
    expect(session.statusCode, session.body).toBe(201);
  }

  const event = (f: PayoutFixtures, slug: string, body: object, from: string) =>
    server.inject({
      method: 'POST',
      url: `/event/${slug}`,
      remoteAddress: from,
      headers: { authorization: bearer(server.operatorToken), 'x-workspace-id': f.workspaceId },
      payload: body,
    });

  /** A referred visit from `visitFrom`, then the sale reported from `saleFrom`. */
  async function sale(f: PayoutFixtures, collaboratorId: number, externalId: string, visitFrom: string, saleFrom = SHOP_SERVER): Promise<string> {
    const visit = await event(f, 'site-visited', { collaboratorId }, visitFrom);
    expect(visit.statusCode, visit.body).toBe(200);
    const res = await event(f, 'sale', { source: 'shop', externalId, total: 100, currency: 'USD', trackingId: Number(visit.headers['x-siren-oid']), email: `${externalId}@example.com` }, saleFrom);
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers['x-event-id']);
  }

  const statuses = async (f: PayoutFixtures) => (await f.obligations()).map((o) => o.status);

  it('flags a sale whose referred visit came from an address the partner signed in from, not one from another address', async () => {
    const f = await PayoutFixtures.create(server, 'ip-visit');
    await f.program(1000, { fraud_rules: { self_referral: 'flag' } });
    const ada = await f.collaborator('Ada');
    await signIn(f, ada, PARTNER_HOME);
    const flagged = await sale(f, ada, 'home-1', PARTNER_HOME);
    await sale(f, ada, 'shopper-1', SHOPPER);
    expect(await statuses(f)).toEqual(['flagged', 'pending']);
    expect((await f.log(flagged)).slice(-3)).toEqual(['ObligationIssued', 'ConversionFlagged', 'TransactionCompleted']);
    const queue = (await f.ok('GET', '/fraud-review')).data;
    expect(queue.map((c: any) => [c.collaborator_id, c.fraud_reasons])).toEqual([[ada, ['self_referral']]]);
  });

  it('matches the sale’s own address too, and an IPv4-mapped IPv6 spelling of the same address', async () => {
    const f = await PayoutFixtures.create(server, 'ip-sale');
    await f.program(1000, { fraud_rules: { self_referral: 'flag' } });
    const ada = await f.collaborator('Ada');
    await signIn(f, ada, `::ffff:${PARTNER_HOME}`);
    // The partner clicks on a phone elsewhere, then buys from home: the sale's address matches.
    await sale(f, ada, 'own-1', SHOPPER, PARTNER_HOME);
    expect(await statuses(f)).toEqual(['flagged']);
  });

  it('keeps the address a new applicant applied from: their own referral from it is flagged without a sign-in', async () => {
    const f = await PayoutFixtures.create(server, 'ip-application');
    const program = await f.program(1000, { enrollment: 'approval', fraud_rules: { self_referral: 'flag' } });
    const applied = await server.inject({
      method: 'POST',
      url: `/partner/v1/programs/${f.workspaceId}/${program}/applications`,
      remoteAddress: PARTNER_HOME,
      payload: { name: 'Grace', email: 'grace@example.com' },
    });
    expect(applied.statusCode, applied.body).toBe(202);
    const [enrollment] = (await f.ok('GET', `/programs/${program}/enrollments?status=applied`)).data;
    await f.ok('PATCH', `/programs/${program}/enrollments/${enrollment.id}`, { status: 'approved' });
    const stored = await f.db.selectFrom('collaborator_addresses').select(['collaborator_id', 'source']).where('workspace_id', '=', f.workspaceId).execute();
    expect(stored).toEqual([{ collaborator_id: enrollment.collaborator_id, source: 'application' }]);
    await sale(f, enrollment.collaborator_id, 'applicant-home-1', PARTNER_HOME);
    await sale(f, enrollment.collaborator_id, 'applicant-shopper-1', SHOPPER);
    expect(await statuses(f)).toEqual(['flagged', 'pending']);
  });

  it('blocks by address when the rule says block: no commission, and the log says why', async () => {
    const f = await PayoutFixtures.create(server, 'ip-block');
    await f.program(1000, { fraud_rules: { self_referral: 'block' } });
    const ada = await f.collaborator('Ada');
    await signIn(f, ada, PARTNER_HOME);
    const eventId = await sale(f, ada, 'block-1', PARTNER_HOME);
    expect(await f.obligations()).toEqual([]);
    const blocked = (await f.logEntries(eventId)).find((e) => e.name === 'CommissionBlocked');
    expect(blocked?.payload).toMatchObject({ collaboratorId: ada, reasons: ['self_referral'] });
  });

  it('never matches on a private or loopback address (a proxy in front of everyone) and keeps none', async () => {
    const f = await PayoutFixtures.create(server, 'ip-private');
    await f.program(1000, { fraud_rules: { self_referral: 'flag' } });
    const ada = await f.collaborator('Ada');
    for (const proxy of ['127.0.0.1', '10.0.0.7']) {
      await signIn(f, ada, proxy);
      await sale(f, ada, `proxy-${proxy}`, proxy, proxy);
    }
    expect(await statuses(f)).toEqual(['pending', 'pending']);
    expect(await f.db.selectFrom('collaborator_addresses').selectAll().where('workspace_id', '=', f.workspaceId).execute()).toEqual([]);
  });

  it('stores keyed hashes only, never an address, and lets an address lapse after 90 days without a sign-in', async () => {
    const f = await PayoutFixtures.create(server, 'ip-retention');
    await f.program(1000, { fraud_rules: { self_referral: 'flag' } });
    const [ada, bob] = [await f.collaborator('Ada'), await f.collaborator('Bob', 'bob@example.com')];
    await signIn(f, ada, PARTNER_HOME);
    await sale(f, ada, 'kept-1', PARTNER_HOME);
    const stored = await f.db.selectFrom('collaborator_addresses').selectAll().where('workspace_id', '=', f.workspaceId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ collaborator_id: ada, source: 'portal_sign_in', ip_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const opportunities = await f.db.selectFrom('opportunities').select('ip_hash').where('workspace_id', '=', f.workspaceId).execute();
    expect(opportunities.map((o) => o.ip_hash)).toEqual([stored[0]!.ip_hash]);
    expect(JSON.stringify([stored, opportunities])).not.toContain(PARTNER_HOME);

    clock.advance(91 * 86_400_000);
    await sale(f, ada, 'lapsed-1', PARTNER_HOME);
    expect(await statuses(f)).toEqual(['flagged', 'pending']);
    // The next sign-in in the workspace deletes what lapsed.
    await signIn(f, bob, SHOPPER);
    const left = await f.db.selectFrom('collaborator_addresses').select('collaborator_id').where('workspace_id', '=', f.workspaceId).execute();
    expect(left.map((r) => r.collaborator_id)).toEqual([bob]);
  });

  it('forgets a collaborator’s addresses with the collaborator', async () => {
    const f = await PayoutFixtures.create(server, 'ip-delete');
    const ada = await f.collaborator('Ada');
    await signIn(f, ada, PARTNER_HOME);
    const deleted = await server.inject({ method: 'DELETE', url: `/api/v1/workspaces/${f.workspaceId}/collaborators/${ada}`, headers: { authorization: bearer(server.operatorToken) } });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await f.db.selectFrom('collaborator_addresses').selectAll().where('workspace_id', '=', f.workspaceId).execute()).toEqual([]);
  });

  it('leaves the address out when the program does not check self-referrals', async () => {
    const f = await PayoutFixtures.create(server, 'ip-off');
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await signIn(f, ada, PARTNER_HOME);
    await sale(f, ada, 'off-1', PARTNER_HOME);
    expect(await statuses(f)).toEqual(['pending']);
  });
});
