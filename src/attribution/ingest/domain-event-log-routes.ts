import type { FastifyInstance } from 'fastify';
import { describeRoute, json, pageOf, pageQuery, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../../auth/index.ts';
import { parseRowId, type Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { readPageQuery } from '../../http/pagination.ts';
import type { DomainEventRow } from '../model/tables.ts';
import type { AuthDeps } from '../../auth/index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

function toResource(row: DomainEventRow) {
  return {
    id: row.id,
    inbound_event_id: row.inbound_event_id,
    sequence: row.sequence,
    name: row.name,
    payload: JSON.parse(row.payload) as unknown,
    created_at: new Date(row.created_at).toISOString(),
  };
}

/**
 * `GET /api/v1/workspaces/{id}/domain-events`: the domain-event log, seed 002's debugging view.
 * With `inbound_event_id` it is one flow in dispatch order; without, the workspace's newest first.
 */
export function registerDomainEventLogRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/api/v1/workspaces/:id/domain-events', describeRoute({
      operationId: 'listDomainEvents',
      summary: 'The domain-event log',
      tags: ['System'],
      security: SECURITY.workspace('events:read'),
      params: workspaceParams(),
      description: 'With `inbound_event_id`, one flow in dispatch order; without, the newest first.',
      querystring: pageQuery(1000, 100, { inbound_event_id: { type: 'string' } }),
      response: { 200: json('A page of domain events.', pageOf({ type: 'object', required: ['id', 'inbound_event_id', 'sequence', 'name', 'payload'], properties: { id: { type: 'integer' }, inbound_event_id: { type: 'string' }, sequence: { type: 'integer' }, name: { type: 'string' }, payload: {}, created_at: { type: 'string', format: 'date-time' } } })) },
    }), async (request) => {
    const workspaceId = request.params.id;
    await requireWorkspaceAccess(deps.auth, request, workspaceId, 'events:read');
    await assertWorkspaceExists(deps.db, workspaceId);
    const inbound = request.query.inbound_event_id;
    if (inbound !== undefined && (typeof inbound !== 'string' || inbound === '' || inbound.length > 100)) {
      throw AppError.validation([{ field: 'inbound_event_id', message: 'must be one inbox event id' }]);
    }
    const page = readPageQuery(request.query, 100, 1000);
    const cursor = page.cursor === undefined ? undefined : parseRowId(page.cursor);
    if (page.cursor !== undefined && cursor === undefined) throw AppError.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
    let query = deps.db.kysely.selectFrom('domain_events').selectAll().where('workspace_id', '=', workspaceId).limit(page.limit + 1);
    if (typeof inbound === 'string') {
      query = query.where('inbound_event_id', '=', inbound).orderBy('sequence', 'asc');
      if (cursor !== undefined) query = query.where('id', '>', cursor);
    } else {
      query = query.orderBy('id', 'desc');
      if (cursor !== undefined) query = query.where('id', '<', cursor);
    }
    const rows = await query.execute();
    const hasMore = rows.length > page.limit;
    const data = (hasMore ? rows.slice(0, page.limit) : rows).map(toResource);
    return { data, has_more: hasMore, next_cursor: hasMore ? String(data[data.length - 1]!.id) : null };
  });
}
