import type { DomainBus } from '../bus/index.ts';
import { SubscriptionCache } from './subscription-cache.ts';
import { registerWebhookOutbox } from './webhook-outbox.ts';

/**
 * Siren webhook subscriptions in one process: the subscription cache that the routes invalidate
 * and the bus listeners that queue deliveries. Built once by the runtime, after the engine.
 */
export class SirenWebhooks {
  readonly subscriptions = new SubscriptionCache();
  private readonly detach: () => void;

  constructor(bus: DomainBus, options: { retryBudgetMs: number }) {
    this.detach = registerWebhookOutbox(bus, this.subscriptions, options);
  }

  /** Removes the bus listeners (a runtime that closes; tests that build several on one bus). */
  close(): void {
    this.detach();
  }
}
