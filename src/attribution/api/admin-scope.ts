import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../../auth/index.ts';
import { parseRowId, type Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';

/** What the scope's credential check uses: every attribution admin area's deps include these. */
export interface AdminScopeDeps {
  readonly db: Db;
  readonly auth: Authenticator;
}

export const ADMIN_PREFIX = '/api/v1/workspaces/:id';

/** The workspace id of a request under {@link ADMIN_PREFIX}. */
export function workspaceOf(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

/** A path id: anything but a positive integer within the id range names nothing, so it is a 404, not a 400. */
export function pathId(request: FastifyRequest, name: string, what: string): number {
  const id = parseRowId((request.params as Record<string, string>)[name]);
  if (id === undefined) throw AppError.notFound(what);
  return id;
}

/**
 * Registers attribution admin routes under `/api/v1/workspaces/{id}`. Every route needs the
 * operator token or an `admin` API key of that workspace, checked before the body is parsed;
 * another workspace's key gets 404, as the other admin routes answer.
 */
export function registerAdminScope(app: FastifyInstance, deps: AdminScopeDeps, register: (scope: FastifyInstance) => void): void {
  app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request) => {
        const workspaceId = workspaceOf(request);
        const principal = await requireWorkspaceAccess(deps.auth, request, workspaceId, 'admin');
        // An API key proves its workspace exists; the operator may name any id.
        if (principal.kind === 'operator') await assertWorkspaceExists(deps.db, workspaceId);
      });
      register(scope);
    },
    { prefix: ADMIN_PREFIX },
  );
}
