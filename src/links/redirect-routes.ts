import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { coerceError } from '../errors/index.ts';
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
  app.get('/r/:code', handler);
  app.get('/r/:code/:programId', handler);
  // Anything else under /r/ (a code past the router's 200-character parameter limit, extra path
  // segments): an unknown code, redirected like one rather than answered with an error page.
  app.get('/r/*', handler);
  app.get('/r', handler);
}
