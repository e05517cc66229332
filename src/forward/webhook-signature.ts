import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` + base64 of
 * random bytes; the signature is base64 HMAC-SHA256, keyed by those bytes, of
 * `{webhook-id}.{webhook-timestamp}.{body}`, sent as `v1,<signature>`. Receivers verify with any
 * Standard Webhooks library (or Svix's).
 */
export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, inside the spec's 24–64. */
export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function sign(secret: string, content: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(content).digest('base64')}`;
}

/**
 * Siren's signature (compat/SIREN.md): `X-Siren-Signature: sha256=<hex HMAC-SHA256 of the raw
 * body>`, keyed by the signing secret as the receiver holds it (the whole string, UTF-8), which is
 * how Siren's SDKs verify. No id or timestamp is signed: the body carries the `deliveryId`.
 */
export function sirenSignatureHeaders(secret: string, body: string): Record<string, string> {
  return { 'x-siren-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
}

/**
 * The three headers of a signed request. `timestampSeconds` is Unix seconds. With several secrets
 * (during a rotation) the signatures are space-separated, as the spec allows, so a receiver that
 * still has the old secret and one that has the new both verify.
 */
export function signatureHeaders(
  secrets: string | readonly string[],
  webhookId: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  const content = `${webhookId}.${timestampSeconds}.${body}`;
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': list.map((secret) => sign(secret, content)).join(' '),
  };
}
