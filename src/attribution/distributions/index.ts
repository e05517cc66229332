import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { DialectCapabilities } from '../../db/index.ts';
import { registerAdminScope } from '../api/admin-scope.ts';
import type { FactoryRegistry } from '../factories/registry.ts';
import { registerDistributionRoutes } from './distribution-routes.ts';
import { metricFactory } from './metric-factory.ts';

export type { AllocationRow, DistributionPeriod, DistributionRow, DistributionRunRow } from './tables.ts';
export { allocatePool, type Allocation, type Share } from './allocate.ts';
export { normalizeDecimal, sumDecimals } from './decimal.ts';
export { lastClosedPeriod, periodEnd, periodStart } from './periods.ts';
export { DistributionScheduler, runHeartbeat } from './heartbeat.ts';
export { outcomeResource } from './resources.ts';

/** Adds the `metric` slug to the engine's factory registry; `dialect` says how it locks (see closed-periods.ts). */
export function registerDistributionFactories(registry: FactoryRegistry, dialect: DialectCapabilities): void {
  registry.addFactory(metricFactory(dialect));
}

/** Distribution admin routes (issue 6), with the attribution admin credential. */
export function registerDistributionApi(app: FastifyInstance, context: AppContext): void {
  registerAdminScope(app, context, (scope) => registerDistributionRoutes(scope, context, context.attribution));
}
