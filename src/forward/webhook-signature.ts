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

/** The three headers of a signed request. `timestampSeconds` is Unix seconds. */
export function signatureHeaders(secret: string, webhookId: string, timestampSeconds: number, body: string): Record<string, string> {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  const signature = createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`).digest('base64');
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}
