import type { DomainBus } from '../bus/index.ts';
import { SubscriptionCache } from './subscription-cache.ts';
import { registerWebhookOutbox, type WebhookOutboxOptions } from './webhook-outbox.ts';

/**
 * Siren webhook subscriptions in one process: the subscription cache that the routes (and a
 * receiver's 410) invalidate, and the bus listeners that queue deliveries. Built once by the
 * runtime, after the engine; the listeners live as long as the engine's bus.
 */
export class SirenWebhooks {
  readonly subscriptions = new SubscriptionCache();

  constructor(bus: DomainBus, options: WebhookOutboxOptions) {
    registerWebhookOutbox(bus, this.subscriptions, options);
  }
}
