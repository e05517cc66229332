import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReceivedRequest } from '../../forward/receiver.ts';

const PREFIX = 'sha256=';

/**
 * Verifies a delivery the way Siren's SDKs do (`constructEvent`): the `X-Siren-Signature` header
 * is `sha256=<hex>`, the hex HMAC-SHA256 of the raw body bytes keyed by the signing secret,
 * compared in constant time. Returns the parsed event; throws when the signature is missing,
 * malformed or does not match.
 */
export function constructEvent(rawBody: string, signatureHeader: string | string[] | undefined, secret: string): { type: string; data: Record<string, unknown>; deliveryId: string } {
  if (typeof signatureHeader !== 'string' || !signatureHeader.startsWith(PREFIX)) throw new Error('missing or malformed X-Siren-Signature');
  const given = Buffer.from(signatureHeader.slice(PREFIX.length), 'hex');
  const expected = createHmac('sha256', secret).update(Buffer.from(rawBody, 'utf8')).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('signature mismatch');
  return JSON.parse(rawBody) as { type: string; data: Record<string, unknown>; deliveryId: string };
}

/** Every accepted request of a receiver, verified and parsed, in arrival order. */
export function verifiedEvents(requests: readonly ReceivedRequest[], secret: string) {
  return requests.map((request) => constructEvent(request.body, request.headers['x-siren-signature'], secret));
}
