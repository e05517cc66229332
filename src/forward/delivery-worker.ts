import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';
import type { Transformer } from '../transform/transformer.ts';
import {
  claimDeliveries,
  deleteFinishedDeliveries,
  disableDestination,
  dueDestinations,
  releaseDeliveries,
  type Settlement,
} from './delivery-queue.ts';
import type { DeliveryHandoff, HandoffLease } from './delivery-handoff.ts';
import { prepareDeliveries, type PreparedDelivery } from './delivery-payloads.ts';
import { openDestination, type OpenedDestination } from './destinations.ts';
import { nextAttemptAt, verdictFor } from './retry-policy.ts';
import type { SecretBox } from './secret-box.ts';
import { SettleBatcher } from './settle-batcher.ts';
import type { ClaimedDelivery, DestinationRow } from './tables.ts';
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

/** A claimed request waiting for a free slot; it is sent once prepared (events read, transformation run). */
interface Ready {
  readonly destination: DestinationRow;
  readonly opened: OpenedDestination;
  readonly rows: readonly ClaimedDelivery[];
  prepared: readonly PreparedDelivery[] | undefined;
  /** Preparing failed: the rows stay leased until the lease runs out, then are claimed again. */
  abandoned: boolean;
}

/** Per-destination state in this process. */
interface Lane {
  /** Requests in flight to this destination (at most `forwardConcurrency`). */
  inFlight: number;
  /**
   * Requests claimed and not yet sent, in claim order (being prepared, or prepared). They go out in
   * that order, so a lane with one slot delivers in queue order even when preparing overlaps.
   */
  readonly ready: Ready[];
  /** Whether a claim loop is running for the lane (at most one). */
  filling: boolean;
  /** Rate-limit clock: the earliest time the next request may start. */
  nextSlotAt: number;
  destination: DestinationRow | undefined;
  /** `destination`'s headers and signing secrets, decrypted when it was read. */
  opened: OpenedDestination | undefined;
  /** When `destination` was read; it is read again after DESTINATION_CACHE_MS. */
  readAt: number;
  /** A refill is scheduled for the end of this turn of the event loop. */
  refillQueued: boolean;
  /** Requests the pipeline reserved (DeliveryHandoff) and has not handed over or cancelled yet. */
  reserved: number;
}

/** How stale a lane's copy of its destination (URL, headers, secrets, enabled) may be. */
const DESTINATION_CACHE_MS = 1000;

/**
 * How many rounds of requests a busy one-event lane holds claimed: the slots in flight, and as many
 * again prepared and waiting. It refills when its waiting requests have gone out, so each claim
 * (one commit on SQLite) takes a whole round of rows, and the next round's events are read and
 * transformed while this one is on the wire.
 */
const PREFETCH_ROUNDS = 2;

/**
 * Most rows a batching lane claims in one transaction (several batches): few commits for a busy
 * destination, and one bounded read of their events (well inside SQLite's 32,766 parameters).
 */
const MAX_ROWS_PER_CLAIM = 1000;

/** How often the worker deletes deliveries older than the retention period. */
const JANITOR_INTERVAL_MS = 60_000;

/** A request's worth of prepared deliveries, with what settling needs to know of each. */
type Sendable = { id: string; attemptCount: number; deadline: number };

/**
 * Delivers the outbox. Each destination is a lane of its own with at most `forwardConcurrency`
 * requests in flight in this process. The poll loop (or a wake-up) starts a lane's claim loop;
 * the claim loop fills the lane's free slots (one-event requests are claimed several at a time)
 * and each finished request refills its slot. A slow or dead receiver ties up only its own lane;
 * the loop never waits for a request. Claims are leased rows (see delivery-queue.ts), and the
 * outcomes of concurrent requests are committed together (settle-batcher.ts). A lane that is
 * sending also takes new deliveries straight from the pipeline, leased when written (`reserve`,
 * see delivery-handoff.ts).
 */
export class DeliveryWorker implements DeliveryHandoff {
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
  private janitorDueAt = 0;

  constructor(private readonly options: DeliveryWorkerOptions) {
    // Every request in flight listens for the stop (up to FORWARD_CONCURRENCY per destination):
    // many listeners here are the design, not a leak.
    setMaxListeners(0, this.stopping.signal);
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
    for (const lane of this.lanes.values()) this.releaseReady(lane);
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    this.sender.close();
  }

  /** Deletes finished deliveries older than the retention period; returns how many. */
  async sweep(now = Date.now()): Promise<number> {
    return deleteFinishedDeliveries(this.options.db, now - this.options.config.forwardRetentionMs);
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
        for (const destination of await dueDestinations(this.options.db, Date.now())) this.fill(destination.id);
      } catch (error) {
        logger.error({ err: coerceError(error) }, 'delivery poll failed');
      }
      if (Date.now() >= this.janitorDueAt) {
        this.janitorDueAt = Date.now() + JANITOR_INTERVAL_MS;
        this.track(this.sweep().then(() => undefined), 'delivery retention sweep failed', '*');
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

  private track(task: Promise<void>, what: string, destinationId: string): void {
    const tracked = task
      .catch((error: unknown) => this.options.logger.error({ err: coerceError(error), destinationId }, what))
      .finally(() => this.tasks.delete(tracked));
    this.tasks.add(tracked);
  }

  /** Starts the lane's claim loop unless one runs already or the lane is full. */
  private fill(destinationId: string): void {
    let lane = this.lanes.get(destinationId);
    if (!lane) {
      // Lanes stay (one small entry per destination): the rate-limit clock must outlive idle spells.
      lane = {
        inFlight: 0,
        ready: [],
        filling: false,
        nextSlotAt: 0,
        destination: undefined,
        opened: undefined,
        readAt: 0,
        refillQueued: false,
        reserved: 0,
      };
      this.lanes.set(destinationId, lane);
    }
    if (!this.running || lane.filling || this.outstanding(lane) >= this.capacity(lane)) return;
    lane.filling = true;
    const current = lane;
    this.track(
      this.claimLoop(destinationId, current).then(
        (stoppedBecause) => {
          current.filling = false;
          // A request may have freed a slot while this loop was returning (its fill() was a no-op then).
          if (stoppedBecause === 'full' && this.outstanding(current) <= this.refillBelow(current)) this.fill(destinationId);
        },
        (error: unknown) => {
          current.filling = false;
          throw error;
        },
      ),
      'delivery claim failed',
      destinationId,
    );
  }

  /** Claims into the lane's free slots until it is full or nothing is due; says which. */
  private async claimLoop(destinationId: string, lane: Lane): Promise<'full' | 'idle'> {
    const { db, config } = this.options;
    while (this.running) {
      if (Date.now() - lane.readAt >= DESTINATION_CACHE_MS) {
        lane.destination = await db.kysely.selectFrom('destinations').selectAll().where('id', '=', destinationId).executeTakeFirst();
        lane.opened = lane.destination ? openDestination(lane.destination, this.options.secrets) : undefined;
        lane.readAt = Date.now();
      }
      const { destination, opened } = lane;
      if (!destination || !opened || destination.enabled !== 1) return 'idle';
      const free = this.capacity(lane) - this.outstanding(lane);
      if (free <= 0) return 'full';
      // Rate-limited lanes take one request at a time, each waiting for its slot; batching lanes
      // take several batches per claim, up to MAX_ROWS_PER_CLAIM rows (one read prepares them).
      const requests =
        destination.rate_limit !== null ? 1 : destination.batch_size === 1 ? free : Math.max(1, Math.min(free, Math.floor(MAX_ROWS_PER_CLAIM / destination.batch_size)));
      if (destination.rate_limit !== null) await this.waitForSlot(destination.rate_limit, lane);
      if (!this.running) return 'idle';
      const leaseMs = this.leaseMs(destination);
      // A lane with other requests in hand (claimed ahead, or on the wire) claims in the next group
      // commit; an idle one, or one that sends one request at a time, claims at once.
      const claim = { destinationId, batchSize: destination.batch_size, requests, leaseMs };
      const grouped = this.prefetching(destination) || (destination.rate_limit === null && this.outstanding(lane) > 0);
      const groups = grouped
        ? await this.settler.claim(claim)
        : await claimDeliveries(db, { ...claim, workerId: this.id, now: Date.now() });
      if (groups.length === 0) return 'idle';
      const entries = groups.map((group): Ready => ({ destination, opened, rows: group, prepared: undefined, abandoned: false }));
      lane.ready.push(...entries);
      this.track(this.prepare(entries, lane), 'delivery failed', destinationId);
    }
    return 'idle';
  }

  /**
   * Room in a lane for deliveries the pipeline is writing (see DeliveryHandoff): only for a lane
   * this worker is already sending to, with a fresh copy of its destination, no rate limit and
   * more than one slot (a one-slot lane is how a destination gets its events in queue order, so
   * it keeps to the queue), and within the lane's capacity, so the handoff never holds more in
   * memory than a claim would.
   */
  reserve(destinationId: string, rows: number): HandoffLease | undefined {
    const lane = this.lanes.get(destinationId);
    const destination = lane?.destination;
    const opened = lane?.opened;
    if (!this.running || !lane || !destination || !opened || destination.enabled !== 1 || destination.rate_limit !== null) return undefined;
    if (this.options.config.forwardConcurrency < 2 || Date.now() - lane.readAt >= DESTINATION_CACHE_MS) return undefined;
    const { batch_size: batchSize } = destination;
    const requests = Math.min(Math.ceil(rows / batchSize), this.capacity(lane) - this.outstanding(lane));
    if (requests <= 0) return undefined;
    lane.reserved += requests;
    let open = true;
    const release = () => {
      if (!open) return false;
      open = false;
      lane.reserved -= requests;
      return true;
    };
    return {
      rows: Math.min(rows, requests * batchSize),
      workerId: this.id,
      leaseEndsAt: Date.now() + this.leaseMs(destination),
      batchSize,
      accept: (handed, events) => {
        if (!release()) return;
        const entries = handed.map((group): Ready => ({ destination, opened, rows: group, prepared: undefined, abandoned: false }));
        lane.ready.push(...entries);
        this.track(this.prepare(entries, lane, events), 'delivery failed', destinationId);
      },
      cancel: () => {
        if (release()) this.refill(destinationId, lane);
      },
    };
  }

  /** How long a claim or a handoff holds its rows: a prefetched row may wait a round before it is sent. */
  private leaseMs(destination: DestinationRow): number {
    const { config } = this.options;
    return (this.prefetching(destination) ? PREFETCH_ROUNDS : 1) * config.forwardTimeoutMs + config.workerLeaseMs;
  }

  /**
   * Prepares claimed requests together (one read, transformations batched), then sends what it
   * can. Events handed over by the pipeline are not read again.
   */
  private async prepare(entries: readonly Ready[], lane: Lane, events?: ReadonlyMap<string, Record<string, unknown>>): Promise<void> {
    try {
      const prepared = await prepareDeliveries(this.options.db, this.options.transformer, entries.flatMap((entry) => entry.rows), events);
      const byId = new Map(prepared.map((item) => [item.row.id, item]));
      for (const entry of entries) entry.prepared = entry.rows.map((row) => byId.get(row.id)!);
    } catch (error) {
      for (const entry of entries) entry.abandoned = true;
      throw error;
    } finally {
      this.pump(lane);
    }
  }

  /** Sends prepared requests, in claim order, into the lane's free slots; a stopping worker gives them back. */
  private pump(lane: Lane): void {
    if (!this.running) {
      this.releaseReady(lane);
      return;
    }
    while (lane.inFlight < this.options.config.forwardConcurrency && lane.ready.length > 0) {
      const head = lane.ready[0]!;
      if (!head.abandoned && head.prepared === undefined) break;
      lane.ready.shift();
      if (head.abandoned) continue;
      const { destination, opened, prepared } = head;
      lane.inFlight += 1;
      // The slot is free once the receiver has answered: the bound is on requests at the
      // receiver, and waiting for the group commit of the outcome would idle the lane.
      let freed = false;
      const free = () => {
        if (freed) return;
        freed = true;
        lane.inFlight -= 1;
        this.pump(lane);
        this.refill(destination.id, lane);
      };
      this.track(this.deliver(destination, opened, prepared!, free).finally(free), 'delivery failed', destination.id);
    }
  }

  /** Gives the lane's unsent requests back to the queue untried (stopping, or the destination is gone). */
  private releaseReady(lane: Lane): void {
    const ids = lane.ready.splice(0).flatMap((entry) => (entry.abandoned ? [] : entry.rows.map((row) => row.id)));
    if (ids.length > 0) this.track(releaseDeliveries(this.options.db, this.id, ids, Date.now()), 'delivery release failed', '*');
  }

  /**
   * One-event lanes without a rate limit claim ahead (PREFETCH_ROUNDS); the others one round. A
   * lane with one slot does not either: a claim of several rows comes back in no defined order
   * (UPDATE … RETURNING), and one slot is how a destination gets its events in queue order.
   */
  private prefetching(destination: DestinationRow | undefined): boolean {
    return destination !== undefined && destination.rate_limit === null && destination.batch_size === 1 && this.options.config.forwardConcurrency > 1;
  }

  /** Requests the lane may hold claimed: in flight plus waiting. */
  private capacity(lane: Lane): number {
    return this.options.config.forwardConcurrency * (this.prefetching(lane.destination) ? PREFETCH_ROUNDS : 1);
  }

  private outstanding(lane: Lane): number {
    return lane.inFlight + lane.ready.length + lane.reserved;
  }

  /**
   * At or below how many outstanding requests a finished one refills the lane: a prefetching lane
   * when its waiting round has gone out, another at once.
   */
  private refillBelow(lane: Lane): number {
    return this.capacity(lane) - (this.prefetching(lane.destination) ? this.options.config.forwardConcurrency : 1);
  }

  /**
   * A request finished: claim more once enough is free, at the end of this turn of the event loop.
   * Refilling each slot as it frees would claim one row per query (one commit per event on
   * SQLite); waiting for a round and for the other answers that arrived in the same turn makes
   * one claim of many rows, while the lane keeps sending what it holds.
   */
  private refill(destinationId: string, lane: Lane): void {
    if (lane.refillQueued || this.outstanding(lane) > this.refillBelow(lane)) return;
    lane.refillQueued = true;
    setImmediate(() => {
      lane.refillQueued = false;
      this.fill(destinationId);
    });
  }

  /** Spaces requests to at most `rate` per second per destination in this process. */
  private async waitForSlot(rate: number, lane: Lane): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, lane.nextSlotAt);
    lane.nextSlotAt = slot + 1000 / rate;
    if (slot <= now) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, slot - now);
      this.stopping.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }

  /** Sends one request (a delivery, or a batch) and settles its rows; `answered` runs when the request has ended. */
  private async deliver(
    destination: DestinationRow,
    opened: OpenedDestination,
    prepared: readonly PreparedDelivery[],
    answered: () => void,
  ): Promise<void> {
    const { db, config } = this.options;
    const settlements: Settlement[] = [];
    const sendable: Sendable[] = [];
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
      const first = prepared[0]!.row;
      const webhookId = first.batch_id ?? first.id;
      const headers = { ...opened.headers, ...opened.signatureHeaders(webhookId, body, Date.now()) };
      const result = await this.sender.post(destination.url, headers, body, this.stopping.signal);
      answered();
      if (this.stopping.signal.aborted && result.statusCode === null) {
        await releaseDeliveries(db, this.id, sendable.map((item) => item.id), Date.now());
        await this.settler.settle(settlements);
        return;
      }
      settlements.push(...this.settleSent(sendable, result, config.forwardRetryBaseMs));
      if (verdictFor(result) === 'gone') {
        await disableDestination(db, destination.id, `the receiver answered 410 Gone at ${new Date().toISOString()}`, Date.now());
        const lane = this.lanes.get(destination.id);
        if (lane) {
          lane.readAt = 0;
          this.releaseReady(lane);
        }
        this.options.onDestinationDisabled?.(destination.workspace_id);
      }
    }
    await this.settler.settle(settlements);
  }

  private settleSent(sent: readonly Sendable[], result: SendResult, baseMs: number): Settlement[] {
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
