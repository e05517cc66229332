import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, startTestServer, waitFor, type TestServer } from '../support/harness.ts';

/**
 * A JSON Schema may refer to itself. Through `properties` that descends into the data and ends;
 * `{"$ref": "#"}` applies itself to the same value forever and overflowed the stack on every
 * matching event, which then failed and was retried until its attempts ran out.
 */
describe.each(DIALECTS)('self-referencing contract schemas on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  const createContract = (eventName: string, schema: object, mode = 'warn') =>
    server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/event-contracts`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { name: eventName, event_type: 'track', event_name: eventName, schema_definition: schema, enforcement_mode: mode },
    });
  const track = (event: string, properties: object) =>
    server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/events/track`,
      headers: { authorization: bearer(server.writeKey) },
      payload: { event, user_id: 'u-1', properties },
    });
  const settled = (id: string) =>
    waitFor(async () => {
      const row = await server.runtime.services.db.kysely.selectFrom('inbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row && row.status !== 'received' && row.status !== 'processing' ? row : undefined;
    }, `inbox row ${id} to settle`);

  it('refuses a schema that applies itself to the same value, with 400 naming schema_definition', async () => {
    for (const schema of [{ $ref: '#' }, { allOf: [{ $ref: '#' }] }]) {
      const res = await createContract('loop', schema);
      expect(res.statusCode, JSON.stringify(schema)).toBe(400);
      expect(res.json().error.data.fields, JSON.stringify(schema)).toEqual([{ field: 'schema_definition', message: expect.stringContaining('refers to itself') }]);
    }
  });

  it('keeps a schema that recurses through properties, which ends with the data', async () => {
    const res = await createContract('tree', { type: 'object', properties: { child: { $ref: '#' }, name: { type: 'string' } } });
    expect(res.statusCode).toBe(201);
    const sent = await track('tree', { name: 'a', child: { name: 'b', child: { name: 3 } } });
    const row = await settled(sent.json().id);
    expect(row.status).toBe('processed');
  });

  it('processes an event on which a conditional loop overflows: one schema_error violation under the contract mode, never a retried failure', async () => {
    const warn = await createContract('conditional', { if: { required: ['loop'] }, then: { $ref: '#' } }, 'warn');
    expect(warn.statusCode).toBe(201);
    const looped = await settled((await track('conditional', { loop: 1 })).json().id);
    expect(looped.status).toBe('processed');
    expect(looped.process_error).toBeNull();
    const violations = await server.runtime.services.db.kysely
      .selectFrom('contract_violations')
      .selectAll()
      .where('contract_id', '=', warn.json().id)
      .execute();
    expect(violations.map((v) => [v.rule, v.action])).toEqual([['schema_error', 'warn']]);
    const plain = await settled((await track('conditional', { other: 1 })).json().id);
    expect(plain.status).toBe('processed');

    const block = await createContract('conditional-block', { if: { required: ['loop'] }, then: { $ref: '#' } }, 'block');
    const blocked = await settled((await track('conditional-block', { loop: 1 })).json().id);
    expect(block.statusCode).toBe(201);
    expect(blocked.status).toBe('blocked');
  });
});
