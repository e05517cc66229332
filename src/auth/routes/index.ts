import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { registerApiKeyRoutes } from './api-keys.ts';
import { registerWorkspaceRoutes } from './workspaces.ts';
import { registerWriteKeyRoutes } from './write-keys.ts';

export { createKeyFromRequest } from './api-keys.ts';

/** The operator and workspace-admin API: workspaces, API keys, write keys. */
export function registerAdminRoutes(app: FastifyInstance, context: AppContext): void {
  registerWorkspaceRoutes(app, context);
  registerApiKeyRoutes(app, context);
  registerWriteKeyRoutes(app, context);
}
