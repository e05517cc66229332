import type { Db } from '../db/index.ts';
import { disableDestination, releaseDeliveries, type Settlement } from './delivery-queue.ts';
import type { PreparedDelivery } from './delivery-payloads.ts';
import { nextAttemptAt, verdictFor } from './retry-policy.ts';
import type { SettleBatcher } from './settle-batcher.ts';

/** One request to a destination: the events it carries, in order, and its idempotency id. */
export interface OutgoingRequest {
  readonly events: readonly Record<string, unknown>[];
  /** The same on every retry of these rows: the batch's id, or the row's own (a webhook's `webhook-id`). */
  readonly requestId: string;
}

/**
 * How a request went, whatever carried it: `statusCode` in HTTP's terms (null when no answer came),
 * which retry-policy.ts judges; `refused` when retrying cannot help (the SSRF guard said no).
 */
export interface TransmitResult {
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  /** The receiver asked to wait this long (ms) before the next attempt. */
  readonly retryAfterMs: number | null;
  readonly refused: boolean;
}

/**
 * What a destination type does with one request: render it, send it, say how it went. The
 * webhook type is webhook-transport.ts; other types plug in here. It must resolve (never throw)
 * and stop early when `signal` aborts, answering with a null `statusCode`.
 */
export type Transmit = (request: OutgoingRequest, signal: AbortSignal) => Promise<TransmitResult>;

export interface SendAndSettleOptions {
  readonly db: Db;
  readonly workerId: string;
  readonly settler: SettleBatcher;
  /** Aborts when the worker stops: a request cut short goes back to the queue untried. */
  readonly stopping: AbortSignal;
  readonly retryBaseMs: number;
  /** Runs once the request has ended (answered, failed, or nothing to send): its slot is free. */
  readonly answered: () => void;
  /** The receiver said the destination is gone (410); it is disabled in the database already. */
  readonly onGone: () => void;
  /** Once per request sent: each of its rows' outcomes, and how long the request took (for metrics). */
  readonly onAttempt?: (outcomes: AttemptOutcome[], durationMs: number) => void;
}

/** What became of one sent row: delivered, to be retried, failed for good, or dead past its deadline. */
export type AttemptOutcome = 'delivered' | 'retry' | 'failed' | 'dead';

/**
 * Sends one request (a delivery, or a batch) to a destination and settles its rows: delivered,
 * retried later (one delay for the request's rows), failed, or dead past its deadline. Rows whose
 * preparing failed or was dropped by a transformation are settled without a request. A request
 * cut short by the worker's stop gives its rows back untried.
 */
export async function sendAndSettle(
  destination: { readonly id: string },
  prepared: readonly PreparedDelivery[],
  transmit: Transmit,
  options: SendAndSettleOptions,
): Promise<void> {
  const { db, workerId, settler, stopping } = options;
  const settlements: Settlement[] = [];
  const sendable: Sendable[] = [];
  const events: Record<string, unknown>[] = [];
  for (const item of prepared) {
    if (item.kind === 'failed') {
      settlements.push({ id: item.row.id, status: 'failed', attempt: { statusCode: null, latencyMs: item.durationMs, error: item.error } });
    } else if (item.kind === 'dropped') {
      settlements.push({ id: item.row.id, status: 'dropped', attempt: { statusCode: null, latencyMs: item.durationMs, error: item.note } });
    } else {
      sendable.push({ id: item.row.id, attemptCount: item.row.attempt_count, deadline: item.row.deadline_at });
      events.push(...item.events);
    }
  }
  if (sendable.length > 0) {
    const first = prepared[0]!.row;
    const started = performance.now();
    const result = await transmit({ events, requestId: first.batch_id ?? first.id }, stopping);
    const durationMs = performance.now() - started;
    options.answered();
    if (stopping.aborted && result.statusCode === null) {
      await releaseDeliveries(db, workerId, sendable.map((item) => item.id), Date.now());
      await settler.settle(settlements);
      return;
    }
    const sent = settleSent(sendable, result, options.retryBaseMs);
    settlements.push(...sent);
    options.onAttempt?.(
      sent.map(({ status }) => (status === 'pending' ? 'retry' : (status as AttemptOutcome))),
      durationMs,
    );
    if (verdictFor(result) === 'gone') {
      await disableDestination(db, destination.id, `the receiver answered 410 Gone at ${new Date().toISOString()}`, Date.now());
      options.onGone();
    }
  }
  await settler.settle(settlements);
}

/** A request's worth of sent deliveries, with what settling needs to know of each. */
type Sendable = { id: string; attemptCount: number; deadline: number };

function settleSent(sent: readonly Sendable[], result: TransmitResult, baseMs: number): Settlement[] {
  const verdict = verdictFor(result);
  const attempt = { statusCode: result.statusCode, latencyMs: result.latencyMs, error: result.error };
  const now = Date.now();
  // Rows of one request retry together: one delay for all (from the most-tried row), each row
  // then judged against its own deadline.
  const attemptNumber = Math.max(...sent.map((row) => row.attemptCount)) + 1;
  const retryAt = nextAttemptAt(attemptNumber, now, Infinity, { baseMs, retryAfterMs: result.retryAfterMs })!;
  return sent.map(({ id, deadline }): Settlement => {
    if (verdict === 'delivered') return { id, status: 'delivered', attempt };
    if (verdict !== 'retry') return { id, status: 'failed', attempt };
    return retryAt > deadline ? { id, status: 'dead', attempt } : { id, status: 'pending', retryAt, attempt };
  });
}
