import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { registerDeliveryRoutes } from './delivery-routes.ts';
import { registerDestinationRoutes } from './destination-routes.ts';
import { registerRuleRoutes } from './rule-routes.ts';

/** Destinations, forwarding rules and deliveries under `/api/v1/workspaces/{id}`. */
export function registerForwardRoutes(app: FastifyInstance, context: AppContext): void {
  registerDestinationRoutes(app, context);
  registerRuleRoutes(app, context);
  registerDeliveryRoutes(app, context);
}
