import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { registerBindingRoutes } from '../bindings/binding-routes.ts';
import type { AttributionEngine } from '../engine.ts';
import { registerDomainEventLogRoutes } from './domain-event-log-routes.ts';
import { registerDomainEventRoutes } from './event-routes.ts';
import { registerSettingsRoutes } from './settings.ts';

export { attributionStage } from './attribution-stage.ts';

/** `/event/{slug}` (and under `/siren/v1`), the domain-event log, attribution settings and event bindings. */
export async function registerAttributionIngest(app: FastifyInstance, context: AppContext, engine: AttributionEngine): Promise<void> {
  await registerDomainEventRoutes(app, context, engine);
  registerDomainEventLogRoutes(app, context);
  registerSettingsRoutes(app, context);
  registerBindingRoutes(app, context, engine);
}
