import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.ts';
import type { Authenticator } from '../authenticator.ts';
import { registerApiKeyRoutes } from './api-keys.ts';
import { registerWorkspaceRoutes } from './workspaces.ts';
import { registerWriteKeyRoutes } from './write-keys.ts';

export { createKeyFromRequest } from './api-keys.ts';
export { createApiKeyBody } from './api-schemas.ts';

/** What the admin API needs: the database and the authenticator (whose caches key changes clear). */
export interface AuthDeps {
  readonly db: Db;
  readonly auth: Authenticator;
}

/** The operator and workspace-admin API: workspaces, API keys, write keys. */
export function registerAdminRoutes(app: FastifyInstance, deps: AuthDeps): void {
  registerWorkspaceRoutes(app, deps);
  registerApiKeyRoutes(app, deps);
  registerWriteKeyRoutes(app, deps);
}
