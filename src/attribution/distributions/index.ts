import type { FastifyInstance } from 'fastify';
import type { DialectCapabilities } from '../../db/index.ts';
import { registerAdminScope } from '../api/admin-scope.ts';
import type { ActionRunner, AdminScopeDeps } from '../api/index.ts';
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

/** What the distribution routes need: the admin credential check's deps and the engine runs go through. */
export interface DistributionDeps extends AdminScopeDeps {
  readonly engine: ActionRunner;
}

/** Distribution admin routes (issue 6), with the attribution admin credential. */
export function registerDistributionApi(app: FastifyInstance, deps: DistributionDeps): void {
  registerAdminScope(app, deps, (scope) => registerDistributionRoutes(scope, deps, deps.engine));
}
