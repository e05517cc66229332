import type { FastifyRequest } from 'fastify';

/**
 * The base URL the world reaches this server at, for links we hand out (Stripe's webhook URL, a
 * partner's portal link): `PUBLIC_URL` when set (behind a proxy the request's own Host is the
 * proxy's view, not the world's), else the scheme and host this request came in on. No trailing `/`.
 */
export function publicBaseUrl(publicUrl: string | undefined, request: FastifyRequest): string {
  return publicUrl !== undefined ? publicUrl.replace(/\/+$/, '') : `${request.protocol}://${request.host}`;
}
