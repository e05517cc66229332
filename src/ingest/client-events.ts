import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireEventsApiKey, type Principal, type Authenticator } from '../auth/index.ts';
import { credentialId } from '../auth/guards.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import { ajv, fieldErrors, joinPath } from '../http/validate.ts';
import { IdempotencyConflict, type AppendedEntry, type InboxEntry, type ProcessingOutcome, type InboxWriter, type ProcessingWaiters } from '../inbox/index.ts';
import { canonicalHash } from '../lib/canonical-json.ts';
import { parseTime } from '../lib/time.ts';
import { MAX_BULK_BYTES, MAX_BULK_EVENTS, MAX_EVENT_BYTES } from './limits.ts';
import type { Config } from '../config.ts';
import { newId } from '../lib/ids.ts';
import { messageIdentity, type SuppressionCache } from '../regulations/index.ts';
import { describeRoute, json, SECURITY } from '../openapi/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly auth: Authenticator;
  readonly config: Config;
  readonly inbox: InboxWriter;
  readonly waiters: ProcessingWaiters;
  readonly suppressions: SuppressionCache;
}

type Json = Record<string, unknown>;

const shortText = { type: 'string', minLength: 1, maxLength: 200 };

/** Seed 004's client event; also its schema in /openapi.json. */
const clientEventSchema = {
  type: 'object',
  description: '`email` or `uid` is required. A repeated `idempotency_key` (or `external_id` per type) answers the first result.',
  required: ['type'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    email: { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' },
    uid: { type: ['string', 'number'], minLength: 1, maxLength: 512 },
    source: shortText,
    action: shortText,
    feature: shortText,
    plan: shortText,
    amount: { type: 'number' },
    status: shortText,
    upgrade: { type: 'boolean' },
    idempotency_key: { type: 'string', minLength: 1, maxLength: 255 },
    external_id: { type: ['string', 'number'], minLength: 1, maxLength: 255 },
    ts: { type: 'string' },
    metadata: { type: 'object' },
  },
  examples: [{ type: 'purchase', email: 'ada@example.com', amount: 49.99, external_id: 'order-1001' }],
};
const validateShape = ajv.compile(clientEventSchema);

const answerSchema = {
  type: 'object',
  required: ['id', 'status', 'event_id', 'duplicate'],
  properties: {
    id: { type: 'string', description: 'The inbox row id.' },
    status: { type: 'string', enum: ['accepted', 'success', 'failed', 'blocked'], description: '`accepted` unless sync mode waited for the outcome.' },
    event_id: { type: ['string', 'null'], description: 'The canonical event id, once processed.' },
    duplicate: { type: 'boolean' },
    process_error: { type: ['string', 'null'] },
  },
} as const;

const syncQuery = {
  type: 'object',
  properties: {
    sync: { type: 'string', enum: ['true', 'false', '1', '0'], description: 'Wait until processed (default: the API key\'s sync mode).' },
    workspace_id: { type: 'string', description: 'Required with the operator token.' },
  },
} as const;

const common = { tags: ['Client events'], security: SECURITY.eventsKey('events:write'), querystring: syncQuery } as const;

const sendDoc = describeRoute({
  ...common,
  operationId: 'sendClientEvent',
  summary: 'Send one event',
  body: clientEventSchema,
  response: { 200: json('Processed (sync mode).', answerSchema), 202: json('Accepted: on disk, processed afterwards.', answerSchema) },
});

const bulkAnswer = {
  type: 'object',
  required: ['status', 'count', 'results'],
  properties: { status: { type: 'string', enum: ['success', 'accepted'] }, count: { type: 'integer' }, results: { type: 'array', items: answerSchema } },
} as const;

const bulkDoc = describeRoute({
  ...common,
  operationId: 'sendClientEventsBulk',
  summary: 'Send up to 1,000 events',
  description: 'The array itself, or `{ "events": [...] }`; nothing is written when one event is invalid.',
  body: { oneOf: [{ type: 'array', minItems: 1, items: clientEventSchema }, { type: 'object', required: ['events'], properties: { events: { type: 'array', minItems: 1, items: clientEventSchema } } }] },
  response: { 200: json('All processed (sync mode).', bulkAnswer), 202: json('Accepted.', bulkAnswer) },
});

function validate(event: unknown, prefix = ''): FieldError[] {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return [{ field: prefix || 'body', message: 'must be an object' }];
  const errors = validateShape(event) ? [] : fieldErrors(validateShape.errors, prefix);
  const msg = event as Json;
  if (msg.email === undefined && msg.uid === undefined) errors.push({ field: joinPath(prefix, 'email'), message: 'email or uid is required' });
  if (typeof msg.ts === 'string' && parseTime(msg.ts) === undefined) errors.push({ field: joinPath(prefix, 'ts'), message: 'must be an ISO-8601 date-time' });
  if (typeof msg.amount === 'number' && !Number.isFinite(msg.amount)) errors.push({ field: joinPath(prefix, 'amount'), message: 'must be finite' });
  return errors;
}

/**
 * The idempotency key, else the external id (namespaced by type, so an order's purchase and its
 * refund are two events).
 */
function dedupeKey(event: Json): string | null {
  if (typeof event.idempotency_key === 'string') return `idem:${event.idempotency_key}`;
  if (event.external_id !== undefined) return `ext:${String(event.type)}:${String(event.external_id)}`;
  return null;
}

function toEntry(workspaceId: string, principal: Principal, request: FastifyRequest, event: Json, payload: string, receivedAt: number): InboxEntry {
  const key = dedupeKey(event);
  return {
    workspaceId,
    api: 'client',
    dedupeKey: key,
    // The event's meaning, not its bytes: a retry may reorder keys or respell numbers, and a
    // /bulk event is compared with a single one. Both routes hash here; an event without a key
    // is never compared, so it is not hashed.
    bodyHash: key === null ? null : canonicalHash(event),
    payload,
    receivedAt,
    credentialId: credentialId(principal),
    clientIp: request.ip,
  };
}

interface Answer {
  id: string;
  status: string;
  event_id: string | null;
  duplicate: boolean;
  process_error?: string | null;
}

function wantsSync(request: FastifyRequest, principal: Principal): boolean {
  const sync = (request.query as Json).sync;
  if (sync === 'true' || sync === '1') return true;
  if (sync === 'false' || sync === '0') return false;
  return principal.kind === 'api_key' && principal.syncMode;
}

/**
 * Async mode answers `accepted` once the event is durable, and a repeat gets that same answer
 * (the retry of a timed-out request must look like the request it retries). Sync mode waits for
 * processing: `success` (with the canonical event id), `blocked` or `failed`; still running at the
 * timeout → `accepted`.
 */
function toAnswer(appended: AppendedEntry, outcome: ProcessingOutcome | undefined): Answer {
  const status = outcome?.status ?? 'received';
  const eventId = outcome?.eventId ?? null;
  const answer: Answer = {
    id: appended.id,
    status: status === 'processed' ? 'success' : status === 'received' || status === 'processing' ? 'accepted' : status,
    event_id: eventId,
    duplicate: appended.duplicate,
  };
  if (status === 'failed' || status === 'blocked') answer.process_error = outcome?.error ?? null;
  return answer;
}

async function appendAndAnswer(
  deps: Deps,
  request: FastifyRequest,
  principal: Principal,
  workspaceId: string,
  events: Json[],
  entries: InboxEntry[],
): Promise<Answer[]> {
  // A suppressed person's events are answered `accepted`, with an id that names nothing stored.
  const suppressed = await deps.suppressions.forWorkspace(workspaceId);
  const dropped = suppressed === undefined ? [] : events.map((event) => suppressed.matches(messageIdentity('client', event)));
  const kept = dropped.length === 0 ? entries : entries.filter((_, index) => !dropped[index]);
  deps.suppressions.countSuppressed('client', entries.length - kept.length);
  let appended: AppendedEntry[];
  try {
    appended = kept.length === 0 ? [] : await deps.inbox.append(kept);
  } catch (error) {
    if (error instanceof IdempotencyConflict) {
      throw new AppError('idempotency_key_reused', 'An idempotency key (or external id) was already used with a different body.');
    }
    throw error;
  }
  let outcomes = new Map<string, ProcessingOutcome>();
  if (appended.length > 0 && wantsSync(request, principal)) {
    outcomes = await deps.waiters.waitAll(appended.map((a) => a.id), deps.config.syncTimeoutMs);
  }
  const answers = appended.map((a) => toAnswer(a, outcomes.get(a.id)));
  if (kept.length === entries.length) return answers;
  let next = 0;
  return entries.map((_, index) => (dropped[index] ? { id: newId(), status: 'accepted', event_id: null, duplicate: false } : answers[next++]!));
}

function statusFor(answers: Answer[]): number {
  return answers.every((a) => a.status !== 'accepted') ? 200 : 202;
}

/** Seed 004's client events: `POST /api/v1/client/events` and `/bulk`. */
export function registerClientEventRoutes(app: FastifyInstance, deps: Deps): void {
  app.post('/api/v1/client/events', { bodyLimit: MAX_EVENT_BYTES, ...sendDoc }, async (request, reply: FastifyReply) => {
    const receivedAt = Date.now();
    const { principal, workspaceId } = await requireEventsApiKey(deps.auth, request, 'events:write');
    const errors = validate(request.body);
    if (errors.length > 0) throw AppError.validation(errors);
    const event = request.body as Json;
    const payload = request.rawBody ?? JSON.stringify(event);
    const [answer] = await appendAndAnswer(deps, request, principal, workspaceId, [event], [toEntry(workspaceId, principal, request, event, payload, receivedAt)]);
    if (answer!.duplicate) reply.header('idempotent-replayed', 'true');
    return reply.status(statusFor([answer!])).send(answer);
  });

  app.post('/api/v1/client/events/bulk', { bodyLimit: MAX_BULK_BYTES, ...bulkDoc }, async (request, reply: FastifyReply) => {
    const receivedAt = Date.now();
    const { principal, workspaceId } = await requireEventsApiKey(deps.auth, request, 'events:write');
    const body = request.body;
    const events = Array.isArray(body) ? body : (body as Json | undefined)?.events;
    if (!Array.isArray(events)) {
      throw AppError.validation([{ field: 'events', message: 'is required: an array of events (or send the array itself)' }]);
    }
    if (events.length === 0) throw AppError.validation([{ field: 'events', message: 'must hold at least one event' }]);
    if (events.length > MAX_BULK_EVENTS) {
      throw new AppError('batch_too_large', `A bulk request holds at most ${MAX_BULK_EVENTS} events; this one has ${events.length}.`, {
        data: { fields: [{ field: 'events', message: `must hold at most ${MAX_BULK_EVENTS} events` }] },
      });
    }
    const prefix = Array.isArray(body) ? '' : 'events.';
    const errors = events.flatMap((event: unknown, index: number) => validate(event, `${prefix}${index}`));
    if (errors.length > 0) throw AppError.validation(errors);
    const entries = events.map((event: Json) => toEntry(workspaceId, principal, request, event, JSON.stringify(event), receivedAt));
    const answers = await appendAndAnswer(deps, request, principal, workspaceId, events as Json[], entries);
    return reply.status(statusFor(answers)).send({
      status: answers.every((a) => a.status === 'success') ? 'success' : 'accepted',
      count: answers.length,
      results: answers,
    });
  });
}
