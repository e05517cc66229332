import type { Config } from '../config.ts';
import { coerceError } from '../errors/index.ts';
import { openClient } from './destination-client.ts';
import { sampleEvent } from './destination-types/canonical-event.ts';
import type { SendOutcome } from './destination-types/destination-type.ts';
import type { DestinationTypeRegistry } from './destination-types/registry.ts';
import type { SecretBox } from './secret-box.ts';
import type { DestinationRow } from './tables.ts';
import { WebhookSender } from './webhook-sender.ts';

/** What each verdict means to someone reading a test's answer. */
const CLASSIFICATIONS = {
  delivered: 'delivered: the destination accepted the event',
  retry: 'retryable: deliveries would be retried with backoff (429, 5xx, timeout or no connection)',
  final: 'permanent failure: deliveries would fail at once with this reason (fix the config, then replay)',
  gone: 'gone: the destination says it no longer exists; deliveries would stop and the destination be disabled',
} as const;

/**
 * `POST …/destinations/{id}/test`: one sample event (or the type's own check) sent to the
 * destination now, and what it answered. It reads and writes no event or delivery and changes
 * nothing about the destination: `ok` is true only for a delivered answer, and a failed test does
 * not disable it either. The HTTP client is this call's own, closed after it.
 */
export async function testDestination(
  row: DestinationRow,
  deps: { types: DestinationTypeRegistry; secrets: SecretBox; config: Config },
) {
  const http = new WebhookSender({ allowPrivate: deps.config.forwardAllowPrivateTargets, timeoutMs: deps.config.forwardTimeoutMs });
  const signal = AbortSignal.timeout(deps.config.forwardTimeoutMs + 1000);
  let outcome: SendOutcome;
  const started = performance.now();
  try {
    const client = openClient(row, { types: deps.types, secrets: deps.secrets, http, config: deps.config });
    try {
      if (client.test) outcome = await client.test(signal);
      else {
        const id = `test-${crypto.randomUUID()}`;
        outcome = await client.send({ events: [sampleEvent(Date.now(), id)], requestId: id }, signal);
      }
    } finally {
      await client.close?.();
    }
  } catch (error) {
    // A client must resolve, never reject; one that throws is reported, never a 500.
    outcome = { verdict: 'retry', statusCode: null, latencyMs: performance.now() - started, error: coerceError(error).message, retryAfterMs: null };
  } finally {
    http.close();
  }
  return {
    ok: outcome.verdict === 'delivered',
    verdict: outcome.verdict,
    classification: CLASSIFICATIONS[outcome.verdict],
    status_code: outcome.statusCode,
    latency_ms: Math.round(outcome.latencyMs),
    response: outcome.response ?? null,
    error: outcome.error,
    retry_after_ms: outcome.retryAfterMs,
  };
}
