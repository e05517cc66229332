import type { OpenedDestination } from './destinations.ts';
import type { Transmit } from './send-and-settle.ts';
import type { DestinationRow } from './tables.ts';
import type { WebhookSender } from './webhook-sender.ts';

/**
 * The webhook destination type: one event per request when the destination asks for it
 * (batch_size 1), otherwise (or when a transformation fanned one event out) a JSON array; signed
 * in the destination's scheme, with the request id as `webhook-id`, and POSTed through the
 * SSRF-guarded sender.
 */
export function webhookTransport(destination: DestinationRow, opened: OpenedDestination, sender: WebhookSender): Transmit {
  return ({ events, requestId }, signal) => {
    const body = JSON.stringify(destination.batch_size === 1 && events.length === 1 ? events[0] : events);
    const headers = { ...opened.headers, ...opened.signatureHeaders(requestId, body, Date.now()) };
    return sender.post(destination.url, headers, body, signal);
  };
}
