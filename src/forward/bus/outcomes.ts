import type { SendOutcome } from '../destination-types/destination-type.ts';

/*
 * SendOutcomes for the destinations that speak their own protocol (no HTTP status): delivered,
 * `retry` when the peer is down, slow or busy, `final` when it refused for a reason retrying cannot
 * fix (bad credentials, a missing stream or exchange, a refused address), which fails the
 * deliveries at once with `error` as the reason. `error` never carries the config's secrets.
 */

/** Times one send from `started` (performance.now()) and builds its outcome. */
export function delivered(started: number, response: string): SendOutcome {
  return { verdict: 'delivered', statusCode: null, latencyMs: performance.now() - started, error: null, retryAfterMs: null, response };
}

export function retry(started: number, error: string): SendOutcome {
  return { verdict: 'retry', statusCode: null, latencyMs: performance.now() - started, error, retryAfterMs: null };
}

export function final(started: number, error: string): SendOutcome {
  return { verdict: 'final', statusCode: null, latencyMs: performance.now() - started, error, retryAfterMs: null };
}

/** Network errors that mean "not now": the peer may come back. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'CONNECTION_REFUSED',
  'TIMEOUT',
]);

export function isTransientNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

/** Removes secrets, and any URL's password, from a message a client library wrote. */
export function withoutCredentials(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('••••');
  return out.replace(/(\w+:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1••••@');
}
