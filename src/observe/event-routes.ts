import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireEventsApiKey, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import { AppError } from '../errors/index.ts';
import { getIncoming, listIncoming, pendingInJournal, requeueFailed } from '../inbox/index.ts';
import { readPageQuery, toPage } from '../http/pagination.ts';
import { parseTime } from '../lib/time.ts';
import { getEvent, listEvents } from './event-reader.ts';
import { readEventVolume } from './event-volume.ts';
import { toEventResource } from '../pipeline/index.ts';
import { toIncomingResource } from './resources.ts';
import type { AuthDeps } from '../auth/index.ts';
import { describeRoute, json, pageOf, pathParams, SECURITY, workspaceParams } from '../openapi/index.ts';
import { canonicalEventSchema, eventsQuery, incomingQuery, incomingSchema, volumeSchema } from './api-schemas.ts';

const incomingPageSchema = {
  ...pageOf(incomingSchema),
  required: [...pageOf(incomingSchema).required, 'pending'],
  properties: { ...pageOf(incomingSchema).properties, pending: { type: 'integer', description: 'Accepted events not split into inbox rows yet.' } },
};
const keyTags = ['Client events'] as const;
const wsTags = ['Workspace events'] as const;

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

type Query = Record<string, unknown>;

const INBOX_STATUSES = ['received', 'processing', 'processed', 'failed', 'blocked'];

function timeParam(query: Query, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const ms = parseTime(raw);
  if (ms === undefined) throw AppError.validation([{ field: name, message: 'must be an ISO-8601 date-time' }]);
  return ms;
}

function textParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > 500) throw AppError.validation([{ field: name, message: 'must be one string of at most 500 characters' }]);
  return raw;
}

async function incomingPage(deps: Deps, workspaceId: string, request: FastifyRequest) {
  const query = request.query as Query;
  const page = readPageQuery(query);
  const status = textParam(query, 'status');
  if (status && !INBOX_STATUSES.includes(status)) {
    throw AppError.validation([{ field: 'status', message: `must be one of ${INBOX_STATUSES.join(', ')}` }]);
  }
  const rows = await listIncoming(deps.db, workspaceId, {
    status,
    api: textParam(query, 'api'),
    from: timeParam(query, 'from'),
    to: timeParam(query, 'to'),
    cursor: page.cursor,
    limit: page.limit,
  });
  // Accepted events not listed yet (still in the journal): "where is my event?" has an answer
  // before a worker has split the request that holds it.
  return { ...toPage(rows, page.limit, toIncomingResource), pending: await pendingInJournal(deps.db, workspaceId) };
}

async function eventsPage(deps: Deps, workspaceId: string, request: FastifyRequest) {
  const query = request.query as Query;
  const page = readPageQuery(query);
  const rows = await listEvents(deps.db, workspaceId, {
    eventType: textParam(query, 'event_type'),
    source: textParam(query, 'source'),
    status: textParam(query, 'status'),
    from: timeParam(query, 'from'),
    to: timeParam(query, 'to'),
    q: textParam(query, 'q'),
    cursor: page.cursor,
    limit: page.limit,
  });
  return toPage(rows, page.limit, toEventResource);
}

async function retry(deps: Deps, workspaceId: string, id: string) {
  const row = await requeueFailed(deps.db, workspaceId, id);
  if (!row) {
    const existing = await getIncoming(deps.db, workspaceId, id);
    if (!existing) throw AppError.notFound('Incoming event');
    throw new AppError('conflict', `Only failed or blocked events can be retried; this one is ${existing.status}.`);
  }
  return toIncomingResource(row);
}

/**
 * Where is my event? Seed 004's incoming (inbox) and canonical lists, keyed by the API key's
 * workspace, and the same under `/api/v1/workspaces/{id}` for the operator and the console.
 */
export function registerEventRoutes(app: FastifyInstance, deps: Deps, onRequeued: () => void): void {
  const base = '/api/v1/public/authenticated/events';
  app.get(`${base}/incoming`, describeRoute({
    operationId: 'listIncomingEventsByKey', summary: 'List incoming events (the inbox)', tags: keyTags,
    security: SECURITY.eventsKey('events:read'), querystring: incomingQuery, response: { 200: json('A page of inbox rows.', incomingPageSchema) },
  }), async (request) => {
    const { workspaceId } = await requireEventsApiKey(deps.auth, request, 'events:read');
    return incomingPage(deps, workspaceId, request);
  });
  app.get<{ Params: { inboxId: string } }>(`${base}/incoming/:inboxId`, describeRoute({
    operationId: 'getIncomingEventByKey', summary: 'Get an incoming event', tags: keyTags,
    security: SECURITY.eventsKey('events:read'), params: pathParams({ inboxId: 'The inbox row id.' }), response: { 200: json('The inbox row.', incomingSchema) },
  }), async (request) => {
    const { workspaceId } = await requireEventsApiKey(deps.auth, request, 'events:read');
    const row = await getIncoming(deps.db, workspaceId, request.params.inboxId);
    if (!row) throw AppError.notFound('Incoming event');
    return toIncomingResource(row);
  });
  app.post<{ Params: { inboxId: string } }>(`${base}/incoming/:inboxId/retry`, describeRoute({
    operationId: 'retryIncomingEventByKey', summary: 'Retry a failed or blocked event', tags: keyTags,
    security: SECURITY.eventsKey('events:write'), params: pathParams({ inboxId: 'The inbox row id.' }), response: { 200: json('The row, queued again.', incomingSchema) },
  }), async (request) => {
    const { workspaceId } = await requireEventsApiKey(deps.auth, request, 'events:write');
    const answer = await retry(deps, workspaceId, request.params.inboxId);
    onRequeued();
    return answer;
  });
  app.get(base, describeRoute({
    operationId: 'listEventsByKey', summary: 'List canonical events', tags: keyTags,
    security: SECURITY.eventsKey('events:read'), querystring: eventsQuery, response: { 200: json('A page of events.', pageOf(canonicalEventSchema)) },
  }), async (request) => {
    const { workspaceId } = await requireEventsApiKey(deps.auth, request, 'events:read');
    return eventsPage(deps, workspaceId, request);
  });
  app.get<{ Params: { eventId: string } }>(`${base}/:eventId`, describeRoute({
    operationId: 'getEventByKey', summary: 'Get a canonical event', tags: keyTags,
    security: SECURITY.eventsKey('events:read'), params: pathParams({ eventId: 'The event id.' }), response: { 200: json('The event.', canonicalEventSchema) },
  }), async (request) => {
    const { workspaceId } = await requireEventsApiKey(deps.auth, request, 'events:read');
    const row = await getEvent(deps.db, workspaceId, request.params.eventId);
    if (!row) throw AppError.notFound('Event');
    return toEventResource(row);
  });

  const ws = '/api/v1/workspaces/:id';
  app.get<{ Params: { id: string } }>(`${ws}/events/incoming`, describeRoute({
    operationId: 'listIncomingEvents', summary: 'List incoming events (the inbox)', tags: wsTags,
    security: SECURITY.workspace('events:read'), params: workspaceParams(), querystring: incomingQuery, response: { 200: json('A page of inbox rows.', incomingPageSchema) },
  }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    return incomingPage(deps, request.params.id, request);
  });
  app.post<{ Params: { id: string; inboxId: string } }>(`${ws}/events/incoming/:inboxId/retry`, describeRoute({
    operationId: 'retryIncomingEvent', summary: 'Retry a failed or blocked event', tags: wsTags,
    security: SECURITY.workspace('events:write'), params: workspaceParams({ inboxId: 'The inbox row id.' }), response: { 200: json('The row, queued again.', incomingSchema) },
  }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:write');
    const answer = await retry(deps, request.params.id, request.params.inboxId);
    onRequeued();
    return answer;
  });
  app.get<{ Params: { id: string } }>(`${ws}/events`, describeRoute({
    operationId: 'listEvents', summary: 'List canonical events', tags: wsTags,
    security: SECURITY.workspace('events:read'), params: workspaceParams(), querystring: eventsQuery, response: { 200: json('A page of events.', pageOf(canonicalEventSchema)) },
  }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    return eventsPage(deps, request.params.id, request);
  });
  app.get<{ Params: { id: string } }>(`${ws}/event-volume`, describeRoute({
    operationId: 'getEventVolume', summary: 'Hourly event counts', tags: wsTags,
    security: SECURITY.workspace('events:read'), params: workspaceParams(),
    querystring: { type: 'object', properties: { hours: { type: 'integer', minimum: 1, maximum: 2160, default: 24 } } },
    response: { 200: json('Counts per hour, type and name.', volumeSchema) },
  }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    const raw = (request.query as Query).hours;
    const hours = raw === undefined || raw === '' ? 24 : Number(raw);
    if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 90) {
      throw AppError.validation([{ field: 'hours', message: 'must be an integer from 1 to 2160' }]);
    }
    return readEventVolume(deps.db, request.params.id, hours);
  });
}
