import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import { AppError } from '../errors/index.ts';
import { readPageQuery, toPage } from '../http/pagination.ts';
import { compileValidator } from '../http/validate.ts';
import { describeRoute, json, pageOf, SECURITY, workspaceParams } from '../openapi/index.ts';
import { deliveriesQuery, deliverySchema, replayBody } from './api-schemas.ts';
import {
  attemptsOf,
  DELIVERY_STATUSES,
  getDelivery,
  listDeliveries,
  REPLAYABLE,
  replayDeliveries,
  toDeliveryResource,
  type DeliveryFilter,
} from './delivery-reader.ts';
import type { DeliveryStatus } from './tables.ts';
import type { Db } from '../db/index.ts';
import type { Config } from '../config.ts';
import type { ForwardServices } from './forward-services.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly config: Config;
  readonly forward: ForwardServices;
}

type Query = Record<string, unknown>;

const readReplayFilter = compileValidator<{ status?: DeliveryStatus; destination_id?: string; event_id?: string }>(replayBody);

function readListFilter(query: Query): DeliveryFilter {
  const errors = [];
  const text = (name: string) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string' || raw.length > 100) {
      errors.push({ field: name, message: 'must be one string of at most 100 characters' });
      return undefined;
    }
    return raw;
  };
  const filter: DeliveryFilter = { destinationId: text('destination_id'), eventId: text('event_id') };
  const status = text('status');
  if (status !== undefined && !DELIVERY_STATUSES.includes(status as DeliveryStatus)) {
    errors.push({ field: 'status', message: `must be one of ${DELIVERY_STATUSES.join(', ')}` });
  } else filter.status = status as DeliveryStatus | undefined;
  if (errors.length > 0) throw AppError.validation(errors);
  return filter;
}

/** Where did my event go? Deliveries with their attempts, and replay of one, a filter or all dead letters. */
export function registerDeliveryRoutes(app: FastifyInstance, deps: Deps): void {
  const base = '/api/v1/workspaces/:id/deliveries';

  app.get<{ Params: { id: string } }>(base, describeRoute({
      operationId: 'listDeliveries',
      summary: 'List deliveries',
      tags: ['Forwarding'],
      security: SECURITY.workspace('events:read'),
      params: workspaceParams(),
      querystring: deliveriesQuery,
      response: { 200: json('A page of deliveries with their attempts.', pageOf(deliverySchema)) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    await assertWorkspaceExists(deps.db, request.params.id);
    const query = request.query as Query;
    const filter = readListFilter(query);
    const page = readPageQuery(query);
    const rows = await listDeliveries(deps.db, request.params.id, { ...filter, cursor: page.cursor, limit: page.limit });
    const attempts = await attemptsOf(deps.db, request.params.id, rows.slice(0, page.limit).map((row) => row.id));
    return toPage(rows, page.limit, (row) => toDeliveryResource(row, attempts.get(row.id) ?? []));
  });

  app.get<{ Params: { id: string; deliveryId: string } }>(`${base}/:deliveryId`, describeRoute({
      operationId: 'getDelivery',
      summary: 'Get a delivery',
      tags: ['Forwarding'],
      security: SECURITY.workspace('events:read'),
      params: workspaceParams({ deliveryId: 'The delivery id.' }),
      response: { 200: json('The delivery with its attempts.', deliverySchema) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    const row = await getDelivery(deps.db, request.params.id, request.params.deliveryId);
    if (!row) throw AppError.notFound('Delivery');
    const attempts = await attemptsOf(deps.db, row.workspace_id, [row.id]);
    return toDeliveryResource(row, attempts.get(row.id) ?? []);
  });

  app.post<{ Params: { id: string; deliveryId: string } }>(`${base}/:deliveryId/replay`, describeRoute({
      operationId: 'replayDelivery',
      summary: 'Send a delivery again',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ deliveryId: 'The delivery id.' }),
      response: { 200: json('The delivery, queued again.', deliverySchema) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const { id: workspaceId, deliveryId } = request.params;
    const replayed = await replayDeliveries(deps.db, workspaceId, { ids: [deliveryId], statuses: REPLAYABLE }, deps.config.forwardRetryBudgetMs);
    const row = await getDelivery(deps.db, workspaceId, deliveryId);
    if (!row) throw AppError.notFound('Delivery');
    if (replayed === 0) throw new AppError('conflict', `The delivery is ${row.status}: it is already queued or being sent.`);
    deps.forward.queued();
    const attempts = await attemptsOf(deps.db, row.workspace_id, [row.id]);
    return toDeliveryResource(row, attempts.get(row.id) ?? []);
  });

  app.post<{ Params: { id: string } }>(`${base}/replay`, describeRoute({
      operationId: 'replayDeliveries',
      summary: 'Send dead letters (or a filter) again',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: replayBody,
      response: { 200: json('How many were queued.', { type: 'object', required: ['replayed'], properties: { replayed: { type: 'integer' } } }) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    const filter = readReplayFilter(request.body ?? {});
    const replayed = await replayDeliveries(
      deps.db,
      request.params.id,
      { statuses: [filter.status ?? 'dead'], destinationId: filter.destination_id, eventId: filter.event_id },
      deps.config.forwardRetryBudgetMs,
    );
    if (replayed > 0) deps.forward.queued();
    return { replayed };
  });
}
