/**
 * How one send to a bus or warehouse went, in the terms retrying needs: delivered, worth trying
 * again (the peer is down, slow, or busy), or permanent (the peer refused for a reason retrying
 * cannot fix: bad credentials, a missing stream or exchange, a refused address), which dead-letters
 * the events at once with `error` as the reason. `error` never carries the config's secrets.
 */
export type SendOutcome =
  | { readonly ok: true; readonly note?: string }
  | { readonly ok: false; readonly permanent: boolean; readonly error: string };

export const delivered = (note?: string): SendOutcome => (note === undefined ? { ok: true } : { ok: true, note });
export const retryable = (error: string): SendOutcome => ({ ok: false, permanent: false, error });
export const permanent = (error: string): SendOutcome => ({ ok: false, permanent: true, error });

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

/** Removes a URL's password from a message, should a client library have quoted the URL. */
export function withoutCredentials(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('••••');
  return out.replace(/(\w+:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1••••@');
}
