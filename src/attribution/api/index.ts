import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { registerAdminScope } from './admin-scope.ts';
import { registerCollaboratorRoutes } from './collaborator-routes.ts';
import { registerCouponRoutes } from './coupon-routes.ts';
import { registerLedgerRoutes } from './ledger-routes.ts';
import { registerProgramGroupRoutes } from './program-group-routes.ts';
import { registerProgramRoutes } from './program-routes.ts';
import { registerReviewRoutes, type ActionRunner } from './conversion-review.ts';
import { registerSirenRoutes } from './siren-routes.ts';

export type { PayoutRow, PayoutStatus, PayoutTable } from './tables.ts';
export { reviewConversion, type ActionRunner } from './conversion-review.ts';
export { authenticateSirenScope, SIREN_PREFIX } from './siren-routes.ts';
export { SIREN_VOCABULARY, storedStatuses, toSirenStatus, type SirenCollection } from './siren-vocabulary.ts';

/**
 * The attribution model's admin API under `/api/v1/workspaces/{id}` (programs, collaborators and
 * their referral codes, program groups, coupons, the ledger, conversion review) and Siren's readers and API keys
 * under `/siren/v1`. Reviews run through `engine` (the AttributionEngine), so its listeners see them.
 */
export function registerAttributionApi(app: FastifyInstance, context: AppContext, options: { engine: ActionRunner }): void {
  registerAdminScope(app, context, (scope) => {
    registerProgramRoutes(scope, context);
    registerProgramGroupRoutes(scope, context);
    registerCollaboratorRoutes(scope, context);
    registerCouponRoutes(scope, context);
    registerLedgerRoutes(scope, context);
    registerReviewRoutes(scope, context, options.engine);
  });
  registerSirenRoutes(app, context);
}
