import type { FastifyInstance } from 'fastify';
import { registerAdminScope } from '../api/admin-scope.ts';
import type { ActionRunner, AdminScopeDeps } from '../api/index.ts';
import { registerFulfillmentRoutes } from './fulfillment-routes.ts';
import { registerManualAttributionRoutes } from './manual-attribution-routes.ts';

export type { FulfillmentRow, FulfillmentStatus, FulfillmentTable, PayoutItemRow, PayoutItemTable } from './tables.ts';
export { runFulfillment, type FulfillmentRequest } from './fulfillment-run.ts';
export { markPayoutFailed, markPayoutPaid } from './payout-settlement.ts';
export { formatMajorUnits, payoutCsv } from './payout-csv.ts';

/** What fulfillment needs: the admin credential check's deps and the engine writes run through. */
export interface FulfillmentDeps extends AdminScopeDeps {
  readonly engine: ActionRunner;
}

/**
 * Fulfillment runs, payouts and manual attribution (issue 6) under `/api/v1/workspaces/{id}`, with
 * the same admin credential as the rest of the attribution admin API. Writes run through `engine`
 * (the AttributionEngine), so every listener sees their domain events.
 */
export function registerFulfillmentApi(app: FastifyInstance, deps: FulfillmentDeps): void {
  registerAdminScope(app, deps, (scope) => {
    registerFulfillmentRoutes(scope, deps, deps.engine);
    registerManualAttributionRoutes(scope, deps, deps.engine);
  });
}
