import type { FastifyInstance } from 'fastify';
import { compileValidator } from '../../http/validate.ts';
import { requireWorkspaceAccess } from '../guards.ts';
import { getWorkspace } from '../workspaces.ts';
import { createWriteKey, listWriteKeys, revokeWriteKey, toWriteKeyResource } from '../write-keys.ts';
import type { AuthDeps } from './index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

const readCreateWriteKey = compileValidator<{ name: string; environment?: 'production' | 'development' }>({
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    environment: { enum: ['production', 'development'] },
  },
});

/** Seed 003's write keys: the full key is in the creation answer only. */
export function registerWriteKeyRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/api/v1/workspaces/:id/event-keys', async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await getWorkspace(deps.db, request.params.id);
    return (await listWriteKeys(deps.db, request.params.id)).map(toWriteKeyResource);
  });

  app.post<{ Params: { id: string } }>('/api/v1/workspaces/:id/event-keys', async (request, reply) => {
    const principal = await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await getWorkspace(deps.db, request.params.id);
    const input = readCreateWriteKey(request.body);
    const { row, key } = await createWriteKey(deps.db, request.params.id, {
      name: input.name,
      environment: input.environment ?? 'production',
      createdBy: principal.kind === 'api_key' ? String(principal.keyId) : null,
    });
    return reply.status(201).send({ ...toWriteKeyResource(row), key });
  });

  app.delete<{ Params: { id: string; keyId: string } }>('/api/v1/workspaces/:id/event-keys/:keyId', async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const row = await revokeWriteKey(deps.db, request.params.id, request.params.keyId);
    deps.auth.forgetWriteKey(row.id);
    return toWriteKeyResource(row);
  });
}
