import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, startTestServer, waitForInbox, type TestServer } from '../support/harness.ts';

const PURCHASE_SCHEMA = {
  properties: {
    order_id: { type: 'string', required: true },
    total: { type: 'number', required: true },
    currency: { type: 'string', required: true },
  },
};

describe.each(DIALECTS)('event contracts (seed 003) on %s', (dialect) => {
  let server: TestServer;
  let otherWorkspace: string;
  let readKey: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const ws = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: 'Other' } });
    otherWorkspace = ws.json().id;
    const key = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/api-keys`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { name: 'reader', scopes: ['events:read'] },
    });
    readKey = key.json().key;
  });
  afterAll(() => server?.close());

  const url = (suffix = '', workspace = server.workspaceId) => `/api/v1/workspaces/${workspace}/event-contracts${suffix}`;
  const op = () => ({ authorization: bearer(server.operatorToken) });
  const create = (payload: object) => server.inject({ method: 'POST', url: url(), headers: op(), payload });
  const track = (event: string, properties: object) =>
    server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/events/track`,
      headers: { authorization: bearer(server.writeKey) },
      payload: { event, user_id: 'u-1', properties },
    });

  it('creates a contract with the seed body and answers it with every seed field', async () => {
    const res = await create({
      name: 'Purchase Completed Schema',
      event_type: 'track',
      event_name: 'purchase_completed',
      description: 'Schema for purchase completion events',
      schema_definition: PURCHASE_SCHEMA,
      enforcement_mode: 'warn',
      undeclared_fields: 'allow',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: 'Purchase Completed Schema',
      event_type: 'track',
      event_name: 'purchase_completed',
      schema_definition: PURCHASE_SCHEMA,
      enforcement_mode: 'warn',
      undeclared_fields: 'allow',
      status: 'active',
    });
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(Date.parse(body.created_at)).toBeGreaterThan(0);
    const one = await server.inject({ method: 'GET', url: url(`/${body.id}`), headers: { authorization: bearer(readKey) } });
    expect(one.json()).toEqual(body);
    const list = await server.inject({ method: 'GET', url: url(), headers: { authorization: bearer(readKey) } });
    expect(list.json().map((c: { id: string }) => c.id)).toContain(body.id);
    await server.inject({ method: 'DELETE', url: url(`/${body.id}`), headers: op() });
  });

  it('lists every invalid field in one 400, including why the schema is not valid JSON Schema', async () => {
    const res = await create({ name: '', event_type: 'click', schema_definition: { properties: { x: { type: 'strin' } } }, enforcement_mode: 'loud' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.data.fields as Array<{ field: string; message: string }>;
    expect(fields.map((f) => f.field).sort()).toEqual(['enforcement_mode', 'event_type', 'name', 'schema_definition']);
    expect(fields.find((f) => f.field === 'schema_definition')!.message).toMatch(/not a valid JSON Schema/);
    const draft = await create({ name: 'x', event_type: 'track', schema_definition: { $schema: 'http://json-schema.org/draft-04/schema#' } });
    expect(draft.json().error.data.fields).toEqual([{ field: 'schema_definition.$schema', message: expect.stringMatching(/2020-12 or draft-07/) }]);
    const missing = await create({});
    expect(missing.json().error.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['event_type', 'name', 'schema_definition']);
  });

  it('accepts full JSON Schema in draft 2020-12 and draft-07', async () => {
    for (const $schema of ['https://json-schema.org/draft/2020-12/schema', 'http://json-schema.org/draft-07/schema#']) {
      const res = await create({
        name: `full ${$schema}`,
        event_type: 'track',
        event_name: `draft_${$schema.length}`,
        schema_definition: { $schema, type: 'object', required: ['sku'], properties: { sku: { type: 'string', pattern: '^SKU-' }, email: { type: 'string', format: 'email' } } },
      });
      expect(res.statusCode).toBe(201);
      await server.inject({ method: 'DELETE', url: url(`/${res.json().id}`), headers: op() });
    }
  });

  it('needs admin to change contracts; a read key may list them; another workspace gets 404', async () => {
    const denied = await server.inject({ method: 'POST', url: url(), headers: { authorization: bearer(readKey) }, payload: { name: 'x', event_type: 'track', schema_definition: {} } });
    expect(denied.statusCode).toBe(403);
    const foreign = await server.inject({ method: 'GET', url: url('', otherWorkspace), headers: { authorization: bearer(readKey) } });
    expect(foreign.statusCode).toBe(404);
    const created = await create({ name: 'mine', event_type: 'identify', schema_definition: {} });
    const crossRead = await server.inject({ method: 'GET', url: url(`/${created.json().id}`, otherWorkspace), headers: op() });
    expect(crossRead.statusCode).toBe(404);
    const crossDelete = await server.inject({ method: 'DELETE', url: url(`/${created.json().id}`, otherWorkspace), headers: op() });
    expect(crossDelete.statusCode).toBe(404);
    expect((await server.inject({ method: 'GET', url: url(), headers: {} })).statusCode).toBe(401);
    await server.inject({ method: 'DELETE', url: url(`/${created.json().id}`), headers: op() });
  });

  it('warn: the event is processed and each violation is stored with rule, path and value type, never the value', async () => {
    const contract = (await create({ name: 'warned', event_type: 'track', event_name: 'order_warn', schema_definition: PURCHASE_SCHEMA, enforcement_mode: 'warn', undeclared_fields: 'warn' })).json();
    const res = await track('order_warn', { order_id: 'ORD-1', total: 'ninety-nine', secret_note: 'do not store me' });
    await waitForInbox(server, res.json().id, 'processed');
    const page = await server.inject({ method: 'GET', url: url(`/${contract.id}/violations`), headers: { authorization: bearer(readKey) } });
    expect(page.statusCode).toBe(200);
    const violations = page.json().data as Array<Record<string, unknown>>;
    const brief = violations.map((v) => [v.rule, v.path, v.value_type, v.action]).sort();
    expect(brief).toEqual([
      ['required_missing', 'properties.currency', null, 'warn'],
      ['type_mismatch', 'properties.total', 'string', 'warn'],
      ['undeclared_field', 'properties.secret_note', 'string', 'warn'],
    ]);
    expect(violations.every((v) => v.event_id === res.json().id && v.contract_id === contract.id)).toBe(true);
    expect(JSON.stringify(page.json())).not.toContain('ninety-nine');
    expect(JSON.stringify(page.json())).not.toContain('do not store me');
  });

  it('block: the inbox row ends blocked with a readable reason, no canonical event, violations stored', async () => {
    const contract = (await create({ name: 'Strict orders', event_type: 'track', event_name: 'order_block', schema_definition: PURCHASE_SCHEMA, enforcement_mode: 'block' })).json();
    const bad = await track('order_block', { order_id: 'ORD-2', total: 5 });
    const row = await waitForInbox(server, bad.json().id, 'blocked');
    expect(row.process_error).toContain('Strict orders');
    expect(row.process_error).toContain('properties.currency is required');
    const event = await server.runtime.services.db.kysely.selectFrom('events').select('id').where('id', '=', bad.json().id).executeTakeFirst();
    expect(event).toBeUndefined();
    const good = await track('order_block', { order_id: 'ORD-3', total: 5, currency: 'EUR', extra: true });
    await waitForInbox(server, good.json().id, 'processed');
    const page = await server.inject({ method: 'GET', url: url(`/${contract.id}/violations`), headers: op() });
    expect(page.json().data).toEqual([expect.objectContaining({ event_id: bad.json().id, rule: 'required_missing', action: 'block' })]);
  });

  it('allow records nothing; an archived contract does not apply; undeclared_fields blocks on its own', async () => {
    const allow = (await create({ name: 'info', event_type: 'track', event_name: 'order_allow', schema_definition: PURCHASE_SCHEMA, enforcement_mode: 'allow' })).json();
    const a = await track('order_allow', { total: 'x' });
    await waitForInbox(server, a.json().id, 'processed');
    expect((await server.inject({ method: 'GET', url: url(`/${allow.id}/violations`), headers: op() })).json().data).toEqual([]);

    const strict = (await create({ name: 'no extras', event_type: 'track', event_name: 'order_extra', schema_definition: PURCHASE_SCHEMA, enforcement_mode: 'allow', undeclared_fields: 'block' })).json();
    const extra = await track('order_extra', { order_id: 'o', total: 1, currency: 'USD', coupon: 'X' });
    const blocked = await waitForInbox(server, extra.json().id, 'blocked');
    expect(blocked.process_error).toContain('properties.coupon is not declared');

    const archived = await server.inject({ method: 'PUT', url: url(`/${strict.id}`), headers: op(), payload: { status: 'archived' } });
    expect(archived.json()).toMatchObject({ status: 'archived', name: 'no extras' });
    const again = await track('order_extra', { order_id: 'o', total: 1, currency: 'USD', coupon: 'X' });
    await waitForInbox(server, again.json().id, 'processed');
  });

  it('applies an update to the next event (the compiled schema is not stale)', async () => {
    const contract = (await create({ name: 'evolving', event_type: 'track', event_name: 'signup', schema_definition: { properties: { plan: { type: 'string', required: true } } }, enforcement_mode: 'block' })).json();
    const first = await track('signup', { plan: 'pro' });
    await waitForInbox(server, first.json().id, 'processed');
    const put = await server.inject({ method: 'PUT', url: url(`/${contract.id}`), headers: op(), payload: { schema_definition: { properties: { plan: { type: 'integer' } } } } });
    expect(put.statusCode).toBe(200);
    const second = await track('signup', { plan: 'pro' });
    const row = await waitForInbox(server, second.json().id, 'blocked');
    expect(row.process_error).toContain('properties.plan must be integer (found string)');
    const bad = await server.inject({ method: 'PUT', url: url(`/${contract.id}`), headers: op(), payload: { schema_definition: { type: 12 } } });
    expect(bad.statusCode).toBe(400);
    expect((await server.inject({ method: 'PUT', url: url(`/${contract.id}`), headers: op(), payload: {} })).statusCode).toBe(400);
    expect((await server.inject({ method: 'DELETE', url: url(`/${contract.id}`), headers: op() })).statusCode).toBe(200);
    const third = await track('signup', { plan: 'pro' });
    await waitForInbox(server, third.json().id, 'processed');
    expect((await server.inject({ method: 'GET', url: url(`/${contract.id}`), headers: op() })).statusCode).toBe(404);
  });

  it('checks traits for identify, and a contract without event_name matches every name of its type', async () => {
    await create({ name: 'traits', event_type: 'identify', schema_definition: { properties: { email: { type: 'string', format: 'email', required: true } } }, enforcement_mode: 'block' });
    const res = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/events/identify`,
      headers: { authorization: bearer(server.writeKey) },
      payload: { user_id: 'u-9', traits: { email: 'not-an-email' } },
    });
    const row = await waitForInbox(server, res.json().id, 'blocked');
    expect(row.process_error).toContain('traits.email must match format "email"');
  });

  it('filters and paginates violations with a cursor', async () => {
    const contract = (await create({ name: 'paged', event_type: 'track', event_name: 'paged', schema_definition: { properties: { n: { type: 'integer', required: true } } }, enforcement_mode: 'warn' })).json();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await track('paged', { n: 'x' })).json().id);
    ids.push((await track('paged', {})).json().id);
    for (const id of ids) await waitForInbox(server, id, 'processed');
    const get = (query: string) => server.inject({ method: 'GET', url: url(`/${contract.id}/violations?${query}`), headers: op() });
    const first = (await get('limit=2')).json();
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const second = (await get(`limit=2&cursor=${first.next_cursor}`)).json();
    expect(second.data).toHaveLength(2);
    expect(second.has_more).toBe(false);
    expect(new Set([...first.data, ...second.data].map((v: { event_id: string }) => v.event_id))).toEqual(new Set(ids));
    expect((await get('rule=required_missing')).json().data).toEqual([expect.objectContaining({ event_id: ids[3] })]);
    expect((await get(`event_id=${ids[0]}`)).json().data).toEqual([expect.objectContaining({ rule: 'type_mismatch', path: 'properties.n' })]);
    const invalid = await get('limit=0&from=yesterday&action=loud');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.data.fields.map((f: { field: string }) => f.field).sort()).toEqual(['action', 'from', 'limit']);
  });
});
