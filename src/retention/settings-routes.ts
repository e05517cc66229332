import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
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
  app.get<{ Params: { id: string } }>(path, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    return readRetention(deps.db.kysely, request.params.id, deps.defaults);
  });
  app.put<{ Params: { id: string } }>(path, async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    const input = readRetentionInput(request.body ?? {});
    await writeRetention(deps.db.kysely, request.params.id, input, deps.now());
    deps.onChanged();
    return readRetention(deps.db.kysely, request.params.id, deps.defaults);
  });
}
