import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseRowId, type Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import { describeRoute, json, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { apiKeySchema, createApiKeyBody, createdApiKeySchema } from './api-schemas.ts';
import { createApiKey, listApiKeys, revokeApiKey, toApiKeyResource } from '../api-keys.ts';
import { requireWorkspaceAccess } from '../guards.ts';
import type { Scope } from '../scopes.ts';
import { getWorkspace } from '../workspaces.ts';
import type { AuthDeps } from './index.ts';

/** What these routes use: the database and the authenticator (the admin API's deps). */
type Deps = AuthDeps;

interface CreateApiKey {
  label?: string;
  name?: string;
  scopes?: Scope[];
  sync_mode?: boolean;
  expires_at?: string;
}

const readCreateApiKey = compileValidator<CreateApiKey>(createApiKeyBody);

function parseKeyId(raw: string): number {
  const id = parseRowId(raw);
  if (id === undefined) throw AppError.notFound('API key');
  return id;
}

/** API keys of one workspace; reused by the Siren-compatible `/siren/v1/api-keys`. */
export async function createKeyFromRequest(deps: Deps, workspaceId: string, request: FastifyRequest) {
  const input = readCreateApiKey(request.body ?? {});
  // Leaving scopes out means full access (Siren's rule). An empty list asks for no access at all,
  // often a filtered list that came out empty: granting `admin` for it would be an escalation.
  if (input.scopes?.length === 0) {
    throw AppError.validation([{ field: 'scopes', message: 'must name at least one scope; leave scopes out for a key with full access' }]);
  }
  let expiresAt: number | null = null;
  if (input.expires_at !== undefined) {
    expiresAt = Date.parse(input.expires_at);
    if (Number.isNaN(expiresAt) || expiresAt <= Date.now()) {
      throw AppError.validation([{ field: 'expires_at', message: 'must be an ISO-8601 time in the future' }]);
    }
  }
  const { row, key } = await createApiKey(deps.db, workspaceId, {
    label: input.label ?? input.name ?? 'API key',
    scopes: input.scopes ?? [],
    syncMode: input.sync_mode ?? false,
    expiresAt,
  });
  return { ...toApiKeyResource(row), key, rawKey: key };
}

export function registerApiKeyRoutes(app: FastifyInstance, deps: Deps): void {
  const common = { tags: ['Workspaces'], security: SECURITY.workspace('admin') } as const;
  const list = describeRoute({
    ...common,
    operationId: 'listApiKeys',
    summary: 'List API keys',
    params: workspaceParams(),
    response: { 200: json('The workspace\'s API keys, revoked ones too; never their secrets.', { type: 'array', items: apiKeySchema }) },
  });
  app.get<{ Params: { id: string } }>('/api/v1/workspaces/:id/api-keys', list, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await getWorkspace(deps.db, request.params.id);
    return (await listApiKeys(deps.db, request.params.id)).map(toApiKeyResource);
  });

  const create = describeRoute({
    ...common,
    operationId: 'createApiKey',
    summary: 'Create an API key',
    params: workspaceParams(),
    body: createApiKeyBody,
    response: { 201: json('The key, with its secret (shown once).', createdApiKeySchema) },
  });
  app.post<{ Params: { id: string } }>('/api/v1/workspaces/:id/api-keys', create, async (request, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await getWorkspace(deps.db, request.params.id);
    return reply.status(201).send(await createKeyFromRequest(deps, request.params.id, request));
  });

  const revoke = describeRoute({
    ...common,
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    params: workspaceParams({ keyId: 'The API key id.' }),
    response: { 200: json('The revoked key.', apiKeySchema) },
  });
  app.delete<{ Params: { id: string; keyId: string } }>('/api/v1/workspaces/:id/api-keys/:keyId', revoke, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const row = await revokeApiKey(deps.db, request.params.id, parseKeyId(request.params.keyId));
    deps.auth.forgetApiKey(row.id);
    return toApiKeyResource(row);
  });
}
