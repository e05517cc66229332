export { Authenticator } from './authenticator.ts';
export { bootstrap, type BootstrapResult } from './bootstrap.ts';
export type { Principal } from './principal.ts';
export { SCOPES, hasScope, isScope, type Scope } from './scopes.ts';
export { registerAdminRoutes, createApiKeyBody, createKeyFromRequest, type AuthDeps } from './routes/index.ts';
export { listApiKeys, revokeApiKey, type ApiKeyResource, toApiKeyResource } from './api-keys.ts';
export { requireWorkspaceAccess, requireOperator, bearerToken, requireEventsApiKey } from './guards.ts';
export { assertWorkspaceExists } from './workspaces.ts';
