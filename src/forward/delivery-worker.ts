import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';
import type { Transformer } from '../transform/transformer.ts';
import { claimDeliveries, disableDestination, dueDestinations, releaseDeliveries, type Settlement } from './delivery-queue.ts';
import { prepareDeliveries } from './delivery-payloads.ts';
import { readHeaders, signingSecrets } from './destinations.ts';
import { nextAttemptAt, verdictFor } from './retry-policy.ts';
import type { SecretBox } from './secret-box.ts';
import type { DeliveryRow, DestinationRow } from './tables.ts';
import { SettleBatcher } from './settle-batcher.ts';
import { signatureHeaders } from './webhook-signature.ts';
import { WebhookSender, type SendResult } from './webhook-sender.ts';

export interface DeliveryWorkerOptions {
  readonly db: Db;
  readonly config: Config;
  readonly secrets: SecretBox;
  readonly logger: Logger;
  /** Runs rules' transformations; without one, deliveries that need one fail with a clear error. */
  readonly transformer?: Transformer;
  /** A receiver's 410 disabled a destination of this workspace. */
  readonly onDestinationDisabled?: (workspaceId: string) => void;
}

/** Per-destination state in this process: its in-flight requests, its rate-limit clock, its row. */
interface Lane {
  inFlight: number;
  nextSlotAt: number;
  destination: DestinationRow | undefined;
  /** When `destination` was read; it is read again after DESTINATION_CACHE_MS. */
  readAt: number;
}

/** How stale a lane's copy of its destination (URL, headers, enabled) may be. */
const DESTINATION_CACHE_MS = 1000;

/**
 * Delivers the outbox. Each destination is a lane of its own: the poll loop starts one task for a
 * destination with due deliveries, and a task that claimed a full batch starts a sibling, up to
 * `forwardConcurrency` per destination. A slow or dead receiver ties up only its own lane's
 * tasks; the loop never waits for a request. Claims are leased rows (see delivery-queue.ts).
 */
export class DeliveryWorker {
  readonly id = `dw_${randomBytes(6).toString('hex')}`;
  private readonly lanes = new Map<string, Lane>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly sender: WebhookSender;
  private readonly settler: SettleBatcher;
  private readonly stopping = new AbortController();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private woken = false;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.settler = new SettleBatcher(options.db, this.id);
    this.sender = new WebhookSender({
      allowPrivate: options.config.forwardAllowPrivateTargets,
      timeoutMs: options.config.forwardTimeoutMs,
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops polling, aborts requests in flight (their rows go back to the queue untried) and waits. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping.abort();
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.tasks]);
    this.sender.close();
  }

  /** Deliveries were queued or replayed in this process: poll now. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    const { config, logger } = this.options;
    while (this.running) {
      this.woken = false;
      try {
        for (const destination of await dueDestinations(this.options.db, Date.now())) {
          if ((this.lanes.get(destination.id)?.inFlight ?? 0) === 0) this.spawn(destination);
        }
      } catch (error) {
        logger.error({ err: coerceError(error) }, 'delivery poll failed');
      }
      if (this.running && !this.woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, config.workerPollMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = undefined;
      }
    }
  }

  private spawn(destination: DestinationRow): void {
    const lane = this.lanes.get(destination.id) ?? { inFlight: 0, nextSlotAt: 0, destination: undefined, readAt: 0 };
    this.lanes.set(destination.id, lane);
    if (!this.running || lane.inFlight >= this.options.config.forwardConcurrency) return;
    lane.inFlight += 1;
    const task = this.drain(destination.id, lane)
      .catch((error: unknown) => this.options.logger.error({ err: coerceError(error), destinationId: destination.id }, 'delivery task failed'))
      .finally(() => {
        // The lane stays (one small entry per destination): its rate-limit clock must outlive idle spells.
        lane.inFlight -= 1;
        this.tasks.delete(task);
      });
    this.tasks.add(task);
  }

  /** One task of a lane: claim and send until nothing is due or the destination is disabled. */
  private async drain(destinationId: string, lane: Lane): Promise<void> {
    const { db, config } = this.options;
    while (this.running) {
      // Read again now and then: the user may have changed the URL, batch size or enabled flag.
      if (Date.now() - lane.readAt >= DESTINATION_CACHE_MS) {
        lane.destination = await db.kysely.selectFrom('destinations').selectAll().where('id', '=', destinationId).executeTakeFirst();
        lane.readAt = Date.now();
      }
      const destination = lane.destination;
      if (!destination || destination.enabled !== 1) return;
      await this.respectRateLimit(destination, lane);
      if (!this.running) return;
      const now = Date.now();
      const rows = await claimDeliveries(db, {
        destinationId,
        workerId: this.id,
        batchSize: destination.batch_size,
        leaseMs: config.forwardTimeoutMs + config.workerLeaseMs,
        now,
      });
      if (rows.length === 0) return;
      if (rows.length >= destination.batch_size) this.spawn(destination);
      await this.deliver(destination, rows);
    }
  }

  /** Spaces requests to at most `rate_limit` per second per destination in this process. */
  private async respectRateLimit(destination: DestinationRow, lane: Lane): Promise<void> {
    if (destination.rate_limit === null) return;
    const now = Date.now();
    const slot = Math.max(now, lane.nextSlotAt);
    lane.nextSlotAt = slot + 1000 / destination.rate_limit;
    if (slot <= now) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, slot - now);
      this.stopping.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }

  private async deliver(destination: DestinationRow, rows: DeliveryRow[]): Promise<void> {
    const { db, config, secrets } = this.options;
    const prepared = await prepareDeliveries(db, this.options.transformer, rows);
    const settlements: Settlement[] = [];
    const sendable: Array<{ id: string; attemptCount: number; deadline: number }> = [];
    const bodies: Record<string, unknown>[] = [];
    for (const item of prepared) {
      if (item.kind === 'failed') {
        settlements.push({ id: item.row.id, status: 'failed', attempt: { statusCode: null, latencyMs: item.durationMs, error: item.error } });
      } else if (item.kind === 'dropped') {
        settlements.push({ id: item.row.id, status: 'dropped', attempt: { statusCode: null, latencyMs: item.durationMs, error: item.note } });
      } else {
        sendable.push({ id: item.row.id, attemptCount: item.row.attempt_count, deadline: item.row.deadline_at });
        bodies.push(...item.events);
      }
    }
    if (sendable.length > 0) {
      // One event per request when the destination asks for it; otherwise (or when a
      // transformation fanned one event out) a JSON array.
      const body = JSON.stringify(destination.batch_size === 1 && bodies.length === 1 ? bodies[0] : bodies);
      const webhookId = rows[0]!.batch_id ?? rows[0]!.id;
      const headers = {
        ...readHeaders(destination, secrets),
        ...signatureHeaders(signingSecrets(destination, secrets, Date.now()), webhookId, Math.floor(Date.now() / 1000), body),
      };
      const result = await this.sender.post(destination.url, headers, body, this.stopping.signal);
      if (this.stopping.signal.aborted && result.statusCode === null) {
        await releaseDeliveries(db, this.id, sendable.map((item) => item.id), Date.now());
        await this.settler.settle(settlements);
        return;
      }
      settlements.push(...this.settleSent(sendable, result, config.forwardRetryBaseMs));
      if (verdictFor(result) === 'gone') {
        await disableDestination(db, destination.id, `the receiver answered 410 Gone at ${new Date().toISOString()}`, Date.now());
        const lane = this.lanes.get(destination.id);
        if (lane) lane.readAt = 0;
        this.options.onDestinationDisabled?.(destination.workspace_id);
      }
    }
    await this.settler.settle(settlements);
  }

  private settleSent(
    sent: ReadonlyArray<{ id: string; attemptCount: number; deadline: number }>,
    result: SendResult,
    baseMs: number,
  ): Settlement[] {
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
}
