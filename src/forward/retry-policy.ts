import { backoffDelay } from '../pipeline/index.ts';
import type { SendResult } from './webhook-sender.ts';

/**
 * What an attempt's answer means, as Standard Webhooks describes it: 2xx delivered; 3xx is a
 * failure (redirects are not followed); 408 and 429 are worth retrying, other 4xx are final; 410
 * Gone also disables the destination; 5xx and network errors are retried. A refused address is
 * final: retrying cannot make it allowed.
 */
export type AttemptVerdict = 'delivered' | 'retry' | 'final' | 'gone';

export function verdictFor(result: Pick<SendResult, 'statusCode' | 'refused'>): AttemptVerdict {
  if (result.refused) return 'final';
  const status = result.statusCode;
  if (status === null) return 'retry';
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'gone';
  if (status === 408 || status === 429) return 'retry';
  if (status >= 400 && status < 500) return 'final';
  return 'retry';
}

/** Longest wait between two attempts, whatever the attempt number or `Retry-After` says. */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * When to try again after the `attempt`-th failure: exponential backoff with jitter from `baseMs`,
 * or later when the receiver asked so with `Retry-After`; undefined when that time is past the
 * deadline (the delivery becomes a dead letter).
 */
export function nextAttemptAt(
  attempt: number,
  now: number,
  deadline: number,
  options: { baseMs: number; retryAfterMs: number | null; random?: () => number },
): number | undefined {
  const backoff = backoffDelay(attempt, options.baseMs, MAX_RETRY_DELAY_MS, options.random);
  const delay = Math.max(backoff, Math.min(options.retryAfterMs ?? 0, MAX_RETRY_DELAY_MS));
  const at = now + delay;
  return at > deadline ? undefined : at;
}
