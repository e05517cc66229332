import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A random secret with a readable prefix (`sk_live_`, `wk_`, `trb_op_`). 32 random bytes in
 * base62 (about 190 bits after the modulo bias, which is negligible at this length).
 */
export function generateSecret(prefix: string): string {
  const bytes = randomBytes(32);
  let out = '';
  for (const byte of bytes) out += BASE62[byte % 62];
  return prefix + out;
}

/**
 * Secrets are long random strings, so a fast hash is enough: there is nothing to brute-force.
 * We look keys up by this hash, so the raw key is never stored or compared.
 */
export function hashSecret(secret: string): string {
  // One-shot `hash` (Node ≥ 20.12): a third of createHash's cost, paid on every ingest request.
  return hash('sha256', secret, 'hex');
}

/** The first characters of a key, stored to help people tell keys apart. */
export function secretPrefix(secret: string): string {
  return secret.slice(0, 12);
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) {
    // Still spend the comparison so the early exit does not reveal much more than the length.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
