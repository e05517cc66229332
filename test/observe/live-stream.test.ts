import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer, waitFor, waitForInbox } from '../support/harness.ts';
import { openSse, type SseClient } from './live-client.ts';

describe.each(DIALECTS)('live event stream (SSE) on %s', (dialect) => {
  const server = useTestServer(dialect, { liveHeartbeatMs: 200 });
  let base: string;
  let readKey: string;
  let writeOnlyKey: string;
  let otherWorkspace: string;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    base = await server.listen();
    const op = { authorization: bearer(server.operatorToken) };
    const key = (scopes: string[]) =>
      server.inject({ method: 'POST', url: `/api/v1/workspaces/${server.workspaceId}/api-keys`, headers: op, payload: { name: 'k', scopes } });
    readKey = (await key(['events:read'])).json().key;
    writeOnlyKey = (await key(['events:write'])).json().key;
    otherWorkspace = (await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: op, payload: { name: 'Other live' } })).json().id;
    await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/event-contracts`,
      headers: op,
      payload: { name: 'Checkout', event_type: 'track', event_name: 'checkout', schema_definition: { properties: { total: { type: 'integer', required: true } } }, enforcement_mode: 'warn' },
    });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
  });

  const liveUrl = (query = '', workspace = server.workspaceId) => `${base}/api/v1/workspaces/${workspace}/events/live${query}`;
  const open = async (query = '', headers: Record<string, string> = { authorization: bearer(readKey) }) => {
    const client = await openSse(liveUrl(query), headers);
    clients.push(client);
    return client;
  };
  const send = async (type: 'track' | 'page' | 'identify', payload: object) => {
    const res = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/events/${type}`,
      headers: { authorization: bearer(server.writeKey) },
      payload: { user_id: 'live-user', ...payload },
    });
    expect(res.statusCode).toBe(202);
    return res.json().id as string;
  };

  it('streams each new canonical event with its id and the contract verdict in notes', async () => {
    const client = await open();
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const id = await send('track', { event: 'checkout', properties: { total: 'lots' } });
    const [event] = await client.waitForEvents(1);
    expect(event!.id).toBe(id);
    expect(event!.data).toMatchObject({ id, type: 'track', event: 'checkout', user_id: 'live-user', properties: { total: 'lots' } });
    expect(event!.data.notes.contracts).toEqual([
      expect.objectContaining({ contract_name: 'Checkout', verdict: 'warned', violations: [expect.objectContaining({ rule: 'type_mismatch', path: 'properties.total', value_type: 'string' })] }),
    ]);
    client.close();
  });

  it('sends only the events that match ?type= and ?name=', async () => {
    const pages = await open('?type=page');
    const named = await open('?type=track&name=wanted,also_wanted');
    await send('track', { event: 'unwanted' });
    const wanted = await send('track', { event: 'wanted' });
    const page = await send('page', { name: 'Pricing' });
    const alsoWanted = await send('track', { event: 'also_wanted' });
    expect((await named.waitForEvents(2)).map((e) => e.id)).toEqual([wanted, alsoWanted]);
    expect((await pages.waitForEvents(1)).map((e) => e.id)).toEqual([page]);
    await waitForInbox(server, alsoWanted, 'processed');
    expect(named.events()).toHaveLength(2);
    expect(pages.events()).toHaveLength(1);
  });

  it('resumes after Last-Event-ID with the events the reader missed, then continues live', async () => {
    const first = await open('?name=resume');
    const a = await send('track', { event: 'resume' });
    await first.waitForEvents(1);
    first.close();
    const b = await send('track', { event: 'resume' });
    const c = await send('track', { event: 'resume' });
    await waitForInbox(server, c, 'processed');
    await waitForInbox(server, b, 'processed');
    const resumed = await open('?name=resume', { authorization: bearer(readKey), 'last-event-id': a });
    expect((await resumed.waitForEvents(2)).map((e) => e.id)).toEqual([b, c]);
    const d = await send('track', { event: 'resume' });
    expect((await resumed.waitForEvents(3)).map((e) => e.id)).toEqual([b, c, d]);
  });

  it('sends a heartbeat comment while no events flow', async () => {
    const client = await open('?name=nothing-ever');
    await waitFor(() => client.frames.find((f) => f.comment === 'heartbeat'), 'a heartbeat comment');
  });

  it('accepts the token as ?access_token= for EventSource, and refuses bad credentials with JSON errors', async () => {
    const viaQuery = await open(`?access_token=${encodeURIComponent(readKey)}&name=query-auth`, {});
    expect(viaQuery.status).toBe(200);
    const id = await send('track', { event: 'query-auth' });
    expect((await viaQuery.waitForEvents(1))[0]!.id).toBe(id);

    const none = await fetch(liveUrl());
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('unauthorized');
    const writeOnly = await fetch(liveUrl(), { headers: { authorization: bearer(writeOnlyKey) } });
    expect(writeOnly.status).toBe(403);
    const writeKey = await fetch(liveUrl(), { headers: { authorization: bearer(server.writeKey) } });
    expect(writeKey.status).toBe(403);
    const foreign = await fetch(liveUrl('', otherWorkspace), { headers: { authorization: bearer(readKey) } });
    expect(foreign.status).toBe(404);
    const badResume = await fetch(liveUrl(), { headers: { authorization: bearer(readKey), 'last-event-id': 'nope' } });
    expect(badResume.status).toBe(400);
    expect((await badResume.json()).error.data.fields).toEqual([{ field: 'Last-Event-ID', message: expect.any(String) }]);
  });

  it('does not stream blocked events, and ends every stream when the server closes', async () => {
    await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/event-contracts`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { name: 'No tests', event_type: 'track', event_name: 'blocked_live', schema_definition: { properties: { ok: { type: 'boolean', required: true } } }, enforcement_mode: 'block' },
    });
    const client = await open('?type=track');
    const blocked = await send('track', { event: 'blocked_live' });
    const after = await send('track', { event: 'after_blocked' });
    await waitForInbox(server, blocked, 'blocked');
    const events = await client.waitForEvents(1);
    expect(events.map((e) => e.id)).toEqual([after]);
  });
});
