import type { FastifyInstance } from 'fastify';
import { bearerToken, type Authenticator } from '../auth/index.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import { ajv, fieldErrors } from '../http/validate.ts';
import { parseTime } from '../lib/time.ts';
import { MAX_EVENT_BYTES } from './limits.ts';
import { describeRoute, json, pathParams } from '../openapi/index.ts';
import type { InboxWriter } from '../inbox/index.ts';
import { newId } from '../lib/ids.ts';
import { messageIdentity, type SuppressionCache } from '../regulations/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly auth: Authenticator;
  readonly inbox: InboxWriter;
  readonly suppressions: SuppressionCache;
}

type Json = Record<string, unknown>;
const TYPES = ['track', 'identify', 'page', 'group'] as const;
type WorkspaceEventType = (typeof TYPES)[number];

const identifier = { type: ['string', 'number'], minLength: 1, maxLength: 512 };

/** Seed 003's request bodies. Unknown fields pass through to the stored event. Also the body in /openapi.json. */
const workspaceEventSchema = {
  type: 'object',
  description: '`user_id` or `anonymous_id` is required; track needs `event`, group needs `group_id`.',
  properties: {
    // Names are indexed; 500 characters stay under PostgreSQL's b-tree row limit in any script.
    event: { type: 'string', minLength: 1, maxLength: 500 },
    user_id: identifier,
    anonymous_id: identifier,
    group_id: identifier,
    message_id: { type: 'string', minLength: 1, maxLength: 512 },
    name: { type: 'string', maxLength: 500 },
    timestamp: { type: 'string' },
    properties: { type: 'object' },
    traits: { type: 'object' },
    context: { type: 'object' },
  },
  examples: [{ event: 'Signed Up', user_id: 'user-42', properties: { plan: 'pro' } }],
};
const validateShape = ajv.compile(workspaceEventSchema);

const routeDoc = describeRoute({
  operationId: 'sendWorkspaceEvent',
  summary: 'Send an event to a workspace',
  description: 'A write key as bearer token; `X-Workspace-ID`, when sent, must match the path.',
  tags: ['Workspace events'],
  security: [{ writeKeyBearer: [] }],
  params: pathParams({ id: 'The workspace id.', type: 'track, identify, page or group.' }),
  headers: { type: 'object', properties: { 'x-workspace-id': { type: 'string', description: 'The workspace id again (optional).' } } },
  body: workspaceEventSchema,
  response: {
    202: json('Accepted: on disk, processed afterwards.', {
      type: 'object',
      required: ['id', 'status', 'duplicate', 'received_at'],
      properties: { id: { type: 'string' }, status: { const: 'accepted' }, duplicate: { type: 'boolean' }, received_at: { type: 'string', format: 'date-time' } },
    }),
  },
});

function validate(body: unknown, type: WorkspaceEventType): FieldError[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [{ field: 'body', message: 'must be an object' }];
  const errors = validateShape(body) ? [] : fieldErrors(validateShape.errors);
  const msg = body as Json;
  if (msg.user_id === undefined && msg.anonymous_id === undefined) {
    errors.push({ field: 'user_id', message: 'user_id or anonymous_id is required' });
  }
  if (type === 'track' && msg.event === undefined) errors.push({ field: 'event', message: 'is required' });
  if (type === 'group' && msg.group_id === undefined) errors.push({ field: 'group_id', message: 'is required' });
  if (typeof msg.timestamp === 'string' && parseTime(msg.timestamp) === undefined) {
    errors.push({ field: 'timestamp', message: 'must be an ISO-8601 date-time' });
  }
  return errors;
}

/**
 * Seed 003's ingestion: `POST /api/v1/workspaces/{id}/events/{type}` with a write key as Bearer
 * token and `X-Workspace-ID`. A key of another workspace is refused as unauthorized.
 */
export function registerWorkspaceEventRoutes(app: FastifyInstance, deps: Deps): void {
  app.post<{ Params: { id: string; type: string } }>(
    '/api/v1/workspaces/:id/events/:type',
    { bodyLimit: MAX_EVENT_BYTES, ...routeDoc },
    async (request, reply) => {
      const receivedAt = Date.now();
      const type = request.params.type as WorkspaceEventType;
      if (!TYPES.includes(type)) throw new AppError('route_not_found', `Unknown event type "${request.params.type}".`);
      const token = bearerToken(request);
      if (!token) throw new AppError('unauthorized', 'Send a write key as `Authorization: Bearer <key>`.');
      const principal = await deps.auth.writeKey(token);
      if (!principal) throw new AppError('unauthorized', 'The write key is unknown or revoked.');
      if (principal.workspaceId !== request.params.id) {
        throw new AppError('unauthorized', 'The write key does not belong to this workspace.');
      }
      const header = request.headers['x-workspace-id'];
      if (header !== undefined && header !== request.params.id) {
        throw AppError.validation([{ field: 'X-Workspace-ID', message: 'must match the workspace in the path' }]);
      }
      const errors = validate(request.body, type);
      if (errors.length > 0) throw AppError.validation(errors);
      const body = request.body as Json;
      if (await deps.suppressions.isSuppressed(principal.workspaceId, messageIdentity('workspace', body))) {
        // Answered as an accepted event (an id of its own that names nothing stored), then dropped.
        deps.suppressions.countSuppressed('workspace', 1);
        return reply.status(202).send({ id: newId(), status: 'accepted', duplicate: false, received_at: new Date(receivedAt).toISOString() });
      }
      const [appended] = await deps.inbox.append([
        {
          workspaceId: principal.workspaceId,
          api: 'workspace',
          dedupeKey: typeof body.message_id === 'string' ? `msg:${body.message_id}` : null,
          bodyHash: null,
          payload: JSON.stringify({ ...body, type }),
          receivedAt,
          credentialId: `write_key:${principal.keyId}`,
          clientIp: request.ip,
        },
      ]);
      return reply.status(202).send({
        id: appended!.id,
        status: 'accepted',
        duplicate: appended!.duplicate,
        received_at: new Date(receivedAt).toISOString(),
      });
    },
  );
}
