import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { registerDeliveryRoutes } from './delivery-routes.ts';
import { registerDestinationRoutes } from './destination-routes.ts';
import type { ForwardServices } from './forward-services.ts';
import { registerRuleRoutes } from './rule-routes.ts';

export { ForwardServices } from './forward-services.ts';
export { serverKeyMaterial, type SecretBox } from './secret-box.ts';
export { createForwardingStage } from './forwarding-stage.ts';
export { createDestination, deleteDestination } from './destinations.ts';
export { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker.ts';
export { checkDestinationUrl, checkUrlShape, refusalForAddress, UrlRefused } from './ssrf-guard.ts';
export { generateSigningSecret, signatureHeaders } from './webhook-signature.ts';
export type { DeliveryStatus, DestinationRow, ForwardingRuleRow, DeliveryRow, DeliveryTable, SignatureScheme } from './tables.ts';
export { queueDeliveries, type NewDelivery } from './outbox-insert.ts';

/** What forwarding's routes need: the rule cache and queued signal live in `forward`. */
export interface ForwardDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly config: Config;
  readonly forward: ForwardServices;
}

/** Destinations, forwarding rules and deliveries under `/api/v1/workspaces/{id}`. */
export function registerForwardRoutes(app: FastifyInstance, deps: ForwardDeps): void {
  registerDestinationRoutes(app, deps);
  registerRuleRoutes(app, deps);
  registerDeliveryRoutes(app, deps);
}
