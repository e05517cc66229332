import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer, type TestServer } from '../support/harness.ts';

/** Admin calls as the operator; answers the parsed body, failing loudly on anything but `status`. */
async function admin(server: TestServer, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, payload?: unknown, status = method === 'POST' ? 201 : 200) {
  const res = await server.inject({ method, url: `/api/v1/workspaces/${server.workspaceId}${path}`, headers: { authorization: bearer(server.operatorToken) }, ...(payload === undefined ? {} : { payload: payload as object }) });
  if (res.statusCode !== status) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const today = () => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('referral links /r/{code} on %s', (dialect) => {
  const server = useTestServer(dialect);
  let ada: number;
  let grace: number;
  let banned: number;
  let shop: number;
  let blog: number;

  beforeAll(async () => {
    await admin(server, 'PUT', '/attribution-settings', { public_slugs: [], allowed_origins: [], default_landing_url: 'https://shop.example.com/welcome#top' });
    shop = (await admin(server, 'POST', '/programs', { name: 'Shop', incentive: { type: 'percent', basis_points: 1000 }, landing_url: 'https://shop.example.com/landing?lang=en&flag' })).id;
    blog = (await admin(server, 'POST', '/programs', { name: 'Blog', incentive: { type: 'percent', basis_points: 500 }, landing_url: 'https://blog.example.com/', link_param: 'via' })).id;
    ada = (await admin(server, 'POST', '/collaborators', { name: 'Ada' })).id;
    grace = (await admin(server, 'POST', '/collaborators', { name: 'Grace' })).id;
    banned = (await admin(server, 'POST', '/collaborators', { name: 'Mallory', status: 'banned' })).id;
    await admin(server, 'POST', `/collaborators/${ada}/referral-codes`, { code: 'ADA10' });
    await admin(server, 'POST', `/collaborators/${grace}/referral-codes`, { code: 'Grace_20' });
    await admin(server, 'POST', `/collaborators/${grace}/referral-codes`, { code: 'old-grace', expires_at: '2020-01-01T00:00:00Z' });
    await admin(server, 'POST', `/collaborators/${banned}/referral-codes`, { code: 'mallory' });
  });

  const click = (path: string, headers: Record<string, string> = {}) => server.inject({ method: 'GET', url: path, headers });

  it('keeps the landing URL and its settings in the program and settings APIs', async () => {
    const program = await admin(server, 'GET', `/programs/${blog}`);
    expect(program).toMatchObject({ landing_url: 'https://blog.example.com/', link_param: 'via' });
    expect((await admin(server, 'GET', `/programs/${shop}`)).link_param).toBe('ref');
    expect(await admin(server, 'GET', '/attribution-settings')).toEqual({
      public_slugs: [],
      allowed_origins: [],
      default_landing_url: 'https://shop.example.com/welcome#top',
      public_visits: false,
    });
  });

  it('answers 302 to the oldest program\'s landing page with ?ref= in the case the admin typed, keeping its query and passing the link\'s own', async () => {
    const res = await click('/r/ada10?utm_source=newsletter&utm_medium=email&utm_medium=web', { referer: 'https://news.example.org/issue-4', 'user-agent': 'TestAgent/1.0' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://shop.example.com/landing?lang=en&flag&utm_source=newsletter&utm_medium=email&utm_medium=web&ref=ADA10');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('uses the named program\'s page and parameter with /r/{code}/{program_id}, and a link cannot name another code', async () => {
    const res = await click(`/r/GRACE_20/${blog}?via=someone-else&x=1`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://blog.example.com/?x=1&via=Grace_20');
  });

  it('sends unknown, expired and banned codes to the default landing page without the code, keeping its fragment', async () => {
    for (const path of ['/r/nobody', '/r/old-grace?utm_source=x', '/r/mallory', `/r/nobody/${shop}`, '/r/not%20a%20code', `/r/${'x'.repeat(300)}`, '/r/a/b/c', '/r/']) {
      const res = await click(path);
      expect(res.statusCode, path).toBe(302);
      expect(res.headers.location, path).toMatch(/^https:\/\/shop\.example\.com\/welcome(\?utm_source=x)?#top$/);
    }
  });

  it('counts valid and invalid clicks per collaborator, program and day, readable from the API', async () => {
    const before = await admin(server, 'GET', `/collaborators/${ada}/clicks`);
    await Promise.all([click('/r/ADA10'), click('/r/ada10'), click(`/r/Ada10/${blog}`)]);
    await click('/r/old-grace');
    const after = await admin(server, 'GET', `/collaborators/${ada}/clicks?from=${today()}&to=${today()}`);
    expect(after.clicks - (before.clicks as number)).toBe(3);
    expect(after.days).toEqual([{ day: today(), clicks: after.clicks, invalid_clicks: 0 }]);
    const byProgram = Object.fromEntries(after.by_program.map((p: { program_id: number; clicks: number }) => [p.program_id, p.clicks]));
    expect(byProgram[blog]).toBeGreaterThanOrEqual(1);
    expect(byProgram[shop]).toBeGreaterThanOrEqual(2);
    const graceClicks = await admin(server, 'GET', `/collaborators/${grace}/clicks`);
    expect(graceClicks.invalid_clicks).toBeGreaterThanOrEqual(2);
    expect(graceClicks.days).toHaveLength(30);
    const blogClicks = await admin(server, 'GET', `/programs/${blog}/clicks`);
    expect(blogClicks.by_collaborator.find((c: { collaborator_id: number }) => c.collaborator_id === ada)?.clicks).toBeGreaterThanOrEqual(1);
    const all = await admin(server, 'GET', '/clicks');
    expect(all.by_collaborator.find((c: { collaborator_id: number | null }) => c.collaborator_id === null)?.invalid_clicks).toBeGreaterThanOrEqual(2);
  });

  it('redirects a HEAD (a link preview) without counting it', async () => {
    const before = (await admin(server, 'GET', `/collaborators/${ada}/clicks`)).clicks as number;
    const res = await server.inject({ method: 'HEAD', url: '/r/ADA10' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://shop.example.com/landing?lang=en&flag&ref=ADA10');
    await click('/r/ADA10');
    expect((await admin(server, 'GET', `/collaborators/${ada}/clicks`)).clicks).toBe(before + 1);
  });

  it('shows a signed-in partner their own clicks in the partner API', async () => {
    const link = await admin(server, 'POST', `/collaborators/${ada}/login-links`, {});
    const session = await server.inject({ method: 'POST', url: '/partner/v1/sessions', payload: { token: new URL(link.url).hash.replace('#login=', '') } });
    expect(session.statusCode, session.body).toBe(201);
    const token = session.json().token as string;
    await click('/r/ADA10');
    const own = await server.inject({ method: 'GET', url: '/partner/v1/clicks', headers: { authorization: bearer(token) } });
    expect(own.statusCode).toBe(200);
    const report = own.json();
    expect(report.clicks).toBe((await admin(server, 'GET', `/collaborators/${ada}/clicks`)).clicks);
    expect(report.clicks).toBeGreaterThan(0);
    expect(report).not.toHaveProperty('by_collaborator');
    expect((await server.inject({ method: 'GET', url: '/partner/v1/clicks' })).statusCode).toBe(401);
    expect((await server.inject({ method: 'GET', url: '/partner/v1/clicks?from=nope', headers: { authorization: bearer(token) } })).statusCode).toBe(400);
  });

  it('records the time, referrer, user agent and a salted hash of the address, never the address', async () => {
    await click('/r/ADA10', { referer: 'https://ref.example/x', 'user-agent': 'HashCheck/2' });
    const row = await server.db.kysely.selectFrom('link_clicks').selectAll().where('user_agent', '=', 'HashCheck/2').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ workspace_id: server.workspaceId, code: 'ADA10', collaborator_id: ada, program_id: shop, valid: 1, referrer: 'https://ref.example/x' });
    expect(row.ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await server.db.kysely.selectFrom('link_clicks').selectAll().execute())).not.toContain('127.0.0.1');
    const again = await click('/r/ADA10', { 'user-agent': 'HashCheck/3' });
    expect(again.statusCode).toBe(302);
    const second = await server.db.kysely.selectFrom('link_clicks').select('ip_hash').where('user_agent', '=', 'HashCheck/3').executeTakeFirstOrThrow();
    expect(second.ip_hash).toBe(row.ip_hash);
  });

  it('resolves a code two workspaces hold to the oldest code, and /r/{code}/{program_id} to the program\'s workspace', async () => {
    const created = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: 'Second shop', slug: `second-${dialect}` } });
    expect(created.statusCode).toBe(201);
    const second = created.json().id as string;
    const inSecond = async (path: string, payload: object) => {
      const res = await server.inject({ method: 'POST', url: `/api/v1/workspaces/${second}${path}`, headers: { authorization: bearer(server.operatorToken) }, payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const program = await inSecond('/programs', { name: 'Second', incentive: { type: 'percent', basis_points: 100 }, landing_url: 'https://second.example.com/' });
    const partner = await inSecond('/collaborators', { name: 'Ada elsewhere' });
    await inSecond(`/collaborators/${partner.id}/referral-codes`, { code: 'ada10' });
    await inSecond(`/collaborators/${partner.id}/referral-codes`, { code: 'only-second' });
    // The first workspace's ADA10 is older: the bare link stays theirs.
    expect((await click('/r/ADA10?second=1')).headers.location).toBe('https://shop.example.com/landing?lang=en&flag&second=1&ref=ADA10');
    expect((await click(`/r/ADA10/${program.id}`)).headers.location).toBe('https://second.example.com/?ref=ada10');
    expect((await click('/r/only-second')).headers.location).toBe('https://second.example.com/?ref=only-second');
    // A program of the first workspace does not reach the second's codes.
    expect((await click(`/r/only-second/${shop}`)).headers.location).toBe('https://shop.example.com/welcome#top');
    const counted = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${second}/collaborators/${partner.id}/clicks`, headers: { authorization: bearer(server.operatorToken) } });
    expect(counted.json().clicks).toBe(2);
  });

  it('refuses bad input on the new fields and reports, and answers 404 for another workspace\'s objects', async () => {
    const bad = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/programs`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { name: 'x', incentive: { type: 'percent', basis_points: 1 }, landing_url: 'javascript:alert(1)', link_param: 'a b' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.data.fields.map((f: { field: string }) => f.field)).toEqual(['link_param']);
    const scheme = await admin(server, 'PATCH', `/programs/${shop}`, { landing_url: 'ftp://shop.example.com/' }, 400);
    expect(scheme.error.data.fields).toEqual([{ field: 'landing_url', message: 'must be an http or https URL' }]);
    const settings = await admin(server, 'PUT', '/attribution-settings', { public_slugs: [], allowed_origins: [], default_landing_url: 'https://user:pw@shop.example.com/', public_visits: 'yes' }, 400);
    expect(settings.error.data.fields.map((f: { field: string }) => f.field)).toEqual(['public_visits']);
    const password = await admin(server, 'PUT', '/attribution-settings', { public_slugs: [], allowed_origins: [], default_landing_url: 'https://user:pw@shop.example.com/' }, 400);
    expect(password.error.data.fields).toEqual([{ field: 'default_landing_url', message: 'must not carry a user name or password' }]);
    expect((await admin(server, 'GET', '/attribution-settings')).default_landing_url).toBe('https://shop.example.com/welcome#top');
    const range = await admin(server, 'GET', `/collaborators/${ada}/clicks?from=2026-02-30&to=yesterday&limit=3`, undefined, 400);
    expect(range.error.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit']);
    const dates = await admin(server, 'GET', `/collaborators/${ada}/clicks?from=2026-02-30&to=yesterday`, undefined, 400);
    expect(dates.error.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['from', 'to']);
    const backwards = await admin(server, 'GET', `/clicks?from=2026-03-02&to=2026-03-01`, undefined, 400);
    expect(backwards.error.code).toBe('validation_failed');
    const tooLong = await admin(server, 'GET', `/clicks?from=2024-01-01&to=2026-01-01`, undefined, 400);
    expect(tooLong.error.data.fields[0].field).toBe('from');
    await admin(server, 'GET', '/collaborators/999999/clicks', undefined, 404);
    await admin(server, 'GET', '/programs/abc/clicks', undefined, 404);
    const other = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: 'Other', slug: `other-${dialect}` } });
    const otherId = other.json().id as string;
    const foreign = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${otherId}/collaborators/${ada}/clicks`, headers: { authorization: bearer(server.operatorToken) } });
    expect(foreign.statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('referral links on the runtime clock on %s', (dialect) => {
  const clock = new ManualClock();
  const server = useTestServer(dialect, {}, { clock });

  it('lets a code expire at the clock\'s time and counts each click on the clock\'s day', async () => {
    await admin(server, 'PUT', '/attribution-settings', { public_slugs: [], allowed_origins: [], default_landing_url: 'https://shop.example.com/' });
    await admin(server, 'POST', '/programs', { name: 'P', incentive: { type: 'percent', basis_points: 1000 }, landing_url: 'https://shop.example.com/p' });
    const ada = (await admin(server, 'POST', '/collaborators', { name: 'Ada' })).id;
    await admin(server, 'POST', `/collaborators/${ada}/referral-codes`, { code: 'SOON', expires_at: new Date(clock.now() + 86_400_000).toISOString() });
    const first = clock.now();
    expect((await server.inject({ method: 'GET', url: '/r/soon' })).headers.location).toBe('https://shop.example.com/p?ref=SOON');
    clock.advance(2 * 86_400_000);
    expect((await server.inject({ method: 'GET', url: '/r/soon' })).headers.location).toBe('https://shop.example.com/');
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const report = await admin(server, 'GET', `/collaborators/${ada}/clicks`);
    expect(report.to).toBe(day(clock.now()));
    const counts = Object.fromEntries(report.days.map((d: { day: string; clicks: number; invalid_clicks: number }) => [d.day, [d.clicks, d.invalid_clicks]]));
    expect(counts[day(first)]).toEqual([1, 0]);
    expect(counts[day(clock.now())]).toEqual([0, 1]);
  });
});
