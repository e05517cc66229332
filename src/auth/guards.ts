import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.ts';
import type { Authenticator } from './authenticator.ts';
import type { Principal } from './principal.ts';
import { hasScope, type Scope } from './scopes.ts';

const unauthorized = (message = 'A valid credential is required.') =>
  new AppError('unauthorized', message, { headers: { 'www-authenticate': 'Bearer' } });

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

async function principalOf(auth: Authenticator, request: FastifyRequest): Promise<Principal> {
  const token = bearerToken(request);
  if (!token) throw unauthorized();
  const principal = await auth.bearer(token);
  if (!principal) throw unauthorized('The credential is unknown, expired or revoked.');
  return principal;
}

export async function requireOperator(auth: Authenticator, request: FastifyRequest): Promise<void> {
  const principal = await principalOf(auth, request);
  if (principal.kind !== 'operator') throw new AppError('forbidden', 'This call needs the operator token.');
}

/**
 * The operator, or an API key of this workspace with the scope. A key of another workspace gets
 * 404, as if the workspace did not exist: it must not learn which workspaces exist.
 */
export async function requireWorkspaceAccess(
  auth: Authenticator,
  request: FastifyRequest,
  workspaceId: string,
  scope: Scope,
): Promise<Principal> {
  const principal = await principalOf(auth, request);
  if (principal.kind === 'operator') return principal;
  if (principal.workspaceId !== workspaceId) throw AppError.notFound('Workspace');
  if (principal.kind === 'write_key') throw new AppError('forbidden', 'A write key can only send events.');
  if (!hasScope(principal.scopes, scope)) throw new AppError('forbidden', `This API key lacks the ${scope} scope.`);
  return principal;
}

/**
 * For the client-events API, where the key names the workspace: an API key with the scope, a write
 * key (send only), or the operator with an explicit `workspace_id`.
 */
export async function requireEventsApiKey(
  auth: Authenticator,
  request: FastifyRequest,
  scope: Scope,
): Promise<{ principal: Principal; workspaceId: string }> {
  const principal = await principalOf(auth, request);
  if (principal.kind === 'operator') {
    const workspaceId = (request.query as Record<string, unknown> | undefined)?.workspace_id;
    if (typeof workspaceId !== 'string' || workspaceId === '') {
      throw AppError.validation([{ field: 'workspace_id', message: 'is required with the operator token' }]);
    }
    return { principal, workspaceId };
  }
  if (principal.kind === 'write_key') {
    if (scope !== 'events:write') throw new AppError('forbidden', 'A write key can only send events.');
    return { principal, workspaceId: principal.workspaceId };
  }
  if (!hasScope(principal.scopes, scope)) throw new AppError('forbidden', `This API key lacks the ${scope} scope.`);
  return { principal, workspaceId: principal.workspaceId };
}

export function credentialId(principal: Principal): string | null {
  if (principal.kind === 'operator') return 'operator';
  return principal.kind === 'api_key' ? `api_key:${principal.keyId}` : `write_key:${principal.keyId}`;
}
