import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, bearer, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

describe.each(DIALECTS)('workspaces, API keys and write keys on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  const as = (token: string) => ({
    get: (url: string) => server.inject({ method: 'GET', url, headers: { authorization: bearer(token) } }),
    post: (url: string, payload: unknown = {}) => server.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: bearer(token) } }),
    delete: (url: string) => server.inject({ method: 'DELETE', url, headers: { authorization: bearer(token) } }),
  });
  const operator = () => as(server.operatorToken);
  const track = (writeKey: string) =>
    server.inject({ method: 'POST', url: '/v1/track', headers: { authorization: basicAuth(writeKey) }, payload: { event: 'Ping', userId: 'u' } });

  it('creates, lists and reads workspaces with the operator token', async () => {
    const created = await operator().post('/api/v1/workspaces', { name: 'Acme Shop' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Acme Shop', slug: 'acme-shop' });
    const duplicate = await operator().post('/api/v1/workspaces', { name: 'Acme Shop' });
    expect(duplicate.statusCode).toBe(409);
    const list = await operator().get('/api/v1/workspaces');
    expect(list.json().data.map((w: { slug: string }) => w.slug)).toEqual(expect.arrayContaining(['default', 'acme-shop']));
    expect((await operator().get(`/api/v1/workspaces/${created.json().id}`)).json().name).toBe('Acme Shop');
    expect((await operator().get('/api/v1/workspaces/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('refuses workspace creation without a name and without the operator token', async () => {
    const invalid = await operator().post('/api/v1/workspaces', { slug: 'Bad Slug!' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['name', 'slug']);
    expect((await server.inject({ method: 'POST', url: '/api/v1/workspaces', payload: { name: 'x' } })).statusCode).toBe(401);
    expect((await as('trb_op_wrong').post('/api/v1/workspaces', { name: 'x' })).statusCode).toBe(401);
  });

  it('shows a write key once, stores only its hash, and lists it by prefix', async () => {
    const created = await operator().post(`/api/v1/workspaces/${server.workspaceId}/event-keys`, { name: 'Web SDK - Production', environment: 'production' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.key).toMatch(/^wk_/);
    expect(body).toMatchObject({ workspace_id: server.workspaceId, name: 'Web SDK - Production', environment: 'production', status: 'active', last_used_at: null });
    expect(body.key.startsWith(body.key_prefix)).toBe(true);
    const listed = (await operator().get(`/api/v1/workspaces/${server.workspaceId}/event-keys`)).json();
    const entry = listed.find((k: { id: string }) => k.id === body.id);
    expect(entry.key).toBeUndefined();
    expect(JSON.stringify(listed)).not.toContain(body.key);
    const stored = await server.runtime.services.db.kysely.selectFrom('write_keys').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(body.key);
  });

  it('updates last_used_at without a write per event, and a revoked key gets 401 at once', async () => {
    const { id, key } = (await operator().post(`/api/v1/workspaces/${server.workspaceId}/event-keys`, { name: 'to revoke' })).json();
    expect((await track(key)).statusCode).toBe(200);
    await server.runtime.services.auth.lastUsed.flush();
    const listed = (await operator().get(`/api/v1/workspaces/${server.workspaceId}/event-keys`)).json();
    expect(listed.find((k: { id: string }) => k.id === id).last_used_at).not.toBeNull();

    const revoked = await operator().delete(`/api/v1/workspaces/${server.workspaceId}/event-keys/${id}`);
    expect(revoked.json().status).toBe('revoked');
    const refused = await track(key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('unauthorized');
  });

  it('scopes API keys: admin manages its own workspace, events:read cannot, other workspaces are 404', async () => {
    const admin = (await operator().post(`/api/v1/workspaces/${server.workspaceId}/api-keys`, { label: 'ops' })).json();
    expect(admin.scopes).toEqual(['admin']);
    expect(admin.rawKey).toBe(admin.key);
    expect(typeof admin.id).toBe('number');
    const reader = (await operator().post(`/api/v1/workspaces/${server.workspaceId}/api-keys`, { label: 'bi', scopes: ['events:read'] })).json();
    const other = (await operator().post('/api/v1/workspaces', { name: 'Elsewhere' })).json();

    expect((await as(admin.key).post(`/api/v1/workspaces/${server.workspaceId}/event-keys`, { name: 'by admin key' })).statusCode).toBe(201);
    const forbidden = await as(reader.key).post(`/api/v1/workspaces/${server.workspaceId}/event-keys`, { name: 'nope' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
    const foreign = await as(admin.key).get(`/api/v1/workspaces/${other.id}/event-keys`);
    expect(foreign.statusCode).toBe(404);
    expect((await as(admin.key).get('/api/v1/workspaces')).statusCode).toBe(403);

    const bad = await operator().post(`/api/v1/workspaces/${server.workspaceId}/api-keys`, { scopes: ['root'], expires_at: 'never' });
    expect(bad.statusCode).toBe(400);

    await operator().delete(`/api/v1/workspaces/${server.workspaceId}/api-keys/${reader.id}`);
    expect((await as(reader.key).get(`/api/v1/workspaces/${server.workspaceId}`)).statusCode).toBe(401);
    expect((await operator().delete(`/api/v1/workspaces/${server.workspaceId}/api-keys/999999`)).statusCode).toBe(404);
    expect((await operator().delete(`/api/v1/workspaces/${server.workspaceId}/api-keys/abc`)).statusCode).toBe(404);
  });

  it('refuses an empty scopes list with 400 instead of granting full access, on both key APIs', async () => {
    // Leaving scopes out means full access (Siren's rule); [] asks for none and must not become admin.
    const workspaceApi = await operator().post(`/api/v1/workspaces/${server.workspaceId}/api-keys`, { label: 'none', scopes: [] });
    expect(workspaceApi.statusCode).toBe(400);
    expect(workspaceApi.json().error.data.fields).toEqual([{ field: 'scopes', message: expect.stringContaining('at least one') }]);
    const admin = (await operator().post(`/api/v1/workspaces/${server.workspaceId}/api-keys`, { label: 'siren admin' })).json();
    const sirenApi = await as(admin.key).post('/siren/v1/api-keys', { label: 'none', scopes: [] });
    expect(sirenApi.statusCode).toBe(400);
    expect(sirenApi.json().error.data.fields).toEqual([{ field: 'scopes', message: expect.stringContaining('at least one') }]);
  });

  it('refuses an expired API key with 401', async () => {
    const soon = new Date(Date.now() + 300).toISOString();
    const key = (await operator().post(`/api/v1/workspaces/${server.workspaceId}/api-keys`, { label: 'short', expires_at: soon })).json().key;
    expect((await as(key).get(`/api/v1/workspaces/${server.workspaceId}`)).statusCode).toBe(200);
    await waitFor(() => (Date.now() > Date.parse(soon) ? true : undefined), 'expiry');
    expect((await as(key).get(`/api/v1/workspaces/${server.workspaceId}`)).statusCode).toBe(401);
  });

  it('answers the health endpoints', async () => {
    expect((await server.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await server.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', database: dialect });
  });
});
