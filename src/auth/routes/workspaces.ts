import type { FastifyInstance } from 'fastify';
import { compileValidator } from '../../http/validate.ts';
import { readPageQuery, toPage } from '../../http/pagination.ts';
import { requireOperator, requireWorkspaceAccess } from '../guards.ts';
import { createWorkspace, getWorkspace, listWorkspaces, toWorkspaceResource } from '../workspaces.ts';
import type { AuthDeps } from './index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

const readCreateWorkspace = compileValidator<{ name: string; slug?: string }>({
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    slug: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$' },
  },
});

export function registerWorkspaceRoutes(app: FastifyInstance, deps: Deps): void {
  app.post('/api/v1/workspaces', async (request, reply) => {
    await requireOperator(deps.auth, request);
    const input = readCreateWorkspace(request.body);
    const row = await createWorkspace(deps.db, input);
    return reply.status(201).send(toWorkspaceResource(row));
  });

  app.get('/api/v1/workspaces', async (request) => {
    await requireOperator(deps.auth, request);
    const page = readPageQuery(request.query as Record<string, unknown>);
    const rows = await listWorkspaces(deps.db, { limit: page.limit + 1, after: page.cursor });
    return toPage(rows, page.limit, toWorkspaceResource);
  });

  app.get<{ Params: { id: string } }>('/api/v1/workspaces/:id', async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'events:read');
    return toWorkspaceResource(await getWorkspace(deps.db, request.params.id));
  });
}
