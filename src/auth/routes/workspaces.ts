import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { compileValidator } from '../../http/validate.ts';
import { readPageQuery, toPage } from '../../http/pagination.ts';
import { requireOperator, requireWorkspaceAccess } from '../guards.ts';
import { createWorkspace, getWorkspace, listWorkspaces, toWorkspaceResource } from '../workspaces.ts';

const readCreateWorkspace = compileValidator<{ name: string; slug?: string }>({
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    slug: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$' },
  },
});

export function registerWorkspaceRoutes(app: FastifyInstance, context: AppContext): void {
  app.post('/api/v1/workspaces', async (request, reply) => {
    await requireOperator(context, request);
    const input = readCreateWorkspace(request.body);
    const row = await createWorkspace(context.db, input);
    return reply.status(201).send(toWorkspaceResource(row));
  });

  app.get('/api/v1/workspaces', async (request) => {
    await requireOperator(context, request);
    const page = readPageQuery(request.query as Record<string, unknown>);
    const rows = await listWorkspaces(context.db, { limit: page.limit + 1, after: page.cursor });
    return toPage(rows, page.limit, toWorkspaceResource);
  });

  app.get<{ Params: { id: string } }>('/api/v1/workspaces/:id', async (request) => {
    await requireWorkspaceAccess(context, request, request.params.id, 'events:read');
    return toWorkspaceResource(await getWorkspace(context.db, request.params.id));
  });
}
