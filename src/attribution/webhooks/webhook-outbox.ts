import type { DialectCapabilities } from '../../db/index.ts';
import { queueDeliveries } from '../../forward/index.ts';
import { newId } from '../../lib/ids.ts';
import type { DomainBus, DomainEventName, ListenerContext } from '../bus/index.ts';
import { mappedDomainEvents, type SirenEventType } from './event-types.ts';
import { subscribes, type SubscriptionCache } from './subscription-cache.ts';

/** The body a Siren receiver gets; `deliveryId` is the outbox row's id, the same on every retry. */
export interface SirenDeliveryBody {
  readonly type: SirenEventType;
  readonly data: unknown;
  readonly deliveryId: string;
}

export interface WebhookOutboxOptions {
  readonly dialect: DialectCapabilities;
  readonly retryBudgetMs: number;
}

/**
 * Runs after every other listener of the event: a listener that refuses the flow throws first,
 * and then nothing is queued (the transaction rolls back either way).
 */
const LAST = Number.MAX_SAFE_INTEGER;

/**
 * Queues Siren webhooks: one listener per mapped domain event writes an outbox row (a forwarding
 * delivery with its body rendered) for each active subscription of the workspace that wants the
 * type, in the flow's own transaction, so an event is announced exactly when its flow commits.
 * Forwarding's workers send the rows (retries, dead letters, replay, SSRF guard at connect time).
 * Returns a function that removes the listeners.
 */
export function registerWebhookOutbox(bus: DomainBus, cache: SubscriptionCache, options: WebhookOutboxOptions): () => void {
  // Read-only: `queue` renders the payload into the delivery body before it returns.
  const removers = mappedDomainEvents().map(([name, type]) =>
    bus.on(name, (payload: unknown, context: ListenerContext) => queue(cache, options, name, type, payload, context), { order: LAST, readOnly: true }),
  );
  return () => {
    for (const remove of removers) remove();
  };
}

async function queue(
  cache: SubscriptionCache,
  options: WebhookOutboxOptions,
  name: DomainEventName,
  type: SirenEventType,
  data: unknown,
  { trx, workspaceId, inboundEventId, now }: ListenerContext,
): Promise<void> {
  const subscriptions = (await cache.activeFor(trx, workspaceId, now)).filter((subscription) => subscribes(subscription, type));
  if (subscriptions.length === 0) return;
  const deliveries = subscriptions.map((subscription) => {
    const id = newId();
    const body: SirenDeliveryBody = { type, data, deliveryId: id };
    return {
      id,
      workspaceId,
      destinationId: subscription.destinationId,
      // Forwarding lists deliveries by rule; a Siren delivery names its subscription and domain event there.
      ruleId: `siren_webhook:${subscription.id}:${name}`,
      eventId: inboundEventId,
      payload: JSON.stringify(body),
    };
  });
  await queueDeliveries(trx, options.dialect, deliveries, { now, retryBudgetMs: options.retryBudgetMs });
}
