/*
 * Table and column names in the warehouse, as Segment and RudderStack name them: snake_case (the
 * rules of Segment's go-snakecase: a word boundary before an upper-case letter that follows a
 * lower-case one or a digit, and inside an acronym before its last letter, `productID` →
 * `product_id`, `HTTPServer` → `http_server`; anything that is not a letter or digit becomes `_`).
 * A name that starts with a digit, or is a PostgreSQL reserved word, gets a leading `_`
 * (RudderStack's rule), so it can be queried without quotes. Names are cut to PostgreSQL's 63
 * bytes here, where we can see it, rather than silently by the server.
 */

/** PostgreSQL's longest identifier (NAMEDATALEN - 1), in bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

/** PostgreSQL's reserved key words (appendix C of its manual): unusable unquoted as names. */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation column ' +
    'concurrently constraint create cross current_catalog current_date current_role current_schema current_time ' +
    'current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze ' +
    'from full grant group having ilike in initially inner intersect into is isnull join lateral leading left like limit ' +
    'localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references ' +
    'returning right select session_user similar some symmetric system_user table tablesample then to trailing true union ' +
    'unique user using variadic verbose when where window with'
  ).split(' '),
);

/**
 * The tables every source has, and the loader's own count of type conflicts: a track event with
 * one of these names gets its own `_name` table.
 */
export const STANDARD_TABLES = new Set(['tracks', 'identifies', 'users', 'pages', 'screens', 'groups', 'aliases', 'accounts', 'tributary_type_conflicts']);

/** snake_case in go-snakecase's manner; letters and digits of any script are kept, lower-cased. */
export function snakeCase(name: string): string {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1_$2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** A safe identifier from any text: snake_case, `_` before a leading digit or a reserved word, at most 63 bytes. */
export function identifier(name: string): string {
  let id = snakeCase(name);
  if (id === '' || /^\p{N}/u.test(id) || RESERVED.has(id)) id = `_${id}`;
  return truncateBytes(id, MAX_IDENTIFIER_BYTES);
}

/** The table of a track event's name: its identifier, with `_` before a standard table's name. */
export function eventTableName(event: string): string {
  const id = identifier(event);
  return STANDARD_TABLES.has(id) ? truncateBytes(`_${id}`, MAX_IDENTIFIER_BYTES) : id;
}

/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
export function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** `"name"` with inner quotes doubled: every identifier we send is quoted, whatever it holds. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
