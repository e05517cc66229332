import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { registerRegulationRoutes } from './regulation-routes.ts';
import type { SuppressionCache } from './suppression-cache.ts';
import type { Clock } from '../lib/clock.ts';

export { ERASED } from './attribution-scrub.ts';
export { IdentitySet, messageIdentity, type MessageIdentity } from './identities.ts';
export { RegulationRunner } from './regulation-runner.ts';
export { SuppressionCache } from './suppression-cache.ts';

/** What the regulation API needs. */
export interface RegulationDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly suppressions: SuppressionCache;
  /** Stamps regulations (lib/clock.ts). */
  readonly clock: Clock;
  /** Wakes the runner when a delete is recorded (nothing when this process runs no workers). */
  readonly onCreated: () => void;
}

/** `POST/GET /api/v1/workspaces/{id}/regulations`: erasing and suppressing a person. */
export function registerRegulationApi(app: FastifyInstance, deps: RegulationDeps): void {
  registerRegulationRoutes(app, deps);
}
