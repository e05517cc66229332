import type { Db } from '../db/index.ts';
import type { OutgoingBatch, SendOutcome } from './destination-types/destination-type.ts';
import { disableDestination, releaseDeliveries, type Settlement } from './delivery-queue.ts';
import type { PreparedDelivery } from './delivery-payloads.ts';
import { nextAttemptAt } from './retry-policy.ts';
import type { SettleBatcher } from './settle-batcher.ts';

/**
 * What a destination's client does with one request (destination-types/destination-type.ts):
 * render it, send it, say how it went. It resolves (never rejects) and stops early when `signal`
 * aborts, answering `retry` with a null status.
 */
export type Transmit = (batch: OutgoingBatch, signal: AbortSignal) => Promise<SendOutcome>;

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
 * Sends one claimed request (a delivery, or a batch) to a destination and settles its rows:
 * delivered, retried later (one delay for the request's rows), failed, or dead past its deadline.
 * Rows whose preparing failed or was dropped by a transformation are settled without a request.
 * A batch whose events are over the type's `maxBytes` goes as several sends, in order, each
 * settling its own rows. A send cut short by the worker's stop gives its rows back untried.
 * Without a client (the destination was deleted under the lane) the rows are retried.
 */
export async function sendAndSettle(
  destination: { readonly id: string },
  prepared: readonly PreparedDelivery[],
  transmit: Transmit | undefined,
  maxBytes: number,
  options: SendAndSettleOptions,
): Promise<void> {
  const { db, workerId, settler, stopping } = options;
  const settlements: Settlement[] = [];
  const parts: Part[] = [];
  let current: Part | undefined;
  for (const item of prepared) {
    if (item.kind === 'failed') {
      settlements.push({ id: item.row.id, status: 'failed', attempt: { statusCode: null, latencyMs: item.durationMs, error: item.error } });
    } else if (item.kind === 'dropped') {
      settlements.push({ id: item.row.id, status: 'dropped', attempt: { statusCode: null, latencyMs: item.durationMs, error: item.note } });
    } else {
      const bytes = item.events.reduce((sum, event) => sum + JSON.stringify(event).length, 0);
      if (!current || (current.rows.length > 0 && current.bytes + bytes > maxBytes)) parts.push((current = { rows: [], events: [], bytes: 0 }));
      current.rows.push({ id: item.row.id, attemptCount: item.row.attempt_count, deadline: item.row.deadline_at });
      current.events.push(...item.events);
      current.bytes += bytes;
    }
  }
  if (parts.length === 0) options.answered();
  const first = prepared[0]?.row;
  const requestId = first ? (first.batch_id ?? first.id) : '';
  for (const [index, part] of parts.entries()) {
    const started = performance.now();
    // The first part keeps the request's id (a webhook's `webhook-id`); later parts of a split batch
    // get ids of their own, the same on every retry while the batch splits the same way.
    const batch = { events: part.events, requestId: index === 0 ? requestId : `${requestId}-${index}` };
    const result = transmit ? await transmit(batch, stopping) : NO_CLIENT;
    const durationMs = performance.now() - started;
    if (index === parts.length - 1) options.answered();
    if (stopping.aborted && result.statusCode === null && result.verdict !== 'delivered') {
      await releaseDeliveries(db, workerId, parts.slice(index).flatMap((rest) => rest.rows.map((row) => row.id)), Date.now());
      if (index < parts.length - 1) options.answered();
      break;
    }
    const sent = settleSent(part.rows, result, options.retryBaseMs);
    settlements.push(...sent);
    options.onAttempt?.(
      sent.map(({ status }) => (status === 'pending' ? 'retry' : (status as AttemptOutcome))),
      durationMs,
    );
    if (result.verdict === 'gone') {
      await disableDestination(db, destination.id, `the receiver answered ${result.statusCode === null ? 'that the destination is gone' : `${result.statusCode} Gone`} at ${new Date().toISOString()}`, Date.now());
      options.onGone();
      // The rest of a split batch waits, untried, for the destination to be enabled again.
      const rest = parts.slice(index + 1).flatMap((later) => later.rows.map((row) => row.id));
      if (rest.length > 0) {
        await releaseDeliveries(db, workerId, rest, Date.now());
        options.answered();
      }
      break;
    }
  }
  await settler.settle(settlements);
}

/** The answer when the lane has no client to send with: retried, like a lost connection. */
const NO_CLIENT: SendOutcome = { verdict: 'retry', statusCode: null, latencyMs: 0, error: 'the destination was not open in this worker', retryAfterMs: null };

/** A claimed request's sendable rows that go out in one send. */
type Part = { rows: Sendable[]; events: Record<string, unknown>[]; bytes: number };

/** A request's worth of sent deliveries, with what settling needs to know of each. */
type Sendable = { id: string; attemptCount: number; deadline: number };

function settleSent(sent: readonly Sendable[], result: SendOutcome, baseMs: number): Settlement[] {
  const { verdict } = result;
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
