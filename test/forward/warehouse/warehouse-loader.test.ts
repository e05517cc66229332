import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WarehouseLoader } from '../../../src/forward/warehouse/warehouse-loader.ts';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../../support/databases.ts';

/** The loader against the real PostgreSQL on this machine, one schema for this file. */
const schema = `wh_${uniqueSchema()}`;
const loaders: WarehouseLoader[] = [];
let db: pg.Client;

function loader(overrides: Partial<ConstructorParameters<typeof WarehouseLoader>[0]> = {}): WarehouseLoader {
  const created = new WarehouseLoader({ connectionString: TEST_DATABASE_URL, schema, allowPrivate: true, timeoutMs: 5_000, ...overrides });
  loaders.push(created);
  return created;
}

async function rows(table: string, order = 'id'): Promise<Record<string, unknown>[]> {
  return (await db.query(`SELECT * FROM "${schema}"."${table}" ORDER BY ${order}`)).rows;
}

async function columnTypes(table: string): Promise<Record<string, string>> {
  const { rows: found } = await db.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
    [schema, table],
  );
  return Object.fromEntries(found.map((row) => [row.column_name, row.data_type]));
}

beforeAll(async () => {
  db = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await Promise.all(loaders.map((one) => one.close()));
  await db.end();
  await dropSchema(schema);
});

const at = (second: number) => `2026-12-07T09:00:${String(second).padStart(2, '0')}.000Z`;

describe('PostgreSQL warehouse loader', () => {
  it('loads each event type into its table, in the Segment layout', async () => {
    const events = [
      { id: 'e1', type: 'track', event: 'Order Completed', message_id: 'm1', user_id: 'u1', received_at: at(1), timestamp: at(0), properties: { total: 49.99, currency: 'EUR', product: { sku: 'S-1' } }, context: { ip: '203.0.113.9' } },
      { id: 'e2', type: 'identify', message_id: 'm2', user_id: 'u1', received_at: at(2), traits: { email: 'ada@example.com', plan: 'pro' } },
      { id: 'e3', type: 'page', event: 'Pricing', message_id: 'm3', anonymous_id: 'a1', received_at: at(3), properties: { path: '/pricing' } },
      { id: 'e4', type: 'screen', event: 'Home', message_id: 'm4', user_id: 'u1', received_at: at(4) },
      { id: 'e5', type: 'group', message_id: 'm5', user_id: 'u1', group_id: 'acme', received_at: at(5), traits: { employees: 40 } },
      { id: 'e6', type: 'alias', message_id: 'm6', user_id: 'u1', previous_id: 'a1', received_at: at(6) },
    ];
    const { outcome, report } = await loader().load(events);
    expect(outcome).toMatchObject({ verdict: 'delivered', error: null });
    expect(report).toMatchObject({ inserted: 8, duplicates: 0, typeConflicts: 0 });

    const [track] = await rows('tracks');
    expect(track).toMatchObject({ id: 'm1', event: 'order_completed', event_text: 'Order Completed', user_id: 'u1', context_ip: '203.0.113.9' });
    expect(track!.received_at).toEqual(new Date(at(1)));
    expect(track).not.toHaveProperty('total');
    expect(await rows('order_completed')).toEqual([expect.objectContaining({ id: 'm1', total: 49.99, currency: 'EUR', product_sku: 'S-1' })]);
    expect(await rows('identifies')).toEqual([expect.objectContaining({ id: 'm2', user_id: 'u1', email: 'ada@example.com', plan: 'pro' })]);
    expect(await rows('users')).toEqual([expect.objectContaining({ id: 'u1', email: 'ada@example.com', plan: 'pro', received_at: new Date(at(2)) })]);
    expect(await rows('pages')).toEqual([expect.objectContaining({ id: 'm3', name: 'Pricing', path: '/pricing', anonymous_id: 'a1' })]);
    expect(await rows('screens')).toEqual([expect.objectContaining({ id: 'm4', name: 'Home' })]);
    expect(await rows('groups')).toEqual([expect.objectContaining({ id: 'm5', group_id: 'acme', employees: 40 })]);
    expect(await rows('aliases')).toEqual([expect.objectContaining({ id: 'm6', previous_id: 'a1' })]);
    expect(await columnTypes('order_completed')).toMatchObject({ id: 'text', total: 'double precision', received_at: 'timestamp with time zone', uuid_ts: 'timestamp with time zone' });
  });

  it('adds nothing when the same batch is loaded again (a replay), even through another loader', async () => {
    const batch = [{ id: 'r1', type: 'track', event: 'Replayed', message_id: 'rm1', received_at: at(1), properties: { n: 1 } }];
    expect((await loader().load(batch)).report).toMatchObject({ inserted: 2, duplicates: 0 });
    expect((await loader().load(batch)).report).toMatchObject({ inserted: 0, duplicates: 2 });
    expect(await rows('replayed')).toHaveLength(1);
  });

  it('adds a column for a new property and keeps a value of a conflicting type in a fallback text column', async () => {
    const one = loader();
    await one.load([{ id: 'c1', type: 'track', event: 'Checkout', message_id: 'cm1', properties: { total: 10 } }]);
    const { outcome, report } = await one.load([
      { id: 'c2', type: 'track', event: 'Checkout', message_id: 'cm2', properties: { total: 'ten', coupon: 'XMAS' } },
      { id: 'c3', type: 'track', event: 'Checkout', message_id: 'cm3', properties: { total: 12.5 } },
    ]);
    expect(report!.typeConflicts).toBe(1);
    expect(outcome.response).toContain('1 values kept in fallback text columns');
    expect(await columnTypes('checkout')).toMatchObject({ total: 'double precision', total_text: 'text', coupon: 'text' });
    expect((await rows('checkout')).map(({ id, total, total_text, coupon }) => ({ id, total, total_text, coupon }))).toEqual([
      { id: 'cm1', total: 10, total_text: null, coupon: null },
      { id: 'cm2', total: null, total_text: 'ten', coupon: 'XMAS' },
      { id: 'cm3', total: 12.5, total_text: null, coupon: null },
    ]);
    // Counted in the warehouse, once: loading the same batch again inserts no row and counts nothing.
    const counted = async () => (await db.query(`SELECT table_name, column_name, fallback_column, values_kept::int AS n FROM "${schema}".tributary_type_conflicts WHERE table_name = 'checkout'`)).rows;
    expect(await counted()).toEqual([{ table_name: 'checkout', column_name: 'total', fallback_column: 'total_text', n: 1 }]);
    await one.load([{ id: 'c2', type: 'track', event: 'Checkout', message_id: 'cm2', properties: { total: 'ten', coupon: 'XMAS' } }]);
    await loader().load([{ id: 'c4', type: 'track', event: 'Checkout', message_id: 'cm4', properties: { total: false } }]);
    expect(await counted()).toEqual([{ table_name: 'checkout', column_name: 'total', fallback_column: 'total_text', n: 2 }]);
  });

  it('lets concurrent loaders evolve the same table without failing either', async () => {
    const loaders = [loader(), loader(), loader()];
    const results = await Promise.all(
      loaders.map((one, index) =>
        one.load(Array.from({ length: 20 }, (_, n) => ({ id: `k${index}-${n}`, type: 'track', event: 'Raced', message_id: `k${index}-${n}`, properties: { [`p${n % 5}`]: index === 1 ? 'text' : n, shared: index } }))),
      ),
    );
    expect(results.map((result) => result.outcome.verdict)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(await rows('raced')).toHaveLength(60);
    const types = await columnTypes('raced');
    // Whichever loader created p0…p4 set its type; the other's values are in p0_text…, none lost.
    const conflicts = results.reduce((sum, result) => sum + result.report!.typeConflicts, 0);
    const fallbackValues = (await db.query(`SELECT count(*)::int AS n FROM "${schema}".raced WHERE ${[0, 1, 2, 3, 4].map((n) => `p${n}_text IS NOT NULL`).join(' OR ')}`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n;
    expect(fallbackValues).toBe(conflicts);
    const counted = await db.query(`SELECT coalesce(sum(values_kept), 0)::int AS n FROM "${schema}".tributary_type_conflicts WHERE table_name = 'raced'`).catch(() => ({ rows: [{ n: 0 }] }));
    expect(counted.rows[0].n).toBe(conflicts);
    expect(types.shared).toBe('double precision');
  });

  it('keeps the newest value of each trait in users, whatever order identifies arrive in', async () => {
    const one = loader();
    await one.load([{ id: 'i2', type: 'identify', message_id: 'im2', user_id: 'u9', received_at: at(20), traits: { plan: 'pro' } }]);
    await one.load([
      { id: 'i1', type: 'identify', message_id: 'im1', user_id: 'u9', received_at: at(10), traits: { plan: 'free', city: 'Lyon' } },
      { id: 'i3', type: 'identify', message_id: 'im3', user_id: 'u9', received_at: at(30), traits: { email: 'u9@example.com' } },
      { id: 'i4', type: 'identify', message_id: 'im4', user_id: 'u9', received_at: at(25), traits: { email: 'old@example.com' } },
    ]);
    const user = (await db.query(`SELECT * FROM "${schema}".users WHERE id = 'u9'`)).rows[0];
    expect(user).toMatchObject({ plan: 'pro', city: 'Lyon', email: 'u9@example.com', received_at: new Date(at(30)) });
  });

  it('retries when a column it cached was dropped, and loads on the next attempt', async () => {
    const one = loader();
    await one.load([{ id: 'd1', type: 'track', event: 'Dropped', message_id: 'dm1', properties: { gone: 1 } }]);
    await db.query(`ALTER TABLE "${schema}".dropped DROP COLUMN gone`);
    const batch = [{ id: 'd2', type: 'track', event: 'Dropped', message_id: 'dm2', properties: { gone: 2 } }];
    expect((await one.load(batch)).outcome.verdict).toBe('retry');
    expect((await one.load(batch)).outcome.verdict).toBe('delivered');
    expect((await rows('dropped')).map((row) => row.gone)).toEqual([null, 2]);
  });

  it('answers retry for a closed port and final for a missing database or a refused address', async () => {
    const closed = await loader({ connectionString: 'postgres://root@127.0.0.1:1/test', timeoutMs: 2_000 }).load([{ id: 'x', type: 'alias', message_id: 'x' }]);
    expect(closed.outcome).toMatchObject({ verdict: 'retry', error: expect.stringContaining('ECONNREFUSED') });
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/no_such_database_here';
    url.password = 'hunter2-secret';
    const missing = await loader({ connectionString: url.toString() }).test();
    expect(missing.verdict).toBe('final');
    expect(missing.error).not.toContain('hunter2-secret');
    const refused = await loader({ allowPrivate: false }).test();
    expect(refused).toMatchObject({ verdict: 'final', error: expect.stringContaining('address refused') });
  });

  it('fails for good, with the reason, when a hand-made column refuses a value', async () => {
    const one = loader();
    await one.load([{ id: 'h1', type: 'track', event: 'Hand Made', message_id: 'hm1', properties: { code: 'ok' } }]);
    await db.query(`ALTER TABLE "${schema}".hand_made ALTER COLUMN code TYPE varchar(3)`);
    const refused = await loader().load([{ id: 'h2', type: 'track', event: 'Hand Made', message_id: 'hm2', properties: { code: 'much too long' } }]);
    expect(refused.outcome).toMatchObject({ verdict: 'final', error: expect.stringContaining('too long') });
  });

  it('reports what the test connection found', async () => {
    expect(await loader().test()).toMatchObject({ verdict: 'delivered', response: expect.stringContaining(`schema "${schema}" is ready`) });
  });
});
