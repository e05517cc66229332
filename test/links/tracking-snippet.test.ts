import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer } from '../support/harness.ts';

describe.each(DIALECTS)('the tracking snippet\'s HTTP surface on %s', (dialect) => {
  const server = useTestServer(dialect);
  const auth = () => ({ authorization: bearer(server.operatorToken) });
  const settings = (payload: object) =>
    server.inject({ method: 'PUT', url: `/api/v1/workspaces/${server.workspaceId}/attribution-settings`, headers: auth(), payload: { public_slugs: [], allowed_origins: [], ...payload } });
  const visit = (origin: string, headers: Record<string, string> = {}) =>
    server.inject({
      method: 'POST',
      url: '/event/site-visited',
      headers: { origin, 'x-workspace-id': server.workspaceId, ...headers },
      payload: { referralCode: 'ada', landingUrl: 'https://shop.example.com/?ref=ada' },
    });

  beforeAll(async () => {
    const base = `/api/v1/workspaces/${server.workspaceId}`;
    await server.inject({ method: 'POST', url: `${base}/programs`, headers: auth(), payload: { name: 'A', incentive: { type: 'percent', basis_points: 1000 }, attribution_window_days: 45 } });
    await server.inject({ method: 'POST', url: `${base}/programs`, headers: auth(), payload: { name: 'B', incentive: { type: 'percent', basis_points: 1000 }, link_param: 'via', attribution_window_days: 10 } });
    const ada = (await server.inject({ method: 'POST', url: `${base}/collaborators`, headers: auth(), payload: { name: 'Ada' } })).json().id;
    await server.inject({ method: 'POST', url: `${base}/collaborators/${ada}/referral-codes`, headers: auth(), payload: { code: 'ADA' } });
  });

  it('serves the script gzipped under 4 KB, cacheable and readable from any origin', async () => {
    const res = await server.inject({ method: 'GET', url: '/js/tributary.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.rawPayload.length).toBeLessThanOrEqual(4096);
    const source = gunzipSync(res.rawPayload).toString();
    expect(source).toContain('tributary_oid');
    const plain = await server.inject({ method: 'GET', url: '/js/tributary.js' });
    expect(plain.body).toBe(source);
  });

  it('tells the snippet the link parameters, the attribution window and whether public visits are on', async () => {
    const res = await server.inject({ method: 'GET', url: `/js/workspaces/${server.workspaceId}/tracking.json` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.json()).toEqual({ public_visits: false, params: ['ref', 'via'], window_days: 45 });
    const unknown = await server.inject({ method: 'GET', url: '/js/workspaces/no-such-workspace/tracking.json' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['access-control-allow-origin']).toBe('*');
  });

  it('refuses an unauthenticated visit until the workspace turns public visits on, then takes it from any origin', async () => {
    const refused = await visit('http://127.0.0.1:9999');
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['x-siren-oid']).toBeUndefined();
    expect((await settings({ public_visits: true })).json()).toMatchObject({ public_visits: true });
    const first = await visit('http://127.0.0.1:9999');
    expect(first.statusCode).toBe(200);
    const oid = first.headers['x-siren-oid'];
    expect(Number(oid)).toBeGreaterThan(0);
    // Seed 000's header rule: a visit that carries the opportunity it holds keeps it.
    const again = await visit('https://elsewhere.example', { 'x-siren-oid': String(oid) });
    expect(again.headers['x-siren-oid']).toBe(oid);
    expect((await server.inject({ method: 'GET', url: `/js/workspaces/${server.workspaceId}/tracking.json` })).json().public_visits).toBe(true);
  });

  it('limits public visits to the listed origins when the workspace lists any, and keeps the rest of the settings on a partial PUT', async () => {
    await settings({ allowed_origins: ['https://shop.example.com'] });
    expect((await visit('https://elsewhere.example')).statusCode).toBe(403);
    expect((await visit('https://shop.example.com')).statusCode).toBe(200);
    await settings({ public_visits: false });
    expect((await visit('https://shop.example.com')).statusCode).toBe(401);
  });

  it('answers the preflight a cross-origin snippet sends', async () => {
    const res = await server.inject({
      method: 'OPTIONS',
      url: '/event/site-visited',
      headers: { origin: 'http://127.0.0.1:9999', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-siren-oid,x-workspace-id' },
    });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('x-workspace-id');
  });
});
