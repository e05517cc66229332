import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, startTestServer, waitForInbox, type TestServer } from '../support/harness.ts';

describe.each(DIALECTS)('workspace events API (seed 003) on %s', (dialect) => {
  let server: TestServer;
  let otherWorkspace: string;
  let otherKey: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const ws = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: 'Other' } });
    otherWorkspace = ws.json().id;
    const key = await server.inject({ method: 'POST', url: `/api/v1/workspaces/${otherWorkspace}/event-keys`, headers: { authorization: bearer(server.operatorToken) }, payload: { name: 'other' } });
    otherKey = key.json().key;
  });
  afterAll(() => server?.close());

  const send = (type: string, payload: unknown, options: { key?: string; workspace?: string; header?: string | null } = {}) => {
    const workspace = options.workspace ?? server.workspaceId;
    const headers: Record<string, string> = { authorization: bearer(options.key ?? server.writeKey) };
    if (options.header !== null) headers['x-workspace-id'] = options.header ?? workspace;
    return server.inject({ method: 'POST', url: `/api/v1/workspaces/${workspace}/events/${type}`, headers, payload: payload as object });
  };
  const event = (id: string) => server.runtime.services.db.kysely.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('records a track event with the seed fields and answers 202 with the inbox id', async () => {
    const res = await send('track', {
      event: 'purchase_completed',
      user_id: 'user-123',
      properties: { order_id: 'ORD-456', total: 99.99, currency: 'USD', items: ['SKU-001', 'SKU-002'] },
      timestamp: '2024-01-15T15:00:00Z',
      context: { ip: '203.0.113.1', user_agent: 'Mozilla/5.0' },
    });
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    await waitForInbox(server, id, 'processed');
    const row = await event(id);
    expect(row).toMatchObject({ type: 'track', name: 'purchase_completed', user_id: 'user-123', source: 'workspace', timestamp: Date.parse('2024-01-15T15:00:00Z') });
    expect(JSON.parse(row.body)).toMatchObject({ properties: { order_id: 'ORD-456', total: 99.99 }, context: { ip: '203.0.113.1' } });
  });

  it('records identify, page and group; the timestamp defaults to the server time', async () => {
    const before = Date.now();
    const identify = await send('identify', { user_id: 'user-123', traits: { email: 'alice@example.com', plan: 'enterprise' } });
    const page = await send('page', { anonymous_id: 'anon-1', name: 'Pricing', properties: { url: 'https://example.com/pricing' } });
    const group = await send('group', { user_id: 'user-123', group_id: 'company-456', traits: { name: 'Acme Corp' } });
    for (const res of [identify, page, group]) expect(res.statusCode).toBe(202);
    await waitForInbox(server, group.json().id, 'processed');
    expect(await event(identify.json().id)).toMatchObject({ type: 'identify', email: 'alice@example.com' });
    const pageRow = await event(page.json().id);
    expect(pageRow).toMatchObject({ type: 'page', name: 'Pricing', anonymous_id: 'anon-1' });
    expect(pageRow.timestamp).toBeGreaterThanOrEqual(before);
    expect(await event(group.json().id)).toMatchObject({ type: 'group', group_id: 'company-456' });
  });

  it('lists every missing field: event for track, user_id or anonymous_id, group_id for group', async () => {
    const track = await send('track', { properties: 'no' });
    expect(track.statusCode).toBe(400);
    expect(track.json().error.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['event', 'properties', 'user_id']);
    const group = await send('group', { user_id: 'u' });
    expect(group.json().error.data.fields).toEqual([{ field: 'group_id', message: 'is required' }]);
    const when = await send('track', { event: 'x', user_id: 'u', timestamp: 'last tuesday' });
    expect(when.json().error.data.fields).toEqual([{ field: 'timestamp', message: 'must be an ISO-8601 date-time' }]);
  });

  it('refuses a revoked, unknown or foreign write key with 401, and a mismatched X-Workspace-ID with 400', async () => {
    expect((await send('track', { event: 'x', user_id: 'u' }, { key: 'wk_nope' })).statusCode).toBe(401);
    const foreign = await send('track', { event: 'x', user_id: 'u' }, { key: otherKey });
    expect(foreign.statusCode).toBe(401);
    expect(foreign.json().error.code).toBe('unauthorized');
    const mismatch = await send('track', { event: 'x', user_id: 'u' }, { header: otherWorkspace });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.data.fields[0].field).toBe('X-Workspace-ID');
    expect((await send('track', { event: 'x', user_id: 'u' }, { header: null })).statusCode).toBe(202);
  });

  it('answers 404 route_not_found for an unknown event type', async () => {
    const res = await send('screen', { user_id: 'u' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
  });
});
