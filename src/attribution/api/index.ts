import type { FastifyInstance } from 'fastify';
import { registerAdminScope, type AdminScopeDeps } from './admin-scope.ts';
import { registerCollaboratorRoutes } from './collaborator-routes.ts';
import { registerCouponRoutes } from './coupon-routes.ts';
import { registerLedgerRoutes } from './ledger-routes.ts';
import { registerProgramGroupRoutes } from './program-group-routes.ts';
import { registerProgramRoutes } from './program-routes.ts';
import { registerReviewRoutes, type ActionRunner } from './conversion-review.ts';
import { registerSirenRoutes } from './siren-routes.ts';

export type { PayoutRow, PayoutStatus, PayoutTable } from './tables.ts';
export { pathId, registerAdminScope, workspaceOf, type AdminScopeDeps } from './admin-scope.ts';
export { reviewConversion, type ActionRunner } from './conversion-review.ts';
export { authenticateSirenScope, SIREN_PREFIX } from './siren-routes.ts';
export { SIREN_VOCABULARY, storedStatuses, toSirenStatus, type SirenCollection } from './siren-vocabulary.ts';

/** What the attribution admin API needs: the database, credentials, and the engine reviews run through. */
export interface AttributionApiDeps extends AdminScopeDeps {
  /** The AttributionEngine, so its listeners see every review. */
  readonly engine: ActionRunner;
}

/**
 * The attribution model's admin API under `/api/v1/workspaces/{id}` (programs, collaborators and
 * their referral codes, program groups, coupons, the ledger, conversion review) and Siren's readers and API keys
 * under `/siren/v1`. Reviews run through `engine` (the AttributionEngine), so its listeners see them.
 */
export function registerAttributionApi(app: FastifyInstance, deps: AttributionApiDeps): void {
  registerAdminScope(app, deps, (scope) => {
    registerProgramRoutes(scope, deps);
    registerProgramGroupRoutes(scope, deps);
    registerCollaboratorRoutes(scope, deps);
    registerCouponRoutes(scope, deps);
    registerLedgerRoutes(scope, deps);
    registerReviewRoutes(scope, deps, deps.engine);
  });
  registerSirenRoutes(app, deps);
}
