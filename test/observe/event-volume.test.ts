import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer, waitForInbox } from '../support/harness.ts';

describe.each(DIALECTS)('event volume (seed 003) on %s', (dialect) => {
  const server = useTestServer(dialect);


  const send = async (type: string, payload: object) => {
    const res = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/events/${type}`,
      headers: { authorization: bearer(server.writeKey) },
      payload: { user_id: 'vol', ...payload },
    });
    return res.json().id as string;
  };
  const volume = (query = '') =>
    server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}/event-volume${query}`, headers: { authorization: bearer(server.operatorToken) } });

  it('answers hourly counts per event type and name in the seed shape, without blocked events', async () => {
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString().replace('.000Z', 'Z');
    await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/event-contracts`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { name: 'needs total', event_type: 'track', event_name: 'purchase_completed', schema_definition: { properties: { total: { type: 'number', required: true } } }, enforcement_mode: 'block' },
    });
    const ids = [
      await send('track', { event: 'purchase_completed', properties: { total: 1 } }),
      await send('track', { event: 'purchase_completed', properties: { total: 2 } }),
      await send('track', { event: 'purchase_completed', properties: {} }),
      await send('page', { name: 'Pricing' }),
    ];
    for (const id of ids.slice(0, 2)) await waitForInbox(server, id, 'processed');
    await waitForInbox(server, ids[2]!, 'blocked');
    await waitForInbox(server, ids[3]!, 'processed');
    const res = await volume();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { event_type: 'page', event_name: 'Pricing', hour_bucket: hour, event_count: 1 },
      { event_type: 'track', event_name: 'purchase_completed', hour_bucket: hour, event_count: 2 },
    ]);
  });

  it('leaves out hours older than the window and refuses a bad hours value', async () => {
    await send('track', { event: 'old_one', timestamp: new Date(Date.now() - 5 * 3_600_000).toISOString() });
    const id = await send('track', { event: 'marker' });
    await waitForInbox(server, id, 'processed');
    const names = (body: Array<{ event_name: string }>) => body.map((b) => b.event_name);
    expect(names((await volume('?hours=2')).json())).not.toContain('old_one');
    expect(names((await volume('?hours=24')).json())).toContain('old_one');
    const bad = await volume('?hours=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.data.fields[0].field).toBe('hours');
  });
});
