import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { describeRoute, json, SECURITY, workspaceParams } from '../openapi/index.ts';
import { retentionSettingsBody, retentionSettingsSchema } from './api-schemas.ts';
import { readRetention, readRetentionInput, writeRetention, type RetentionSettings } from './settings.ts';

interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  /** The settings of a workspace that never chose. */
  readonly defaults: RetentionSettings;
  readonly now: () => number;
  /** Settings changed: prune by them now rather than at the next round. */
  readonly onChanged: () => void;
}

/** `GET|PUT /api/v1/workspaces/{id}/retention-settings` (admin), beside `…/attribution-settings`. */
export function registerRetentionRoutes(app: FastifyInstance, deps: Deps): void {
  const path = '/api/v1/workspaces/:id/retention-settings';
  app.get<{ Params: { id: string } }>(path, describeRoute({
    operationId: 'getRetentionSettings',
    summary: "Get a workspace's retention settings",
    description: 'How long the workspace keeps each kind of data, in days (null: for ever). Money records and the domain-event log are never pruned.',
    tags: ['Operations'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams(),
    response: { 200: json('The retention settings.', retentionSettingsSchema) },
  }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    return readRetention(deps.db.kysely, request.params.id, deps.defaults);
  });
  app.put<{ Params: { id: string } }>(path, describeRoute({
    operationId: 'setRetentionSettings',
    summary: "Set a workspace's retention settings",
    description: 'Replaces the settings whole (every field) and wakes the pruner.',
    tags: ['Operations'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams(),
    body: retentionSettingsBody,
    response: { 200: json('The retention settings now in force.', retentionSettingsSchema) },
  }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    const input = readRetentionInput(request.body ?? {});
    await writeRetention(deps.db.kysely, request.params.id, input, deps.now());
    deps.onChanged();
    return readRetention(deps.db.kysely, request.params.id, deps.defaults);
  });
}
