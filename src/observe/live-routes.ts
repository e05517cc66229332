import { describeRoute, media, SECURITY, workspaceParams } from '../openapi/index.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertWorkspaceExists, bearerToken, hasScope, type Authenticator } from '../auth/index.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import { readReplay } from './live-messages.ts';
import { LiveSubscriber, type LiveFilter } from './live-subscriber.ts';
import type { Db } from '../db/index.ts';
import type { Config } from '../config.ts';
import type { LiveHub } from './live-hub.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly config: Config;
  readonly live: LiveHub;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The operator, or an API key of the workspace with events:read: the rule of `requireWorkspaceAccess`,
 * but the token may also come as `?access_token=` because browsers' EventSource cannot set headers.
 */
async function authorize(deps: Deps, request: FastifyRequest, workspaceId: string): Promise<void> {
  const query = request.query as Record<string, unknown>;
  const token = bearerToken(request) ?? (typeof query.access_token === 'string' && query.access_token !== '' ? query.access_token : undefined);
  const unauthorized = (message: string) => new AppError('unauthorized', message, { headers: { 'www-authenticate': 'Bearer' } });
  if (!token) throw unauthorized('A valid credential is required.');
  const principal = await deps.auth.bearer(token);
  if (!principal) throw unauthorized('The credential is unknown, expired or revoked.');
  if (principal.kind === 'operator') return;
  if (principal.workspaceId !== workspaceId) throw AppError.notFound('Workspace');
  if (principal.kind === 'write_key') throw new AppError('forbidden', 'A write key can only send events.');
  if (!hasScope(principal.scopes, 'events:read')) throw new AppError('forbidden', 'This API key lacks the events:read scope.');
}

function list(query: Record<string, unknown>, name: string, errors: FieldError[]): string[] {
  const raw = query[name];
  if (raw === undefined || raw === '') return [];
  if (typeof raw !== 'string' || raw.length > 1000) {
    errors.push({ field: name, message: 'must be one comma-separated string of at most 1000 characters' });
    return [];
  }
  return raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

function readStreamQuery(request: FastifyRequest): { filter: LiveFilter; lastEventId: string | undefined } {
  const query = request.query as Record<string, unknown>;
  const errors: FieldError[] = [];
  const filter = { types: list(query, 'type', errors), names: list(query, 'name', errors) };
  const header = request.headers['last-event-id'];
  const raw = typeof header === 'string' && header !== '' ? header : query.last_event_id;
  let lastEventId: string | undefined;
  if (raw !== undefined && raw !== '') {
    if (typeof raw === 'string' && UUID.test(raw)) lastEventId = raw.toLowerCase();
    else errors.push({ field: 'Last-Event-ID', message: 'must be the id of an event this stream sent' });
  }
  if (errors.length > 0) throw AppError.validation(errors);
  return { filter, lastEventId };
}

/**
 * `GET /api/v1/workspaces/{id}/events/live`: Server-Sent Events of new canonical events. Auth and
 * query errors answer as JSON like any route; once the stream starts the reply is hijacked and the
 * hub writes to the socket. On reconnect the reader's Last-Event-ID replays what it missed, at most
 * `liveMaxBuffered` events, while live events queue behind the replay.
 */
export function registerLiveRoutes(app: FastifyInstance, deps: Deps): void {
  const hub = deps.live;
  app.addHook('preClose', async () => {
    // Open streams would keep the server from closing.
    await hub.close();
  });

  app.get<{ Params: { id: string } }>('/api/v1/workspaces/:id/events/live', describeRoute({
    operationId: 'streamLiveEvents', summary: 'Stream new events (Server-Sent Events)',
    description: 'Send `Last-Event-ID` (or `?last_event_id=`) to replay what a reconnecting reader missed.',
    tags: ['Workspace events'], security: SECURITY.workspace('events:read'), params: workspaceParams(),
    querystring: { type: 'object', properties: {
      last_event_id: { type: 'string' }, type: { type: 'string', description: 'Comma-separated event types.' },
      name: { type: 'string', description: 'Comma-separated event names.' }, access_token: { type: 'string', description: 'The credential, for EventSource (which cannot send headers).' },
    } },
    response: { 200: media('One `data:` line per canonical event.', 'text/event-stream') },
  }), async (request, reply) => {
    const workspaceId = request.params.id;
    await authorize(deps, request, workspaceId);
    const { filter, lastEventId } = readStreamQuery(request);
    await assertWorkspaceExists(deps.db, workspaceId);

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Tells nginx not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n: connected\n\n');
    const limit = deps.config.liveMaxBuffered;
    const subscriber = new LiveSubscriber(raw, workspaceId, filter, limit, (cut) => {
      hub.remove(cut);
      request.log.warn({ workspaceId, reqId: request.id }, 'live stream reader fell behind and was disconnected');
    });
    // Subscribe before reading the replay, so nothing committed in between is lost; the replay's
    // ids are remembered and their live copies skipped.
    raw.on('close', () => {
      hub.remove(subscriber);
      subscriber.close();
    });
    await hub.subscribe(subscriber);
    if (lastEventId !== undefined && !subscriber.isClosed) {
      try {
        const missed = await readReplay(deps.db, workspaceId, lastEventId, filter, limit);
        subscriber.replay(missed.slice(0, limit));
        if (missed.length > limit) subscriber.notice('gap', { reason: 'more events were missed than a replay sends; read the events API from the last id' });
      } catch (error) {
        request.log.error({ err: error, reqId: request.id }, 'live stream replay failed');
        subscriber.notice('gap', { reason: 'the replay of missed events failed' });
      }
    }
    subscriber.release();
  });
}
