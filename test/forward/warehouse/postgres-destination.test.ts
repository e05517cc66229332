import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/ids.ts';
import { DIALECTS, dropSchema, TEST_DATABASE_URL } from '../../support/databases.ts';
import { basicAuth, useTestServer, waitFor } from '../../support/harness.ts';
import { busApi, uniqueName } from '../bus/bus-api.ts';

/** The PostgreSQL warehouse destination through the public API, loading into the PostgreSQL on this machine. */
let warehouse: pg.Client;
const schemas: string[] = [];

beforeAll(async () => {
  warehouse = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await warehouse.connect();
});
afterAll(async () => {
  await warehouse.end();
  for (const schema of schemas) await dropSchema(schema);
});

const select = async (schema: string, table: string) => (await warehouse.query(`SELECT * FROM "${schema}"."${table}" ORDER BY id`)).rows;

describe.each(DIALECTS)('PostgreSQL warehouse destination on %s', (dialect) => {
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardTimeoutMs: 2000, forwardRetryBaseMs: 20 });
  const schema = uniqueName('wh', dialect);
  schemas.push(schema, `${schema}_retry`);

  /** Segment batch calls of any type; resolves once accepted. */
  async function send(batch: Array<Record<string, unknown>>) {
    const withIds = batch.map((item) => ({ messageId: newId(), ...item }));
    const response = await server.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basicAuth(server.writeKey) }, payload: { batch: withIds } });
    expect(response.statusCode).toBe(200);
    return withIds.map((item) => item.messageId as string);
  }

  it('loads tracks, event tables, identifies and users, field by field, and a replay adds no row', async () => {
    const api = busApi(server);
    const { id, body, raw } = await api.destination('postgres', { connection_string: TEST_DATABASE_URL, schema });
    expect(body.batch_size).toBe(500);
    expect(body.config.connection_string).toMatch(/^••••/);
    expect(raw).not.toContain(TEST_DATABASE_URL);
    expect(await api.test(id)).toMatchObject({ ok: true, response: expect.stringContaining(`schema "${schema}" is ready`) });
    const [order, identify] = await send([
      { type: 'track', event: 'Order Completed', userId: 'u1', properties: { total: 49.99, currency: 'EUR', items: [{ sku: 'A' }] }, context: { ip: '203.0.113.9', locale: 'fr-FR' }, timestamp: '2026-12-07T09:00:00.000Z' },
      { type: 'identify', userId: 'u1', traits: { email: 'ada@example.com', plan: 'pro' } },
    ]);
    await api.settled(id, 2, ['delivered']);
    const [track] = await select(schema, 'tracks');
    expect(track).toMatchObject({ id: order, event: 'order_completed', event_text: 'Order Completed', user_id: 'u1', context_ip: '203.0.113.9', context_locale: 'fr-FR', timestamp: new Date('2026-12-07T09:00:00.000Z') });
    expect(await select(schema, 'order_completed')).toEqual([expect.objectContaining({ id: order, total: 49.99, currency: 'EUR', items: '[{"sku":"A"}]', user_id: 'u1' })]);
    expect(await select(schema, 'identifies')).toEqual([expect.objectContaining({ id: identify, user_id: 'u1', email: 'ada@example.com', plan: 'pro' })]);
    expect(await select(schema, 'users')).toEqual([expect.objectContaining({ id: 'u1', email: 'ada@example.com', plan: 'pro' })]);

    expect(await api.replay(id, 'delivered')).toBe(2);
    await waitFor(async () => ((await api.deliveries(id)).every((row) => row.status === 'delivered' && row.attempts.length === 2) ? true : undefined), 'the replay to be delivered');
    expect(await select(schema, 'tracks')).toHaveLength(1);
    expect(await select(schema, 'order_completed')).toHaveLength(1);
    expect(await select(schema, 'identifies')).toHaveLength(1);
  });

  it('adds columns for new properties and keeps conflicting values in fallback text columns', async () => {
    const api = busApi(server);
    const { id } = await api.destination('postgres', { connection_string: TEST_DATABASE_URL, schema });
    const [first] = await send([{ type: 'track', event: 'Plan Chosen', userId: 'u2', properties: { seats: 3 } }]);
    await api.settled(id, 1, ['delivered']);
    const [second] = await send([{ type: 'track', event: 'Plan Chosen', userId: 'u2', properties: { seats: 'unlimited', annual: true } }]);
    await api.settled(id, 2, ['delivered']);
    const rows = await select(schema, 'plan_chosen');
    expect(rows.map(({ id: rowId, seats, seats_text, annual }) => ({ id: rowId, seats, seats_text, annual }))).toEqual(
      [
        { id: first, seats: 3, seats_text: null, annual: null },
        { id: second, seats: null, seats_text: 'unlimited', annual: true },
      ].sort((a, b) => (a.id! < b.id! ? -1 : 1)),
    );
  });

  it('retries while the database is unreachable and loads once the config points at it', async () => {
    const api = busApi(server);
    const { id } = await api.destination('postgres', { connection_string: 'postgres://root:pg-secret-0123@127.0.0.1:1/test', schema: `${schema}_retry` });
    expect(await api.test(id)).toMatchObject({ ok: false, verdict: 'retry' });
    const [messageId] = await send([{ type: 'track', event: 'Late Load', userId: 'u3' }]);
    await waitFor(async () => {
      const [row] = await api.deliveries(id);
      return row && row.status === 'pending' && row.attempts.length >= 1 ? row : undefined;
    }, 'a failed attempt');
    await api.update(id, { config: { connection_string: TEST_DATABASE_URL, schema: `${schema}_retry` } });
    const [row] = await api.settled(id, 1, ['delivered']);
    expect(row!.attempts[0].error).toContain('ECONNREFUSED');
    expect(row!.attempts[0].error).not.toContain('pg-secret-0123');
    expect((await select(`${schema}_retry`, 'late_load')).map((loaded) => loaded.id)).toEqual([messageId]);
  });

  it('fails at once, with the reason, for a database that does not exist', async () => {
    const api = busApi(server);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/no_such_warehouse';
    const { id } = await api.destination('postgres', { connection_string: url.toString(), schema });
    expect(await api.test(id)).toMatchObject({ ok: false, verdict: 'final', error: expect.stringContaining('no_such_warehouse') });
    await send([{ type: 'track', event: 'Nowhere', userId: 'u4' }]);
    const [failed] = await api.settled(id, 1, ['failed']);
    expect(failed!.last_error).toContain('does not exist');
  });

  it('refuses a bad config with field errors', async () => {
    const api = busApi(server);
    const bad = await api.call('POST', '/destinations', { name: 'bad', type: 'postgres', config: { connection_string: 'mysql://db.example.com/app', schema: 'has space' } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().error.data.fields as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['config.connection_string', 'config.schema']);
  });
});
