import cors from '@fastify/cors';
import { describeRoute, pathParams } from '../../openapi/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertWorkspaceExists, bearerToken, hasScope, type Authenticator } from '../../auth/index.ts';
import { AppError, type ErrorCode, type FieldError } from '../../errors/index.ts';
import { sendError } from '../../http/error-handler.ts';
import { IdempotencyConflict, type InboxWriter, type ProcessingWaiters } from '../../inbox/index.ts';
import { canonicalHash } from '../../lib/canonical-json.ts';
import { MAX_EVENT_BYTES } from '../../ingest/index.ts';
import type { AttributionEngine } from '../engine.ts';
import { PreparedQuery } from '../model/prepared-query.ts';
import { forbiddenOrigin, readSettings } from './settings.ts';
import type { Db } from '../../db/index.ts';
import type { Config } from '../../config.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly config: Config;
  readonly inbox: InboxWriter;
  readonly waiters: ProcessingWaiters;
}

type Json = Record<string, unknown>;

const outcomeOf = new PreparedQuery((db, p: { workspaceId: string; id: string }) =>
  db.selectFrom('domain_outcomes').selectAll().where('inbox_id', '=', p.id).where('workspace_id', '=', p.workspaceId),
);

/** The opportunity cookie browsers carry between the visit and the checkout. */
export const OID_COOKIE = 'siren_oid';
const OID_HEADER = 'x-siren-oid';
const COOKIE_MAX_AGE_S = 30 * 86_400;

const unauthorized = (message: string) => new AppError('unauthorized', message, { headers: { 'www-authenticate': 'Bearer' } });

function positiveInt(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw.trim())) return null;
  const value = Number(raw.trim());
  return value >= 1 && value <= 2_147_483_647 ? value : null;
}

/** The opportunity the request names: the `X-Siren-OID` header, else the opportunity cookie. */
function hintedOpportunity(request: FastifyRequest): number | null {
  const header = positiveInt(request.headers[OID_HEADER]);
  if (header !== null) return header;
  const cookie = request.headers.cookie;
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [name, value] = part.split('=');
    if (name?.trim() === OID_COOKIE) return positiveInt(value);
  }
  return null;
}

function workspaceNamed(request: FastifyRequest): string | undefined {
  const header = request.headers['x-workspace-id'];
  const query = (request.query as Json).workspace_id;
  const value = typeof header === 'string' && header !== '' ? header : typeof query === 'string' && query !== '' ? query : undefined;
  return value;
}

/**
 * Seed 000's SaaS mode: a Bearer API key with `events:write` (403 without it). A workspace may make
 * `site-visited` public for browsers, naming itself with `X-Workspace-ID` or `?workspace_id=`,
 * from an allowed Origin only, or from any origin when it turned `public_visits` on for the
 * tracking snippet. The operator names the workspace the same way.
 */
async function authorize(deps: Deps, request: FastifyRequest, slug: string): Promise<{ workspaceId: string; credentialId: string }> {
  const token = bearerToken(request);
  if (token) {
    const principal = await deps.auth.bearer(token);
    if (!principal) throw unauthorized('The credential is unknown, expired or revoked.');
    if (principal.kind === 'operator') {
      const workspaceId = workspaceNamed(request);
      if (!workspaceId) throw AppError.validation([{ field: 'workspace_id', message: 'is required with the operator token (X-Workspace-ID or ?workspace_id=)' }]);
      await assertWorkspaceExists(deps.db, workspaceId);
      return { workspaceId, credentialId: 'operator' };
    }
    if (principal.kind === 'write_key') throw new AppError('forbidden', 'Domain events need an API key with the events:write scope, not a write key.');
    if (!hasScope(principal.scopes, 'events:write')) throw new AppError('forbidden', 'This API key lacks the events:write scope.');
    return { workspaceId: principal.workspaceId, credentialId: `api_key:${principal.keyId}` };
  }
  const workspaceId = workspaceNamed(request);
  if (!workspaceId) throw unauthorized('A Bearer API key with the events:write scope is required.');
  const settings = await readSettings(deps.db.kysely, workspaceId);
  const origin = request.headers.origin?.toLowerCase();
  // The tracking snippet's switch (issue 17): visits from any origin, unless the workspace listed its own.
  if (slug === 'site-visited' && settings.public_visits) {
    if (settings.allowed_origins.length > 0 && (!origin || !settings.allowed_origins.includes(origin))) throw forbiddenOrigin(origin);
    return { workspaceId, credentialId: 'public' };
  }
  if (!settings.public_slugs.includes(slug)) throw unauthorized(`${slug} needs a Bearer API key with the events:write scope.`);
  if (!origin || !settings.allowed_origins.includes(origin)) throw forbiddenOrigin(origin);
  return { workspaceId, credentialId: 'public' };
}

function answerOk(reply: FastifyReply, status: number, opportunityId: number | null): FastifyReply {
  reply.header('access-control-expose-headers', 'X-Siren-OID, X-Event-Id');
  if (opportunityId !== null) {
    reply.header('x-siren-oid', String(opportunityId));
    reply.header('set-cookie', `${OID_COOKIE}=${opportunityId}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; SameSite=Lax; HttpOnly`);
  }
  return reply.status(status).send();
}

/** The description of `POST {prefix}/{slug}`; the body's shape is the slug's factory's. */
function slugDoc(prefix: string) {
  const empty = { description: 'No body; `X-Siren-OID` names the opportunity (and a cookie keeps it for browsers), `X-Event-Id` the inbox event.', type: 'null' } as const;
  return describeRoute({
    operationId: prefix === '/event' ? 'sendDomainEvent' : 'sendSirenDomainEvent',
    summary: prefix === '/event' ? 'Report a domain event (sale, refund, site visit …)' : 'Siren: report a domain event',
    description:
      'The slug names a factory (`site-visited`, `sale`, `refund`, `lead`, `renewal`, `coupon-applied`, plugins\' own); the body is that factory\'s input. ' +
      'An API key with `events:write`, or none for slugs the workspace made public (with `X-Workspace-ID`). Waits until processed unless `?async=true`.',
    tags: ['Attribution'],
    security: [{ apiKey: ['events:write'] }, {}],
    params: pathParams({ slug: 'The factory\'s slug.' }),
    querystring: { type: 'object', properties: { async: { type: 'string', enum: ['true'], description: 'Answer 202 once stored.' } } },
    headers: {
      type: 'object',
      properties: {
        'x-workspace-id': { type: 'string', description: 'The workspace, for a public slug without a key.' },
        'x-siren-oid': { type: 'string', description: 'The opportunity id a previous answer gave.' },
        'idempotency-key': { type: 'string', maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
      },
    },
    body: { type: 'object', examples: [{ source: 'shop', externalId: 'order-1001', total: 4999, currency: 'USD', trackingId: 42 }] },
    response: { 200: empty, 202: { ...empty, description: 'Stored; processed afterwards (`?async=true`, or processing outlasted the wait).' } },
  });
}

/** Longest Idempotency-Key accepted: Stripe's limit, ample for a UUID or an order number. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The request's `Idempotency-Key` header (Stripe's convention), if any; 400 when it is malformed. */
function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || header.length === 0 || header.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(header)) {
    throw AppError.validation([
      { field: 'Idempotency-Key', message: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters, sent once` },
    ]);
  }
  return header;
}

/**
 * `POST /event/{slug}` and `POST /siren/v1/event/{slug}` (seed 000). The event is appended to the
 * inbox (api `domain`, deduplicated by `source` + `externalId` for sales and refunds) and the
 * request waits for the worker to run its flow, so the answer is the real outcome: 200 with
 * `X-Siren-OID`, or the flow's 4xx. Still running at SYNC_TIMEOUT_MS → 202 (the flow will run);
 * `?async=true` answers 202 as soon as the event is durable.
 */
export async function registerDomainEventRoutes(app: FastifyInstance, deps: Deps, engine: AttributionEngine): Promise<void> {
  const handler = async (request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply) => {
    const receivedAt = Date.now();
    const { slug } = request.params;
    if (!engine.registry.getPublic(slug)) throw new AppError('not_found', `No event factory for ${slug}.`);
    const { workspaceId, credentialId } = await authorize(deps, request, slug);
    const errors = engine.registry.validate(slug, request.body);
    if (errors.length > 0) throw AppError.validation(errors);
    const body = request.body as Json;
    const opportunityId = hintedOpportunity(request);
    const payload = JSON.stringify({ slug, body, opportunityId });
    const idempotencyKey = idempotencyKeyOf(request);
    // A client's own key wins over the factory's (source + externalId), and binds the key to this
    // slug and body, as Stripe does.
    const dedupeKey = idempotencyKey === undefined ? engine.registry.dedupeKey(slug, body) : `idem:${idempotencyKey}`;
    const compared = dedupeKey !== null && (idempotencyKey !== undefined || engine.registry.repeatMustMatch(slug));
    let appended;
    try {
      [appended] = await deps.inbox.append([
        {
          workspaceId,
          api: 'domain',
          dedupeKey,
          // The slug and body by meaning (canonical JSON), without the opportunity hint: a retry
          // from another page or without the cookie is the same event, and the first hint stands.
          bodyHash: compared ? canonicalHash({ slug, body }) : null,
          payload,
          receivedAt,
          credentialId,
          clientIp: request.ip,
        },
      ]);
    } catch (error) {
      if (error instanceof IdempotencyConflict) {
        if (idempotencyKey !== undefined) throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used with another event or body.');
        throw new AppError('event_already_reported', `A ${slug} with this source and externalId was already reported with another body; the first report stands.`);
      }
      throw error;
    }
    const id = appended!.id;
    // The inbox id answers "where is my event?": the incoming list and the domain-event log use it.
    reply.header('x-event-id', id);
    if (appended!.duplicate) reply.header('idempotent-replayed', 'true');
    if ((request.query as Json).async === 'true') return answerOk(reply, 202, opportunityId);
    const outcome = (await deps.waiters.waitAll([id], deps.config.syncTimeoutMs)).get(id);
    if (!outcome || outcome.status === 'received' || outcome.status === 'processing') return answerOk(reply, 202, opportunityId);
    if (outcome.status === 'failed') {
      // Siren's SDK retries 5xx; the retry finds this same inbox row and waits for its next attempt.
      // The cause stays on the inbox row (process_error) for the workspace's own readers.
      throw new AppError('internal_error', 'Processing failed and will be retried; the incoming event (X-Event-Id) records why.');
    }
    if (outcome.status === 'blocked') throw AppError.validation([], `The event was blocked: ${outcome.error ?? ''}`);
    const stored = await outcomeOf.first(deps.db.kysely, { workspaceId, id });
    if (!stored) return answerOk(reply, 200, opportunityId);
    if (stored.http_status < 400) return answerOk(reply, 200, stored.opportunity_id);
    const fields = stored.error_fields === null ? undefined : (JSON.parse(stored.error_fields) as FieldError[]);
    const code = (stored.error_code ?? 'validation_failed') as ErrorCode;
    return sendError(reply, new AppError(code, stored.error_message ?? 'The event was refused.', fields ? { data: { fields } } : {}));
  };

  for (const prefix of ['/event', '/siren/v1/event']) {
    await app.register(
      async (scope) => {
        // Browser calls (site visits) send the opportunity cookie and read X-Siren-OID across origins.
        await scope.register(cors, {
          origin: true,
          credentials: true,
          methods: ['POST'],
          allowedHeaders: ['Content-Type', 'Authorization', 'X-Siren-OID', 'X-Workspace-ID', 'Idempotency-Key'],
          exposedHeaders: ['X-Siren-OID', 'X-Event-Id'],
          maxAge: 86_400,
        });
        scope.post('/:slug', { bodyLimit: MAX_EVENT_BYTES, ...slugDoc(prefix) }, handler);
      },
      { prefix },
    );
  }
}
