import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/lib/clock.ts';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

/** Issue 18 §2: login links, collaborator-scoped sessions, and the partner API, on both databases. */
describe.each(DIALECTS)('the partner API on %s', (dialect) => {
  const clock = new ManualClock();
  const server = useTestServer(dialect, {}, { clock });

  const partner = (method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, payload?: object) =>
    server.inject({ method, url: `/partner/v1${url}`, ...(token ? { headers: { authorization: bearer(token) } } : {}), ...(payload ? { payload } : {}) });

  async function signIn(f: PayoutFixtures, collaboratorId: number): Promise<string> {
    const link = await f.ok('POST', `/collaborators/${collaboratorId}/login-links`, {});
    const token = new URL(link.url).hash.replace('#login=', '');
    const session = await partner('POST', '/sessions', undefined, { token });
    expect(session.statusCode, session.body).toBe(201);
    expect(session.json().collaborator_id).toBe(collaboratorId);
    return session.json().token as string;
  }

  it('a login link opens a session that reads only that collaborator’s links, commissions, payouts and balance', async () => {
    const f = await PayoutFixtures.create(server, 'portal');
    await f.program(1000, { hold_days: 10 });
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob', 'bob@example.com');
    await f.ok('POST', `/collaborators/${ada}/referral-codes`, { code: 'AdaRocks' });
    await f.referredSale(ada, 'p-1', 100);
    await f.referredSale(bob, 'p-2', 50);

    const link = await f.ok('POST', `/collaborators/${ada}/login-links`, { expires_in_minutes: 30 });
    expect(link.url).toMatch(/^http:\/\/localhost(:\d+)?\/partners#login=trb_pl_[0-9A-Za-z]+$/);
    expect(Date.parse(link.expires_at)).toBeGreaterThan(clock.now() + 29 * 60_000);
    const logged = await f.db.selectFrom('domain_events').select(['name', 'payload']).where('workspace_id', '=', f.workspaceId).where('name', '=', 'CollaboratorLoginLinkCreated').execute();
    expect(JSON.parse(logged[0]!.payload)).toMatchObject({ collaboratorId: ada, url: link.url });

    const token = await signIn(f, ada);
    expect((await partner('GET', '/me', token)).json()).toMatchObject({ id: ada, name: 'Ada', workspace_id: f.workspaceId });
    const links = (await partner('GET', '/links', token)).json().data;
    expect(links.map((l: any) => [l.code, new URL(l.url).pathname])).toEqual([['AdaRocks', '/r/AdaRocks']]);
    const commissions = (await partner('GET', '/commissions', token)).json().data;
    expect(commissions.map((c: any) => [c.collaborator_id, c.status, c.amount])).toEqual([[ada, 'hold', 1000]]);
    expect((await partner('GET', '/commissions?status=pending', token)).json().data).toEqual([]);
    expect((await partner('GET', '/commissions?status=bogus', token)).statusCode).toBe(400);
    const conversions = (await partner('GET', '/conversions', token)).json().data;
    expect(conversions).toHaveLength(1);
    expect(conversions[0]).not.toHaveProperty('transaction_id');
    const balance = (await partner('GET', '/balance', token)).json().data;
    expect(balance).toEqual([expect.objectContaining({ currency: 'USD', hold: 1000, balance: 1000 })]);

    clock.advance(11 * 86_400_000);
    await f.ok('POST', '/fulfillments', { mark_paid: true });
    const payouts = (await partner('GET', '/payouts', token)).json().data;
    expect(payouts.map((p: any) => [p.collaborator_id, p.status, p.amount])).toEqual([[ada, 'paid', 1000]]);
    expect((await partner('GET', '/commissions?status=complete', token)).json().data).toHaveLength(1);
    // Sessions last 30 days.
    clock.advance(30 * 86_400_000);
    expect((await partner('GET', '/me', token)).statusCode).toBe(401);
  });

  it('a link works once and expires; sessions are partner-only, and signing out ends them', async () => {
    const f = await PayoutFixtures.create(server, 'portal-auth');
    const ada = await f.collaborator('Ada');
    const link = await f.ok('POST', `/collaborators/${ada}/login-links`, {});
    const token = new URL(link.url).hash.replace('#login=', '');
    const first = await Promise.all([partner('POST', '/sessions', undefined, { token }), partner('POST', '/sessions', undefined, { token })]);
    expect(first.map((r) => r.statusCode).sort()).toEqual([201, 401]);

    const late = new URL((await f.ok('POST', `/collaborators/${ada}/login-links`, { expires_in_minutes: 5 })).url).hash.replace('#login=', '');
    clock.advance(6 * 60_000);
    expect((await partner('POST', '/sessions', undefined, { token: late })).statusCode).toBe(401);

    expect((await partner('GET', '/me')).statusCode).toBe(401);
    expect((await partner('GET', '/me', server.operatorToken)).statusCode).toBe(401);
    expect((await partner('GET', '/me', 'trb_ps_forged')).statusCode).toBe(401);
    const session = await signIn(f, ada);
    expect((await partner('DELETE', '/session', session)).statusCode).toBe(204);
    expect((await partner('GET', '/me', session)).statusCode).toBe(401);

    const bad = await partner('POST', '/sessions', undefined, { token: 7, extra: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['extra', 'token']);
    expect((await f.request('POST', `/collaborators/${ada}/login-links`, { expires_in_minutes: 1 })).statusCode).toBe(400);
  });

  it('lists the partner’s visits newest first, page by page, with what converted and without the visitor’s details', async () => {
    const f = await PayoutFixtures.create(server, 'portal-visits');
    const other = await PayoutFixtures.create(server, 'portal-visits-other');
    await f.program(1000);
    await other.program(1000);
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob', 'bob@example.com');
    const eve = await other.collaborator('Eve', 'eve@example.com');
    const landed = await f.event('site-visited', { collaboratorId: ada, email: 'buyer@example.com', landingUrl: 'https://shop.example/spring?ref=ada&email=buyer@example.com#top' });
    expect(landed.statusCode, landed.body).toBe(200);
    await f.referredSale(ada, 'v-1', 100);
    await f.event('site-visited', { collaboratorId: bob });
    await other.event('site-visited', { collaboratorId: eve });
    const token = await signIn(f, ada);

    const first = await partner('GET', '/visits?limit=1', token);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    expect(first.json().data).toEqual([expect.objectContaining({ origin: 'referral', status: 'active', converted: true, landing_page: null })]);
    const second = (await partner('GET', `/visits?limit=1&cursor=${first.json().next_cursor}`, token)).json();
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.data).toEqual([expect.objectContaining({ converted: false, landing_page: 'https://shop.example/spring', visited_at: expect.any(String), expires_at: expect.any(String) })]);
    expect(JSON.stringify([first.json(), second])).not.toContain('buyer@example.com');
    expect(second.data[0]).not.toHaveProperty('email');
    expect(second.data[0]).not.toHaveProperty('user_id');
    // Only Ada's: Bob's and the other workspace's visits never show, and no filter widens it.
    expect((await partner('GET', '/visits?limit=200', token)).json().data).toHaveLength(2);
    expect((await partner('GET', `/visits?collaborator_id=${bob}`, token)).statusCode).toBe(400);
    expect((await partner('GET', '/visits?limit=0', token)).statusCode).toBe(400);
    expect((await partner('GET', '/visits?cursor=bogus', token)).statusCode).toBe(400);
    expect((await partner('GET', '/visits')).statusCode).toBe(401);
  });

  it('a partner never reads another collaborator’s or another workspace’s data, and admins of another workspace cannot mint links', async () => {
    const f = await PayoutFixtures.create(server, 'portal-a');
    const other = await PayoutFixtures.create(server, 'portal-b');
    await f.program(1000);
    await other.program(1000);
    const ada = await f.collaborator('Ada');
    const eve = await other.collaborator('Eve', 'eve@example.com');
    await f.referredSale(ada, 'a-1', 100);
    await other.referredSale(eve, 'b-1', 100);
    const adaToken = await signIn(f, ada);
    const commissions = (await partner('GET', '/commissions', adaToken)).json().data;
    expect(commissions.every((c: any) => c.collaborator_id === ada)).toBe(true);
    expect(commissions).toHaveLength(1);
    // Query parameters cannot widen the scope.
    const widened = await partner('GET', `/commissions?collaborator_id=${eve}`, adaToken);
    expect(widened.statusCode).toBe(400);
    // Another workspace's collaborator id under this workspace's admin path is 404.
    const foreign = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${f.workspaceId}/collaborators/${eve}/login-links`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: {},
    });
    expect(foreign.statusCode).toBe(404);
  });
});
