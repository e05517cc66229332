import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer } from '../support/harness.ts';

describe.each(DIALECTS)('destinations and forwarding rules API on %s', (dialect) => {
  const server = useTestServer(dialect);
  let base: string;
  beforeAll(async () => {
    base = `/api/v1/workspaces/${server.workspaceId}`;
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token = server.operatorToken) =>
    server.inject({ method, url, headers: { authorization: bearer(token) }, ...(payload === undefined ? {} : { payload: payload as object }) });

  const newDestination = async (overrides: Record<string, unknown> = {}) => {
    const response = await call('POST', `${base}/destinations`, {
      name: 'Warehouse',
      url: 'https://hooks.example.com/tributary',
      headers: { Authorization: 'Bearer super-secret-token-123456', 'X-Source': 'tributary' },
      ...overrides,
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  };

  it('creates a webhook destination and shows its signing secret once', async () => {
    const created = await newDestination({ batch_size: 10, rate_limit: 50 });
    expect(created).toMatchObject({
      type: 'webhook',
      name: 'Warehouse',
      url: 'https://hooks.example.com/tributary',
      batch_size: 10,
      rate_limit: 50,
      enabled: true,
      disabled_reason: null,
    });
    expect(created.signing_secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = (await call('GET', `${base}/destinations/${created.id}`)).json();
    expect(read.signing_secret).toBeUndefined();
    expect((await call('GET', `${base}/destinations`)).body).not.toContain(created.signing_secret);
  });

  it('masks secret-looking header values in answers and stores secrets encrypted', async () => {
    const created = await newDestination();
    expect(created.headers).toEqual({ Authorization: '••••3456', 'X-Source': 'tributary' });
    const row = await server.db.kysely.selectFrom('destinations').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.headers).not.toContain('super-secret');
    expect(row.signing_secret).not.toContain(created.signing_secret.slice(6));
  });

  it('keeps a masked header value sent back unchanged on update', async () => {
    const created = await newDestination();
    const updated = await call('PUT', `${base}/destinations/${created.id}`, {
      headers: { Authorization: '••••3456', 'X-Source': 'changed' },
    });
    expect(updated.statusCode).toBe(200);
    const row = await server.db.kysely.selectFrom('destinations').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    const secrets = server.services.forward.secrets;
    expect(JSON.parse(secrets.unseal(row.headers))).toEqual({ Authorization: 'Bearer super-secret-token-123456', 'X-Source': 'changed' });
  });

  it('answers 400 url_not_allowed for private, metadata and odd-form addresses', async () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://169.254.169.254/latest/', 'http://0x7f.1/', 'http://[::ffff:10.0.0.1]/', 'ftp://example.com/', 'https://u:p@example.com/']) {
      const response = await call('POST', `${base}/destinations`, { name: 'x', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code).toBe('url_not_allowed');
      expect(response.json().error.data.fields[0].field).toBe('url');
    }
    const created = await newDestination();
    const update = await call('PUT', `${base}/destinations/${created.id}`, { url: 'http://localhost:6379/' });
    expect(update.statusCode).toBe(400);
    expect(update.json().error.code).toBe('url_not_allowed');
  });

  it('names FORWARD_ALLOW_PRIVATE_TARGETS when only that setting refuses the URL, and not for metadata addresses', async () => {
    const local = await call('POST', `${base}/destinations`, { name: 'x', url: 'http://127.0.0.1:8080/' });
    expect(local.json().error.message).toContain('FORWARD_ALLOW_PRIVATE_TARGETS=true');
    expect(local.json().error.data.fields[0].message).toContain('FORWARD_ALLOW_PRIVATE_TARGETS=true');
    const metadata = await call('POST', `${base}/destinations`, { name: 'x', url: 'http://169.254.169.254/latest/' });
    expect(metadata.json().error.message).not.toContain('FORWARD_ALLOW_PRIVATE_TARGETS');
  });

  it('lists every invalid field in one 400', async () => {
    const response = await call('POST', `${base}/destinations`, { url: 5, batch_size: 0, rate_limit: -1, headers: { 'webhook-id': 'x' } });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.data.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['batch_size', 'name', 'rate_limit', 'url']);
    const reserved = await call('POST', `${base}/destinations`, { name: 'x', url: 'https://example.com/', headers: { 'Webhook-Signature': 'x', 'Bad Name': 'y', 'X-Ok': 'a\nb' } });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().error.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['headers.Bad Name', 'headers.Webhook-Signature', 'headers.X-Ok']);
  });

  it('refuses header values HTTP cannot carry (emoji, control characters), which made every delivery fail', async () => {
    for (const value of ['caf\u00e9 \u{1F600}', 'a\u0001b', 'del\u007f', '\u20ac5']) {
      const created = await call('POST', `${base}/destinations`, { name: 'x', url: 'https://example.com/', headers: { 'X-Note': value } });
      expect(created.statusCode, JSON.stringify(value)).toBe(400);
      expect(created.json().error.data.fields, JSON.stringify(value)).toEqual([{ field: 'headers.X-Note', message: expect.stringContaining('Latin-1') }]);
    }
    const destination = await newDestination({ headers: { 'X-Note': 'caf\u00e9\tok ~' } });
    expect(destination.headers['X-Note']).toBe('caf\u00e9\tok ~');
    const updated = await call('PUT', `${base}/destinations/${destination.id}`, { headers: { 'X-Note': '\u{1F600}' } });
    expect(updated.statusCode).toBe(400);
  });

  it('creates, reads, updates and deletes a forwarding rule in seed 003 shape', async () => {
    const destination = await newDestination();
    const created = await call('POST', `${base}/event-forwarding-rules`, {
      name: 'All Track Events to Amplitude',
      destination_id: destination.id,
      event_types: ['track'],
      event_names: [],
      transformation_id: null,
      enabled: true,
    });
    expect(created.statusCode).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({
      name: 'All Track Events to Amplitude',
      destination_id: destination.id,
      event_types: ['track'],
      event_names: [],
      transformation_id: null,
      enabled: true,
    });
    expect((await call('GET', `${base}/event-forwarding-rules`)).json().map((r: { id: string }) => r.id)).toContain(rule.id);
    const updated = await call('PUT', `${base}/event-forwarding-rules/${rule.id}`, { event_names: ['purchase_completed'], enabled: false });
    expect(updated.json()).toMatchObject({ event_names: ['purchase_completed'], enabled: false, event_types: ['track'] });
    expect((await call('GET', `${base}/event-forwarding-rules/${rule.id}`)).json().enabled).toBe(false);
    const busy = await call('DELETE', `${base}/destinations/${destination.id}`);
    expect(busy.statusCode).toBe(409);
    expect((await call('DELETE', `${base}/event-forwarding-rules/${rule.id}`)).statusCode).toBe(204);
    expect((await call('GET', `${base}/event-forwarding-rules/${rule.id}`)).statusCode).toBe(404);
    expect((await call('DELETE', `${base}/destinations/${destination.id}`)).statusCode).toBe(204);
  });

  it('answers 400 when the rule names a destination or transformation of no such id in the workspace', async () => {
    const response = await call('POST', `${base}/event-forwarding-rules`, {
      name: 'r',
      destination_id: '00000000-0000-7000-8000-000000000000',
      transformation_id: '00000000-0000-7000-8000-000000000001',
      event_types: ['nonsense'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.data.fields.map((f: { field: string }) => f.field)).toEqual(['event_types.0']);
    const missing = await call('POST', `${base}/event-forwarding-rules`, {
      name: 'r',
      destination_id: '00000000-0000-7000-8000-000000000000',
      transformation_id: '00000000-0000-7000-8000-000000000001',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.data.fields.map((f: { field: string }) => f.field)).toEqual(['destination_id', 'transformation_id']);
  });

  it("answers 404 for another workspace's destinations, rules and deliveries", async () => {
    const destination = await newDestination();
    const other = (await call('POST', '/api/v1/workspaces', { name: `Other ${dialect}` })).json();
    const otherBase = `/api/v1/workspaces/${other.id}`;
    expect((await call('GET', `${otherBase}/destinations/${destination.id}`)).statusCode).toBe(404);
    expect((await call('PUT', `${otherBase}/destinations/${destination.id}`, { name: 'stolen' })).statusCode).toBe(404);
    expect((await call('DELETE', `${otherBase}/destinations/${destination.id}`)).statusCode).toBe(404);
    const crossRule = await call('POST', `${otherBase}/event-forwarding-rules`, { name: 'r', destination_id: destination.id });
    expect(crossRule.statusCode).toBe(400);
    expect(crossRule.json().error.data.fields[0].field).toBe('destination_id');
    const key = (await call('POST', `${otherBase}/api-keys`, { label: 'other admin', scopes: ['admin'] })).json().key as string;
    expect((await call('GET', `${base}/destinations`, undefined, key)).statusCode).toBe(404);
    expect((await call('GET', `${base}/deliveries`, undefined, key)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/workspaces/00000000-0000-7000-8000-000000000009/destinations`)).statusCode).toBe(404);
  });
});
