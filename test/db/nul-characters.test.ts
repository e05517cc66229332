import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, createApiKey, useTestServer } from '../support/harness.ts';

/**
 * PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"), SQLite can.
 * A NUL typed into any field, path id or query value must never become a 500 on either.
 */
describe.each(DIALECTS)('NUL characters in admin input, ids and queries on %s', (dialect) => {
  const server = useTestServer(dialect);
  let base: string;
  let apiKey: string;
  beforeAll(async () => {
    base = `/api/v1/workspaces/${server.workspaceId}`;
    apiKey = await createApiKey(server, { label: 'shop', scopes: ['admin'] });
  });

  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    server.inject({ method, url, headers: { authorization: bearer(apiKey) }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('creates a program whose name holds a NUL instead of failing with a 500', async () => {
    const res = await call('POST', `${base}/programs`, { name: 'Aff\u0000iliates', incentive: { type: 'percent', basis_points: 1000 } });
    expect(res.statusCode).toBe(201);
    // SQLite keeps the character; PostgreSQL stores the replacement character, as event columns do.
    expect(['Aff\u0000iliates', 'Aff\uFFFDiliates']).toContain(res.json().name);
  });

  it('answers 404 for an object id holding a NUL', async () => {
    for (const path of ['destinations', 'event-contracts', 'event-transformations', 'event-forwarding-rules', 'deliveries']) {
      const res = await call('GET', `${base}/${path}/a%00b`);
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.code, path).toBe('not_found');
    }
    const event = await call('GET', '/api/v1/public/authenticated/events/a%00b');
    expect(event.statusCode).toBe(404);
    const incoming = await call('GET', '/api/v1/public/authenticated/events/incoming/a%00b');
    expect(incoming.statusCode).toBe(404);
  });

  it('answers 200 for a search or filter holding a NUL', async () => {
    for (const query of ['q=%00', 'status=%00', 'source=a%00', 'event_type=%00']) {
      const res = await call('GET', `/api/v1/public/authenticated/events?${query}`);
      expect(res.statusCode, query).toBe(200);
      expect(res.json().data, query).toEqual([]);
    }
    const log = await call('GET', `${base}/domain-events?inbound_event_id=a%00`);
    expect(log.statusCode).toBe(200);
  });

  it('records a lead whose email and user id hold a NUL', async () => {
    const res = await call('POST', '/siren/v1/event/lead', { source: 'form\u0000', externalId: 'lead-nul', email: 'a\u0000@example.com', userId: 'u\u0000' });
    expect(res.statusCode).toBe(200);
  });
});
