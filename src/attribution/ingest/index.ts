import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../../auth/index.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import type { InboxWriter, ProcessingWaiters } from '../../inbox/index.ts';
import { registerBindingRoutes } from '../bindings/binding-routes.ts';
import type { AttributionEngine } from '../engine.ts';
import { registerDomainEventLogRoutes } from './domain-event-log-routes.ts';
import { registerDomainEventRoutes } from './event-routes.ts';
import { registerSettingsRoutes } from './settings.ts';

export { attributionStage } from './attribution-stage.ts';
export { readSettings, type AttributionSettings } from './settings.ts';

/** What the domain-event surface needs: the inbox `/event/{slug}` appends to, and the engine's registry. */
export interface AttributionIngestDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly config: Config;
  readonly inbox: InboxWriter;
  readonly waiters: ProcessingWaiters;
  readonly engine: AttributionEngine;
}

/** `/event/{slug}` (and under `/siren/v1`), the domain-event log, attribution settings and event bindings. */
export async function registerAttributionIngest(app: FastifyInstance, deps: AttributionIngestDeps): Promise<void> {
  await registerDomainEventRoutes(app, deps, deps.engine);
  registerDomainEventLogRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerBindingRoutes(app, deps, deps.engine);
}
