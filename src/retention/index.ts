import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { registerRetentionRoutes } from './settings-routes.ts';
import type { RetentionSettings } from './settings.ts';

export { prune, type PruneOptions, type WorkspacePrune } from './prune.ts';
export { PRUNED_TABLES, type PrunedTable, type TableCounts } from './prune-targets.ts';
export { RetentionWorker } from './retention-worker.ts';
export { defaultRetention, type RetentionSettings } from './settings.ts';

/** What the retention settings API needs. */
export interface RetentionDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly defaults: RetentionSettings;
  readonly now: () => number;
  readonly onChanged: () => void;
}

/** Per-workspace retention settings (the pruning itself is RetentionWorker, and `tributary prune`). */
export function registerRetentionApi(app: FastifyInstance, deps: RetentionDeps): void {
  registerRetentionRoutes(app, deps);
}
