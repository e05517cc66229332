import type { FastifyInstance } from 'fastify';
import { compileValidator } from '../../http/validate.ts';
import { describeRoute, json, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { createdWriteKeySchema, createWriteKeyBody, writeKeySchema } from './api-schemas.ts';
import { requireWorkspaceAccess } from '../guards.ts';
import { getWorkspace } from '../workspaces.ts';
import { createWriteKey, listWriteKeys, revokeWriteKey, toWriteKeyResource } from '../write-keys.ts';
import type { AuthDeps } from './index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

const readCreateWriteKey = compileValidator<{ name: string; environment?: 'production' | 'development' }>(createWriteKeyBody);

/** Seed 003's write keys: the full key is in the creation answer only. */
export function registerWriteKeyRoutes(app: FastifyInstance, deps: Deps): void {
  const common = { tags: ['Workspaces'], security: SECURITY.workspace('admin') } as const;
  const list = describeRoute({
    ...common,
    operationId: 'listWriteKeys',
    summary: 'List write keys',
    params: workspaceParams(),
    response: { 200: json('The workspace\'s write keys, revoked ones too.', { type: 'array', items: writeKeySchema }) },
  });
  app.get<{ Params: { id: string } }>('/api/v1/workspaces/:id/event-keys', list, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await getWorkspace(deps.db, request.params.id);
    return (await listWriteKeys(deps.db, request.params.id)).map(toWriteKeyResource);
  });

  const create = describeRoute({
    ...common,
    operationId: 'createWriteKey',
    summary: 'Create a write key',
    params: workspaceParams(),
    body: createWriteKeyBody,
    response: { 201: json('The write key, with the full key (shown once).', createdWriteKeySchema) },
  });
  app.post<{ Params: { id: string } }>('/api/v1/workspaces/:id/event-keys', create, async (request, reply) => {
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

  const revoke = describeRoute({
    ...common,
    operationId: 'revokeWriteKey',
    summary: 'Revoke a write key',
    params: workspaceParams({ keyId: 'The write key id.' }),
    response: { 200: json('The revoked key.', writeKeySchema) },
  });
  app.delete<{ Params: { id: string; keyId: string } }>('/api/v1/workspaces/:id/event-keys/:keyId', revoke, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const row = await revokeWriteKey(deps.db, request.params.id, request.params.keyId);
    deps.auth.forgetWriteKey(row.id);
    return toWriteKeyResource(row);
  });
}
