import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../../auth/index.ts';
import type { SubscriptionCache } from './subscription-cache.ts';
import type { SubscriptionServices } from './subscriptions.ts';
import { registerSirenWebhookRoutes } from './webhook-routes.ts';

export { SirenWebhooks } from './siren-webhooks.ts';
export { SIREN_EVENT_TYPES, SIREN_TYPE_OF, type SirenEventType } from './event-types.ts';
export type { SirenDeliveryBody } from './webhook-outbox.ts';
export type { SirenSubscription } from './subscriptions.ts';
export type { SirenWebhookRow } from './tables.ts';

/**
 * What the subscription routes need. A subscription is a forwarding destination underneath, so
 * they take forwarding's secret box and SSRF setting, not forwarding's whole service object.
 */
export interface SirenWebhookDeps extends SubscriptionServices {
  readonly auth: Authenticator;
  /** The cache the bus listeners read (`SirenWebhooks.subscriptions`); every change invalidates it. */
  readonly subscriptions: SubscriptionCache;
}

/** Siren's webhook subscriptions under `/siren/v1/webhooks`. */
export function registerSirenWebhookApi(app: FastifyInstance, deps: SirenWebhookDeps): void {
  registerSirenWebhookRoutes(app, deps);
}
