import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseRowId, type Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import { createApiKey, listApiKeys, revokeApiKey, toApiKeyResource } from '../api-keys.ts';
import { requireWorkspaceAccess } from '../guards.ts';
import { SCOPES, type Scope } from '../scopes.ts';
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

const readCreateApiKey = compileValidator<CreateApiKey>({
  type: 'object',
  additionalProperties: false,
  properties: {
    label: { type: 'string', minLength: 1, maxLength: 200 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    scopes: { type: 'array', items: { enum: [...SCOPES] }, maxItems: SCOPES.length },
    sync_mode: { type: 'boolean' },
    expires_at: { type: 'string', minLength: 1 },
  },
});

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
  app.get<{ Params: { id: string } }>('/api/v1/workspaces/:id/api-keys', async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await getWorkspace(deps.db, request.params.id);
    return (await listApiKeys(deps.db, request.params.id)).map(toApiKeyResource);
  });

  app.post<{ Params: { id: string } }>('/api/v1/workspaces/:id/api-keys', async (request, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await getWorkspace(deps.db, request.params.id);
    return reply.status(201).send(await createKeyFromRequest(deps, request.params.id, request));
  });

  app.delete<{ Params: { id: string; keyId: string } }>('/api/v1/workspaces/:id/api-keys/:keyId', async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const row = await revokeApiKey(deps.db, request.params.id, parseKeyId(request.params.keyId));
    deps.auth.forgetApiKey(row.id);
    return toApiKeyResource(row);
  });
}
