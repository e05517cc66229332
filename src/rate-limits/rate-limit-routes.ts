import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { describeRoute, json, SECURITY, workspaceParams } from '../openapi/index.ts';
import { rateLimitsBody, rateLimitsSchema } from './api-schemas.ts';
import { findWorkspaceRateLimits, readRateLimitsInput, saveWorkspaceRateLimits, toRateLimitsResource, type DefaultLimits } from './rate-limit-settings.ts';
import type { WorkspaceLimitsCache } from './workspace-limits-cache.ts';

/** What these routes use: the database, the authenticator, the defaults and the cache a change clears. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly defaults: DefaultLimits;
  readonly cache: WorkspaceLimitsCache;
  readonly now: () => number;
}

/**
 * `GET|PUT /api/v1/workspaces/{id}/settings/rate-limits`. A workspace's admin keys may read its
 * limits; only the operator changes them, since the limits protect the server from the
 * workspace's own clients (a workspace that could raise them would not be limited).
 */
export function registerRateLimitRoutes(app: FastifyInstance, deps: Deps): void {
  const path = '/api/v1/workspaces/:id/settings/rate-limits';
  app.get<{ Params: { id: string } }>(path, describeRoute({
    operationId: 'getRateLimits',
    summary: "Get a workspace's rate limits",
    description: "The limits that apply to the workspace's write keys and API keys: its own where set, the server's defaults elsewhere.",
    tags: ['Operations'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams(),
    response: { 200: json('The rate limits.', rateLimitsSchema) },
  }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    return toRateLimitsResource(await findWorkspaceRateLimits(deps.db, request.params.id), deps.defaults);
  });
  app.put<{ Params: { id: string } }>(path, describeRoute({
    operationId: 'setRateLimits',
    summary: "Set a workspace's rate limits",
    description: "Replaces both kinds of key's limits; null goes back to the server's default. The operator token only: a workspace's own keys may read the limits, not raise them.",
    tags: ['Operations'],
    security: SECURITY.operator,
    params: workspaceParams(),
    body: rateLimitsBody,
    response: { 200: json('The rate limits now in force.', rateLimitsSchema) },
  }), async (request) => {
    const principal = await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    if (principal.kind !== 'operator') throw new AppError('forbidden', 'Only the operator token changes rate limits.');
    await assertWorkspaceExists(deps.db, request.params.id);
    const input = readRateLimitsInput(request.body ?? {});
    await saveWorkspaceRateLimits(deps.db, request.params.id, input, deps.now());
    deps.cache.invalidate(request.params.id);
    return toRateLimitsResource(await findWorkspaceRateLimits(deps.db, request.params.id), deps.defaults);
  });
}
