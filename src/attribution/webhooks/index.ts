export { SirenWebhooks } from './siren-webhooks.ts';
export { registerSirenWebhookRoutes } from './webhook-routes.ts';
export { SIREN_EVENT_TYPES, SIREN_TYPE_OF, type SirenEventType } from './event-types.ts';
export type { SirenDeliveryBody } from './webhook-outbox.ts';
export type { SirenSubscription } from './subscriptions.ts';
export type { SirenWebhookRow } from './tables.ts';
