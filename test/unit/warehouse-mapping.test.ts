import { describe, expect, it } from 'vitest';
import { fallbackColumn, parameterFor, resolveRows } from '../../src/forward/warehouse/column-types.ts';
import { eventTableName, identifier, snakeCase } from '../../src/forward/warehouse/warehouse-names.ts';
import { warehouseRows, type WarehouseRow } from '../../src/forward/warehouse/warehouse-rows.ts';

const loadedAt = new Date('2026-12-07T10:00:00.000Z');

function rowsOf(event: Record<string, unknown>): WarehouseRow[] {
  const rows = warehouseRows(event, loadedAt);
  if ('refused' in rows) throw new Error(rows.refused);
  return rows;
}

const valuesOf = (row: WarehouseRow) => Object.fromEntries([...row.values].map(([column, { value }]) => [column, value]));

describe('warehouse names', () => {
  it('snake_cases names the way go-snakecase does', () => {
    expect(snakeCase('Order Completed')).toBe('order_completed');
    expect(snakeCase('productID')).toBe('product_id');
    expect(snakeCase('HTTPServer')).toBe('http_server');
    expect(snakeCase('already_snake')).toBe('already_snake');
    expect(snakeCase('  Signed-Up!! (v2) ')).toBe('signed_up_v2');
    expect(snakeCase('Café Visité')).toBe('café_visité');
  });

  it('prefixes names that start with a digit or are reserved words, and empty names', () => {
    expect(identifier('3d Secure')).toBe('_3d_secure');
    expect(identifier('Select')).toBe('_select');
    expect(identifier('user')).toBe('_user');
    expect(identifier('!!!')).toBe('_');
  });

  it('gives a track event named like a standard table its own underscored table', () => {
    expect(eventTableName('Tracks')).toBe('_tracks');
    expect(eventTableName('users')).toBe('_users');
    expect(eventTableName('Order Completed')).toBe('order_completed');
  });

  it('cuts names to 63 bytes without splitting a character', () => {
    const long = identifier('é'.repeat(40));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
    expect(long).toBe('é'.repeat(31));
    expect(Buffer.byteLength(fallbackColumn('x'.repeat(63)))).toBe(63);
    expect(fallbackColumn('x'.repeat(63)).endsWith('_text')).toBe(true);
  });
});

describe('warehouse rows', () => {
  const track = {
    id: 'evt-1',
    type: 'track',
    event: 'Order Completed',
    message_id: 'm-1',
    user_id: 'u-1',
    anonymous_id: 'a-1',
    timestamp: '2026-12-07T09:00:00.000Z',
    original_timestamp: '2026-12-07T08:59:59.000Z',
    sent_at: '2026-12-07T09:00:01.000Z',
    received_at: '2026-12-07T09:00:02.000Z',
    properties: { total: 49.99, currency: 'EUR', coupon: null, product: { sku: 'SKU-1', tags: ['a', 'b'] }, id: 'own-id', userId: 'x' },
    context: { ip: '203.0.113.9', library: { name: 'analytics-node', version: '3.1.0' } },
  };

  it('writes a track to tracks (no properties) and to its event table (with flattened properties)', () => {
    const [tracks, own] = rowsOf(track);
    expect(tracks!.table).toBe('tracks');
    expect(valuesOf(tracks!)).toEqual({
      id: 'm-1',
      received_at: '2026-12-07T09:00:02.000Z',
      sent_at: '2026-12-07T09:00:01.000Z',
      timestamp: '2026-12-07T09:00:00.000Z',
      original_timestamp: '2026-12-07T08:59:59.000Z',
      uuid_ts: '2026-12-07T10:00:00.000Z',
      anonymous_id: 'a-1',
      user_id: 'u-1',
      context_ip: '203.0.113.9',
      context_library_name: 'analytics-node',
      context_library_version: '3.1.0',
      event: 'order_completed',
      event_text: 'Order Completed',
    });
    expect(own!.table).toBe('order_completed');
    expect(valuesOf(own!)).toMatchObject({
      id: 'm-1',
      event: 'order_completed',
      total: 49.99,
      currency: 'EUR',
      product_sku: 'SKU-1',
      product_tags: '["a","b"]',
      _id: 'own-id',
      _user_id: 'x',
    });
    // Nulls make no column, as in Segment.
    expect(own!.values.has('coupon')).toBe(false);
    expect(own!.values.get('total')!.kind).toBe('number');
    expect(own!.values.get('timestamp')!.kind).toBe('timestamp');
  });

  it('falls back to the event id when there is no message id, and accepts Segment camelCase fields', () => {
    const [row] = rowsOf({ id: 'evt-9', type: 'alias', userId: 'u-2', previousId: 'anon-2', receivedAt: '2026-12-07T09:00:00Z' });
    expect(row!.table).toBe('aliases');
    expect(valuesOf(row!)).toMatchObject({ id: 'evt-9', user_id: 'u-2', previous_id: 'anon-2', received_at: '2026-12-07T09:00:00.000Z' });
  });

  it('writes an identify to identifies and upserts the user with its traits', () => {
    const rows = rowsOf({ id: 'e', message_id: 'm-2', type: 'identify', user_id: 'u-1', received_at: '2026-12-07T09:00:00Z', traits: { email: 'a@example.com', plan: 'pro', address: { city: 'Lyon' } } });
    expect(rows.map((row) => [row.table, row.id, row.upsert])).toEqual([
      ['identifies', 'm-2', false],
      ['users', 'u-1', true],
    ]);
    expect(valuesOf(rows[1]!)).toEqual({ id: 'u-1', received_at: '2026-12-07T09:00:00.000Z', uuid_ts: loadedAt.toISOString(), email: 'a@example.com', plan: 'pro', address_city: 'Lyon' });
    expect(valuesOf(rows[0]!)).toMatchObject({ email: 'a@example.com', user_id: 'u-1' });
  });

  it('does not upsert a user for an anonymous identify', () => {
    expect(rowsOf({ id: 'e', type: 'identify', anonymous_id: 'a', traits: { x: 1 } }).map((row) => row.table)).toEqual(['identifies']);
  });

  it('maps page, screen and group to their tables with their own columns', () => {
    expect(valuesOf(rowsOf({ id: 'p', type: 'page', event: 'Pricing', properties: { path: '/pricing', name: 'dup' } })[0]!)).toMatchObject({ name: 'Pricing', path: '/pricing', _name: 'dup' });
    expect(rowsOf({ id: 's', type: 'screen', name: 'Home' })[0]!.table).toBe('screens');
    expect(valuesOf(rowsOf({ id: 'g', type: 'group', group_id: 'acme', traits: { employees: 40 } })[0]!)).toMatchObject({ group_id: 'acme', employees: 40 });
  });

  it('refuses an event without an id or of an unknown type, with the reason', () => {
    expect(warehouseRows({ type: 'track', event: 'x' }, loadedAt)).toEqual({ refused: expect.stringContaining('no message id') });
    expect(warehouseRows({ id: '1', type: 'purchase' }, loadedAt)).toEqual({ refused: expect.stringContaining('"purchase"') });
    expect(warehouseRows({ id: '1', type: 'track' }, loadedAt)).toEqual({ refused: expect.stringContaining('no event name') });
  });
});

describe('column types and conflicts', () => {
  const row = (values: Record<string, string | number | boolean>): WarehouseRow => ({
    table: 't',
    id: 'x',
    upsert: false,
    values: new Map(Object.entries(values).map(([column, value]) => [column, { kind: typeof value === 'string' ? 'text' : (typeof value as 'number' | 'boolean'), value }])),
  });

  it('plans new columns from the first value and judges later rows of the batch against the plan', () => {
    const resolved = resolveRows([row({ id: 'a', total: 3 }), row({ id: 'b', total: 3.5 }), row({ id: 'c', total: 'n/a' })], new Map([['id', 'text']]));
    expect(Object.fromEntries(resolved.newColumns)).toEqual({ total: 'double precision', total_text: 'text' });
    expect(resolved.rows.map((r) => Object.fromEntries(r))).toEqual([
      { id: 'a', total: 3 },
      { id: 'b', total: 3.5 },
      { id: 'c', total_text: 'n/a' },
    ]);
    expect(resolved.conflicts).toBe(1);
    expect(resolved.rowConflicts).toEqual([[], [], [{ column: 'total', fallback: 'total_text' }]]);
  });

  it('lets a text column take numbers and booleans as text, without a conflict', () => {
    const resolved = resolveRows([row({ id: 'a', flag: true, n: 7 })], new Map([['id', 'text'], ['flag', 'text'], ['n', 'text']]));
    expect(Object.fromEntries(resolved.rows[0]!)).toEqual({ id: 'a', flag: 'true', n: '7' });
    expect(resolved.conflicts).toBe(0);
  });

  it('goes one fallback further when the fallback column exists with another type', () => {
    const resolved = resolveRows([row({ id: 'a', n: 'x' })], new Map([['id', 'text'], ['n', 'boolean'], ['n_text', 'double precision']]));
    expect(Object.fromEntries(resolved.rows[0]!)).toEqual({ id: 'a', n_text_text: 'x' });
    expect(Object.fromEntries(resolved.newColumns)).toEqual({ n_text_text: 'text' });
  });

  it('honours hand-made column types', () => {
    expect(parameterFor('integer', { kind: 'number', value: 3 })).toBe(3);
    expect(parameterFor('integer', { kind: 'number', value: 3.5 })).toBeUndefined();
    expect(parameterFor('jsonb', { kind: 'text', value: 'a\u0000b' })).toBe('"a\\ufffdb"');
    expect(parameterFor('text', { kind: 'text', value: 'a\u0000b' })).toBe('a\ufffdb');
    expect(parameterFor('timestamp with time zone', { kind: 'text', value: '2026-12-07T09:00:00Z' })).toBe('2026-12-07T09:00:00Z');
    expect(parameterFor('timestamp with time zone', { kind: 'text', value: 'tomorrow' })).toBeUndefined();
    expect(parameterFor('uuid', { kind: 'text', value: 'x' })).toBeUndefined();
  });
});
