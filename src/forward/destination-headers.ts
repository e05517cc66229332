import type { FieldError } from '../errors/index.ts';
import { maskSecret } from './secret-mask.ts';

/** Headers the sender sets itself; a destination may not override them. */
const RESERVED = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
]);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/**
 * RFC 9110 field-value: tab, space, visible ASCII and obs-text (Latin-1). The sender refuses
 * anything else (an emoji, a control character) on every attempt, so it is refused when saved.
 */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,4096}$/;
const SENSITIVE = /auth|token|key|secret|pass|cookie|signature|session|credential/i;
export const MAX_HEADERS = 20;

/** Field errors for a user's header object (names, values, reserved names). */
export function headerErrors(headers: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  const names = Object.keys(headers);
  if (names.length > MAX_HEADERS) errors.push({ field: 'headers', message: `must have at most ${MAX_HEADERS} headers` });
  const seen = new Set<string>();
  for (const name of names) {
    const field = `headers.${name}`;
    const lower = name.toLowerCase();
    if (!TOKEN.test(name)) errors.push({ field, message: 'is not a valid header name' });
    else if (RESERVED.has(lower)) errors.push({ field, message: 'is set by Tributary and cannot be overridden' });
    else if (seen.has(lower)) errors.push({ field, message: 'is given twice (header names are case-insensitive)' });
    seen.add(lower);
    const value = headers[name]!;
    if (!FIELD_VALUE.test(value)) {
      errors.push({ field, message: 'must be at most 4096 characters of printable ASCII or Latin-1, spaces and tabs (no line breaks)' });
    }
  }
  return errors;
}

/**
 * How a header value is shown back. Values under secret-looking names (Authorization, API keys,
 * tokens) are masked to their last 4 characters, so a screen share or a log of the API answer
 * does not leak them; everything else is shown, so users can check their configuration.
 */
export function maskHeaderValue(name: string, value: string): string {
  return SENSITIVE.test(name) ? maskSecret(value) : value;
}

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, maskHeaderValue(name, value)]));
}

/**
 * New headers from an update. A value sent back exactly as it was shown masked keeps the stored
 * value, so a console can round-trip a destination without knowing its secrets.
 */
export function mergeMaskedHeaders(current: Record<string, string>, next: Record<string, string>): Record<string, string> {
  const currentByLower = new Map(Object.entries(current).map(([name, value]) => [name.toLowerCase(), value]));
  return Object.fromEntries(
    Object.entries(next).map(([name, value]) => {
      const stored = currentByLower.get(name.toLowerCase());
      const keep = stored !== undefined && SENSITIVE.test(name) && value === maskHeaderValue(name, stored);
      return [name, keep ? stored : value];
    }),
  );
}
