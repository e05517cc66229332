import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { coerceError } from '../errors/index.ts';
import { describeRoute, pathParams, SECURITY } from '../openapi/index.ts';
import { linkRedirect } from './api-schemas.ts';
import type { Clock } from '../lib/clock.ts';
import type { ClickRecorder } from './click-recorder.ts';
import type { LinkResolver } from './link-resolver.ts';

/** What these routes use. */
interface Deps {
  readonly resolver: LinkResolver;
  readonly clicks: ClickRecorder;
  readonly clock: Clock;
}

type Params = { code?: string; programId?: string; '*'?: string };

/** The link's query string as sent, repeats and order kept (Fastify's parsed object loses both). */
function linkQuery(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const mark = url.indexOf('?');
  return mark === -1 ? '' : url.slice(mark + 1);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * `GET /r/{code}` and `GET /r/{code}/{programId}`: a partner's referral link. Answers 302 to the
 * landing page with `?{param}={code}` (see LinkResolver for which page), after the click is
 * committed with the others of its event-loop turn (ClickRecorder). The shopper never sees an
 * error: an unknown or expired code goes to the workspace's default landing page without the
 * code, and a click that cannot be recorded is logged and redirected all the same. Only a link
 * with nowhere to go (no landing URL set at all) answers a plain 404.
 */
export function registerRedirectRoutes(app: FastifyInstance, deps: Deps): void {
  const handler = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const now = deps.clock.now();
    const { programId } = request.params;
    const code = request.params.code ?? request.params['*'] ?? '';
    const link = await deps.resolver.resolve(code, programId, now);
    const destination = link.destination;
    const location = link.locationFor(linkQuery(request));
    // HEAD is what link previews (chat apps, crawlers) send before or instead of a visit: redirected, not counted.
    if (link.workspaceId !== null && request.method !== 'HEAD') {
      try {
        await deps.clicks.record({
          workspaceId: link.workspaceId,
          code,
          collaboratorId: link.collaboratorId,
          programId: destination?.programId ?? null,
          valid: link.valid,
          referrer: header(request, 'referer'),
          userAgent: header(request, 'user-agent'),
          address: request.ip,
          at: now,
        });
      } catch (error) {
        request.log.error({ err: coerceError(error), reqId: request.id }, 'a link click could not be recorded');
      }
    }
    // Each click must reach us to be counted, and a link must not be indexed as the shop's page.
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    if (location === null) return reply.status(404).type('text/plain; charset=utf-8').send('This referral link does not lead anywhere yet.\n');
    return reply.redirect(location, 302);
  };
  const visit = 'A shopper\'s visit; each GET is counted as a click (HEAD, as link previews send, is redirected but not counted). The link\'s query string is passed on to the landing page as sent.';
  app.get(
    '/r/:code',
    describeRoute({
      operationId: 'followReferralLink',
      summary: 'Follow a referral link',
      description: `${visit} A live code lands on the landing URL of the oldest active program that has one, else the workspace's default landing URL.`,
      tags: ['Links'],
      security: SECURITY.public,
      params: pathParams({ code: "The collaborator's referral code (case-insensitive)." }),
      response: { 302: linkRedirect },
    }),
    handler,
  );
  app.get(
    '/r/:code/:programId',
    describeRoute({
      operationId: 'followProgramReferralLink',
      summary: 'Follow a referral link to one program',
      description: `${visit} Lands on that program's page.`,
      tags: ['Links'],
      security: SECURITY.public,
      params: pathParams({ code: "The collaborator's referral code (case-insensitive).", programId: 'The program id.' }),
      response: { 302: linkRedirect },
    }),
    handler,
  );
  // Anything else under /r/ (a code past the router's 200-character parameter limit, extra path
  // segments): an unknown code, redirected like one rather than answered with an error page.
  // Not in the document: `GET /r/{code}` describes the answer, and OpenAPI has no catch-all paths.
  app.get('/r/*', { schema: { hide: true } }, handler);
  app.get(
    '/r',
    describeRoute({
      operationId: 'followEmptyReferralLink',
      summary: 'Follow a referral link without a code',
      description: 'A link with its code cut off: redirected as an unknown code is, to the default landing URL of the oldest workspace that set one (the only one, on a single-shop install).',
      tags: ['Links'],
      security: SECURITY.public,
      response: { 302: linkRedirect },
    }),
    handler,
  );
}
