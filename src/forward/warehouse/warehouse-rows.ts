import { eventTableName, identifier, MAX_IDENTIFIER_BYTES, truncateBytes } from './warehouse-names.ts';

/*
 * Canonical events as warehouse rows, in Segment's and RudderStack's layout:
 *
 *   every event   id (its message id), received_at, sent_at, timestamp, original_timestamp,
 *                 uuid_ts (when it was loaded), anonymous_id, user_id, context_* (flattened)
 *   tracks        + event (the event's table name), event_text (its name as sent); no properties
 *   <event>       one table per track event name: the tracks columns + properties
 *   pages/screens + name, properties
 *   identifies    + traits          users   id (the user id), received_at, uuid_ts, traits (latest)
 *   groups        + group_id, traits   aliases  + previous_id
 *
 * Properties and traits are flattened into columns: nested objects join their keys with `_`
 * (`{product: {sku}}` → `product_sku`), arrays are kept as JSON text, nulls make no column (as in
 * Segment: a column appears with its first non-null value). A property named like a standard
 * column (`id`, `user_id`…) or under `context_` gets a leading `_` rather than being discarded as
 * Segment does: nothing an event carries is dropped. Pure: no database here.
 */

/** What kind of value a column holds; column-types.ts maps kinds to PostgreSQL types. */
export type ValueKind = 'text' | 'number' | 'boolean' | 'timestamp';

export interface WarehouseValue {
  readonly kind: ValueKind;
  /** A timestamp is an ISO 8601 string. */
  readonly value: string | number | boolean;
}

/** One row for one table; `upsert` rows (users) replace older values, the others are inserted once by `id`. */
export interface WarehouseRow {
  readonly table: string;
  readonly id: string;
  readonly upsert: boolean;
  /** By column name, already sanitised. */
  readonly values: ReadonlyMap<string, WarehouseValue>;
}

/** The columns every event table has; properties and traits of the same name get a leading `_`. */
const STANDARD_COLUMNS = new Set([
  'id',
  'received_at',
  'sent_at',
  'timestamp',
  'original_timestamp',
  'uuid_ts',
  'anonymous_id',
  'user_id',
  'event',
  'event_text',
  'name',
  'group_id',
  'previous_id',
]);

/** How deep nested objects are flattened; deeper objects are kept as JSON text. */
const MAX_FLATTEN_DEPTH = 8;

type Json = Record<string, unknown>;

/**
 * The warehouse rows of one event: its type's table, the event's own table for a track, and the
 * users row for an identify with a user id. An event without an id or a known type is refused
 * with the reason (the caller fails that delivery: retrying cannot fix it).
 */
export function warehouseRows(event: Json, loadedAt: Date): WarehouseRow[] | { refused: string } {
  const type = text(event.type);
  const id = text(event.message_id) ?? text(event.messageId) ?? text(event.id);
  if (id === undefined) return { refused: 'the event has no message id (message_id, messageId or id)' };
  const common = new Map<string, WarehouseValue>();
  put(common, 'id', id);
  putTime(common, 'received_at', event.received_at ?? event.receivedAt);
  putTime(common, 'sent_at', event.sent_at ?? event.sentAt);
  putTime(common, 'timestamp', event.timestamp);
  putTime(common, 'original_timestamp', event.original_timestamp ?? event.originalTimestamp);
  common.set('uuid_ts', { kind: 'timestamp', value: loadedAt.toISOString() });
  put(common, 'anonymous_id', text(event.anonymous_id) ?? text(event.anonymousId));
  const userId = text(event.user_id) ?? text(event.userId);
  put(common, 'user_id', userId);
  if (isObject(event.context)) flatten(event.context, 'context', common, 1, false);

  const row = (table: string, values: Map<string, WarehouseValue>, upsert = false): WarehouseRow => ({ table, id, upsert, values });
  switch (type) {
    case 'track': {
      const name = text(event.event);
      if (name === undefined) return { refused: 'a track event has no event name' };
      const table = eventTableName(name);
      const tracks = new Map(common);
      put(tracks, 'event', table);
      put(tracks, 'event_text', name);
      const own = new Map(tracks);
      if (isObject(event.properties)) flatten(event.properties, '', own, 1, true);
      return [row('tracks', tracks), row(table, own)];
    }
    case 'page':
    case 'screen': {
      const values = new Map(common);
      const properties = isObject(event.properties) ? event.properties : {};
      put(values, 'name', text(event.name) ?? text(event.event) ?? text(properties.name));
      flatten(properties, '', values, 1, true);
      return [row(`${type}s`, values)];
    }
    case 'identify': {
      const values = new Map(common);
      const traits = isObject(event.traits) ? event.traits : {};
      flatten(traits, '', values, 1, true);
      const rows = [row('identifies', values)];
      if (userId !== undefined) {
        const user = new Map<string, WarehouseValue>();
        put(user, 'id', userId);
        if (common.has('received_at')) user.set('received_at', common.get('received_at')!);
        user.set('uuid_ts', common.get('uuid_ts')!);
        flatten(traits, '', user, 1, true);
        rows.push({ table: 'users', id: userId, upsert: true, values: user });
      }
      return rows;
    }
    case 'group': {
      const values = new Map(common);
      put(values, 'group_id', text(event.group_id) ?? text(event.groupId));
      if (isObject(event.traits)) flatten(event.traits, '', values, 1, true);
      return [row('groups', values)];
    }
    case 'alias': {
      const values = new Map(common);
      put(values, 'previous_id', text(event.previous_id) ?? text(event.previousId));
      return [row('aliases', values)];
    }
    default:
      return { refused: `the warehouse has no table for events of type ${JSON.stringify(event.type ?? null)}` };
  }
}

/**
 * Adds an object's leaves as columns under `prefix`. `custom`: these are properties or traits, so a
 * name that is a standard column, or that would read as context, gets a leading `_`.
 */
function flatten(object: Json, prefix: string, into: Map<string, WarehouseValue>, depth: number, custom: boolean): void {
  for (const [key, value] of Object.entries(object)) {
    if (value === null || value === undefined) continue;
    const path = prefix === '' ? key : `${prefix}_${key}`;
    if (isObject(value) && depth < MAX_FLATTEN_DEPTH) {
      flatten(value, path, into, depth + 1, custom);
      continue;
    }
    let column = identifier(path);
    if (custom && (STANDARD_COLUMNS.has(column) || column.startsWith('context_'))) column = truncateBytes(`_${column}`, MAX_IDENTIFIER_BYTES);
    into.set(column, leaf(value));
  }
}

function leaf(value: unknown): WarehouseValue {
  if (typeof value === 'string') return { kind: 'text', value };
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  return { kind: 'text', value: JSON.stringify(value) };
}

function put(values: Map<string, WarehouseValue>, column: string, value: string | undefined): void {
  if (value !== undefined) values.set(column, { kind: 'text', value });
}

function putTime(values: Map<string, WarehouseValue>, column: string, value: unknown): void {
  const at = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (at !== undefined && !Number.isNaN(at.getTime())) values.set(column, { kind: 'timestamp', value: at.toISOString() });
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
