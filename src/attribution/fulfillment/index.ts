import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { registerAdminScope } from '../api/admin-scope.ts';
import type { ActionRunner } from '../api/index.ts';
import { registerFulfillmentRoutes } from './fulfillment-routes.ts';
import { registerManualAttributionRoutes } from './manual-attribution-routes.ts';

export type { FulfillmentRow, FulfillmentStatus, FulfillmentTable, PayoutItemRow, PayoutItemTable } from './tables.ts';
export { runFulfillment, type FulfillmentRequest } from './fulfillment-run.ts';
export { markPayoutFailed, markPayoutPaid } from './payout-settlement.ts';
export { formatMajorUnits, payoutCsv } from './payout-csv.ts';

/**
 * Fulfillment runs, payouts and manual attribution (issue 6) under `/api/v1/workspaces/{id}`, with
 * the same admin credential as the rest of the attribution admin API. Writes run through `engine`
 * (the AttributionEngine), so every listener sees their domain events.
 */
export function registerFulfillmentApi(app: FastifyInstance, context: AppContext, options: { engine: ActionRunner }): void {
  registerAdminScope(app, context, (scope) => {
    registerFulfillmentRoutes(scope, context, options.engine);
    registerManualAttributionRoutes(scope, context, options.engine);
  });
}
