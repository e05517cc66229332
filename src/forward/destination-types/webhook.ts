import { sampleEvent } from './canonical-event.ts';
import type { DestinationType, OpenContext } from './destination-type.ts';
import { classifyHttpAnswer } from './http-answer.ts';

export interface WebhookConfig {
  url: string;
  headers?: Record<string, string>;
}

/**
 * Standard Webhooks, as forwarding always sent them: one event per request when the destination's
 * `batch_size` is 1 (a JSON object), otherwise (or when a transformation fanned one event out) a
 * JSON array; signed with the destination's secret (rotated with an overlap), the request id as
 * `webhook-id`. Its config lives in the destination's `url` and `headers` columns (migration 0005),
 * so webhook destinations read and write exactly as before types existed.
 */
export const webhookType: DestinationType<WebhookConfig> = {
  id: 'webhook',
  title: 'Webhook',
  description: 'Signed HTTP POSTs (Standard Webhooks) of each event or batch to your URL.',
  transport: 'http',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['url'],
    properties: {
      url: { type: 'string', minLength: 1, maxLength: 2048, title: 'URL', description: 'Where events are POSTed.' },
      headers: {
        type: 'object',
        title: 'Headers',
        description: 'Extra request headers; values under secret-looking names are masked on read.',
        additionalProperties: { type: 'string' },
      },
    },
  },
  urlFields: ['url'],
  // 500 events per request was the batch_size bound before types; 5 MB keeps a batch of large
  // events within what common receivers accept.
  limits: { maxEvents: 500, maxBytes: 5_000_000, maxWaitMs: 0, rateLimit: null },
  open(config, context) {
    const post = (events: readonly Record<string, unknown>[], requestId: string, signal: AbortSignal, keepBody: boolean) =>
      postSigned(config, context, events, requestId, signal, keepBody);
    return {
      send: async (batch, signal) => classifyHttpAnswer(await post(batch.events, batch.requestId, signal, false)),
      test: async (signal) => {
        const id = `test-${crypto.randomUUID()}`;
        return classifyHttpAnswer(await post([sampleEvent(Date.now(), id)], id, signal, true));
      },
    };
  },
};

function postSigned(
  config: WebhookConfig,
  context: OpenContext,
  events: readonly Record<string, unknown>[],
  requestId: string,
  signal: AbortSignal,
  keepBody: boolean,
) {
  const body = JSON.stringify(context.destination.batchSize === 1 && events.length === 1 ? events[0] : events);
  const headers = { ...config.headers, ...context.sign(requestId, body, Date.now()) };
  return context.http.post(config.url, headers, body, signal, { keepBody });
}
