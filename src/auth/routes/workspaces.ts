import type { FastifyInstance } from 'fastify';
import { compileValidator } from '../../http/validate.ts';
import { readPageQuery, toPage } from '../../http/pagination.ts';
import { describeRoute, json, pageOf, pageQuery, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { createWorkspaceBody, workspaceSchema } from './api-schemas.ts';
import { requireOperator, requireWorkspaceAccess } from '../guards.ts';
import { createWorkspace, getWorkspace, listWorkspaces, toWorkspaceResource } from '../workspaces.ts';
import type { AuthDeps } from './index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

const readCreateWorkspace = compileValidator<{ name: string; slug?: string }>(createWorkspaceBody);

export function registerWorkspaceRoutes(app: FastifyInstance, deps: Deps): void {
  const create = describeRoute({
    operationId: 'createWorkspace',
    summary: 'Create a workspace',
    tags: ['Workspaces'],
    security: SECURITY.operator,
    body: createWorkspaceBody,
    response: { 201: json('The workspace.', workspaceSchema) },
  });
  app.post('/api/v1/workspaces', create, async (request, reply) => {
    await requireOperator(deps.auth, request);
    const input = readCreateWorkspace(request.body);
    const row = await createWorkspace(deps.db, input);
    return reply.status(201).send(toWorkspaceResource(row));
  });

  const list = describeRoute({
    operationId: 'listWorkspaces',
    summary: 'List workspaces',
    tags: ['Workspaces'],
    security: SECURITY.operator,
    querystring: pageQuery(500),
    response: { 200: json('A page of workspaces.', pageOf(workspaceSchema)) },
  });
  app.get('/api/v1/workspaces', list, async (request) => {
    await requireOperator(deps.auth, request);
    const page = readPageQuery(request.query as Record<string, unknown>);
    const rows = await listWorkspaces(deps.db, { limit: page.limit + 1, after: page.cursor });
    return toPage(rows, page.limit, toWorkspaceResource);
  });

  const get = describeRoute({
    operationId: 'getWorkspace',
    summary: 'Get a workspace',
    tags: ['Workspaces'],
    security: SECURITY.workspace('events:read'),
    params: workspaceParams(),
    response: { 200: json('The workspace.', workspaceSchema) },
  });
  app.get<{ Params: { id: string } }>('/api/v1/workspaces/:id', get, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    return toWorkspaceResource(await getWorkspace(deps.db, request.params.id));
  });
}
