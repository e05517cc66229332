import { hash } from 'node:crypto';

/**
 * The JSON Canonicalization Scheme (RFC 8785) text of a JSON value: object members sorted by
 * their names' UTF-16 code units, no whitespace, numbers and strings as ECMAScript's
 * JSON.stringify writes them (which is what RFC 8785 §3.2.2 prescribes). Two bodies that mean the
 * same, whatever their key order, spacing or number spelling (`1.50`, `1.5`, `15e-1`), give the
 * same text.
 *
 * Written here rather than taken from the `canonicalize` package: its current major needs
 * Node 22 and we run on 20, and for values that come out of JSON.parse the scheme is this one
 * function. Like JSON.stringify, an `undefined` member is left out and an `undefined` array item
 * is `null`; a number that is not finite, a bigint or a function throws (JSON.parse never makes
 * one, so meeting one is a bug). Depth is bounded by the body parser (MAX_JSON_DEPTH).
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value is not JSON (undefined)');
  return text;
}

function serialize(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'undefined':
      return undefined;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item) => serialize(item) ?? 'null').join(',')}]`;
      const members: string[] = [];
      // The default sort compares UTF-16 code units, the order RFC 8785 §3.2.3 asks for.
      for (const name of Object.keys(value).sort()) {
        const member = serialize((value as Record<string, unknown>)[name]);
        if (member !== undefined) members.push(`${JSON.stringify(name)}:${member}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

/**
 * What marks a hash of canonical JSON. Hashes written before (of the raw request bytes) have no
 * prefix; the inbox compares only hashes of one kind (see `bodiesDiffer` in inbox-writer.ts).
 */
const CANONICAL_HASH_PREFIX = 'jcs:';

/**
 * SHA-256 of the value's canonical JSON, to recognise a retry of the same request by what it
 * means rather than by its bytes.
 */
export function canonicalHash(value: unknown): string {
  return CANONICAL_HASH_PREFIX + hash('sha256', canonicalJson(value), 'base64url');
}
