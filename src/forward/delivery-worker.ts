import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';
import { PollLoop } from '../lib/poll-loop.ts';
import type { Transformer } from '../transform/transformer.ts';
import { claimDeliveries, dueDestinations, releaseDeliveries } from './delivery-queue.ts';
import type { DeliveryHandoff, HandoffLease } from './delivery-handoff.ts';
import { prepareDeliveries } from './delivery-payloads.ts';
import { ClientHandle } from './client-handle.ts';
import { openClient, type ClientFactory } from './destination-client.ts';
import { typeOf } from './destination-config.ts';
import { createDestinationTypeRegistry } from './destination-types/built-in.ts';
import type { DestinationTypeRegistry } from './destination-types/registry.ts';
import { claimedRequest, DESTINATION_CACHE_MS, Lane, PREFETCH_ROUNDS, type LaneRequest } from './lane.ts';
import type { SecretBox } from './secret-box.ts';
import { sendAndSettle, type AttemptOutcome } from './send-and-settle.ts';
import { SettleBatcher } from './settle-batcher.ts';
import type { DestinationRow } from './tables.ts';
import { WebhookSender } from './webhook-sender.ts';

export interface DeliveryWorkerOptions {
  readonly db: Db;
  readonly config: Config;
  readonly secrets: SecretBox;
  readonly logger: Logger;
  /** The destination types (ForwardServices.types); the built-in ones when left out. */
  readonly types?: DestinationTypeRegistry;
  /** Runs rules' transformations; without one, deliveries that need one fail with a clear error. */
  readonly transformer?: Transformer;
  /** A receiver's 410 disabled a destination of this workspace. */
  readonly onDestinationDisabled?: (workspaceId: string) => void;
  /** Once per request sent: its deliveries' outcomes and how long it took (for metrics). */
  readonly onAttempt?: (destinationId: string, outcomes: AttemptOutcome[], durationMs: number) => void;
}

/**
 * Most rows a batching lane claims in one transaction (several batches): few commits for a busy
 * destination, and one bounded read of their events (well inside SQLite's 32,766 parameters).
 */
const MAX_ROWS_PER_CLAIM = 1000;

/**
 * Delivers the outbox: the lanes' scheduler. Each destination is a lane of its own (lane.ts, where
 * its states are) with at most `forwardConcurrency` requests in flight in this process. The poll
 * loop (lib/poll-loop.ts), or a wake-up, starts a lane's claim loop; the claim loop fills the
 * lane's free slots (one-event requests are claimed several at a time) and each finished request
 * refills its slot. A slow or dead receiver ties up only its own lane; the loop never waits for a
 * request. Claims are leased rows (see delivery-queue.ts); sending a request and settling its rows
 * is send-and-settle.ts (the destination type's client, destination-types/), and the outcomes of
 * concurrent requests are committed together (settle-batcher.ts). A lane that is sending also
 * takes new deliveries straight from the pipeline, leased when written (`reserve`, see
 * delivery-handoff.ts).
 */
export class DeliveryWorker implements DeliveryHandoff {
  readonly id = `dw_${randomBytes(6).toString('hex')}`;
  private readonly lanes = new Map<string, Lane>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly sender: WebhookSender;
  private readonly clients: ClientFactory;
  private readonly settler: SettleBatcher;
  private readonly stopping = new AbortController();
  private readonly poller: PollLoop;
  private running = false;
  private idleCheckDueAt = Date.now() + DESTINATION_CACHE_MS;

  constructor(private readonly options: DeliveryWorkerOptions) {
    // Every request in flight listens for the stop (up to FORWARD_CONCURRENCY per destination):
    // many listeners here are the design, not a leak.
    setMaxListeners(0, this.stopping.signal);
    this.settler = new SettleBatcher(options.db, this.id);
    this.sender = new WebhookSender({
      allowPrivate: options.config.forwardAllowPrivateTargets,
      timeoutMs: options.config.forwardTimeoutMs,
    });
    this.clients = { types: options.types ?? createDestinationTypeRegistry(), secrets: options.secrets, http: this.sender, config: options.config };
    this.poller = new PollLoop({ round: () => this.poll(), intervalMs: options.config.workerPollMs, logger: options.logger, failure: 'delivery poll failed' });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.poller.start();
  }

  /**
   * Stops claiming and gives back what is claimed but unsent; requests in flight get `graceMs` to
   * be answered and settled (a graceful shutdown's share of SHUTDOWN_TIMEOUT_MS), then are aborted
   * and their rows go back to the queue untried. Resolves once every row is settled or released:
   * none is left `delivering` under this worker's lease.
   */
  async stop(graceMs = 0): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.poller.stop();
    for (const lane of this.lanes.values()) this.releaseReady(lane);
    if (graceMs > 0 && this.tasks.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      const settled = (async () => {
        while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
      })();
      await Promise.race([settled, graceOver]);
      clearTimeout(timer);
    }
    this.stopping.abort();
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    await Promise.all([...this.lanes.values()].map((lane) => lane.client?.retire()));
    this.sender.close();
  }

  /** Deliveries were queued or replayed in this process: poll now. */
  wake(): void {
    this.poller.wake();
  }

  /** Starts the claim loops of lanes with deliveries due (finished ones are pruned by retention/). */
  private async poll(): Promise<boolean> {
    for (const destination of await dueDestinations(this.options.db, Date.now())) this.fill(destination.id);
    // Off the poll's path (it must not delay a claim), and at most once per destination re-read.
    if (Date.now() >= this.idleCheckDueAt) {
      this.idleCheckDueAt = Date.now() + DESTINATION_CACHE_MS;
      this.track(this.retireStaleClients(), 'closing stale destination clients failed', '*');
    }
    // Claims run on their own: the loop waits for the next poll or wake-up, never for a lane.
    return false;
  }

  /**
   * Closes the clients of idle lanes whose destination was deleted, disabled or changed (here or
   * in another process): a busy lane re-reads its destination as it claims, but an idle one has no
   * claim to notice, and a connection type would keep its connection (and a deleted config's
   * credentials) open until the process stops. One query for all idle lanes.
   */
  private async retireStaleClients(): Promise<void> {
    const idle = [...this.lanes].filter(([, lane]) => lane.client?.isOpen && !lane.claiming && lane.outstanding() === 0);
    if (idle.length === 0) return;
    const rows = await this.options.db.kysely
      .selectFrom('destinations')
      .select(['id', 'updated_at', 'enabled'])
      .where('id', 'in', idle.map(([id]) => id))
      .execute();
    const current = new Map(rows.map((row) => [row.id, row]));
    for (const [id, lane] of idle) {
      const handle = lane.client!;
      const row = current.get(id);
      if (row && row.enabled === 1 && row.updated_at === handle.version) continue;
      if (lane.client !== handle || lane.claiming || lane.outstanding() > 0) continue;
      lane.client = undefined;
      lane.readAt = 0;
      if (!row) this.lanes.delete(id);
      this.track(handle.retire(), 'closing a destination client failed', id);
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
    if (!lane) this.lanes.set(destinationId, (lane = new Lane(this.options.config.forwardConcurrency)));
    if (!this.running || lane.claiming || lane.outstanding() >= lane.capacity()) return;
    lane.on('claim');
    const current = lane;
    this.track(
      this.claimLoop(destinationId, current).then(
        (stoppedBecause) => {
          current.on('claimed');
          // A request may have freed a slot while this loop was returning (its fill() was a no-op then).
          if (stoppedBecause === 'full' && current.outstanding() <= current.refillBelow()) this.fill(destinationId);
        },
        (error: unknown) => {
          current.on('claimed');
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
      if (!lane.isFresh(Date.now())) await this.reread(destinationId, lane);
      const { destination } = lane;
      if (!destination || !lane.client || destination.enabled !== 1) return 'idle';
      const free = lane.capacity() - lane.outstanding();
      if (free <= 0) return 'full';
      // Rate-limited lanes take one request at a time, each waiting for its slot; batching lanes
      // take several batches per claim, up to MAX_ROWS_PER_CLAIM rows (one read prepares them).
      const requests =
        destination.rate_limit !== null ? 1 : destination.batch_size === 1 ? free : Math.max(1, Math.min(free, Math.floor(MAX_ROWS_PER_CLAIM / destination.batch_size)));
      if (destination.rate_limit !== null) await this.waitForSlot(destination.rate_limit, lane);
      if (!this.running) return 'idle';
      const leaseMs = this.leaseMs(lane, destination);
      // A lane with other requests in hand (claimed ahead, or on the wire) claims in the next group
      // commit; an idle one, or one that sends one request at a time, claims at once.
      const claim = { workspaceId: destination.workspace_id, destinationId, batchSize: destination.batch_size, requests, leaseMs };
      const grouped = lane.prefetching(destination) || (destination.rate_limit === null && lane.outstanding() > 0);
      const groups = grouped
        ? await this.settler.claim(claim)
        : await claimDeliveries(db, { ...claim, workerId: this.id, now: Date.now() });
      if (groups.length === 0) return 'idle';
      const claimed = groups.map((group) => claimedRequest(destination, group));
      lane.ready.push(...claimed);
      this.track(this.prepare(claimed, lane), 'delivery failed', destinationId);
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
    if (!this.running || !lane || !destination || !lane.client || destination.enabled !== 1 || destination.rate_limit !== null) return undefined;
    if (this.options.config.forwardConcurrency < 2 || !lane.isFresh(Date.now())) return undefined;
    const { batch_size: batchSize } = destination;
    const requests = Math.min(Math.ceil(rows / batchSize), lane.capacity() - lane.outstanding());
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
      leaseEndsAt: Date.now() + this.leaseMs(lane, destination),
      batchSize,
      accept: (handed, events) => {
        if (!release()) return;
        const handedOver = handed.map((group) => claimedRequest(destination, group));
        lane.ready.push(...handedOver);
        this.track(this.prepare(handedOver, lane, events), 'delivery failed', destinationId);
      },
      cancel: () => {
        if (release()) this.refill(destinationId, lane);
      },
    };
  }

  /**
   * Reads the lane's destination again. Its client is opened again only when the destination
   * changed (`updated_at`): a connection type keeps its connection across the periodic re-reads.
   */
  private async reread(destinationId: string, lane: Lane): Promise<void> {
    const row = await this.options.db.kysely.selectFrom('destinations').selectAll().where('id', '=', destinationId).executeTakeFirst();
    lane.destination = row;
    lane.readAt = Date.now();
    if (row && lane.client?.isOpen && lane.client.version === row.updated_at) return;
    const previous = lane.client;
    lane.client = row ? new ClientHandle(openClient(row, this.clients), row.updated_at) : undefined;
    if (previous) this.track(previous.retire(), 'closing a destination client failed', destinationId);
  }

  /** How long a claim or a handoff holds its rows: a prefetched row may wait a round before it is sent. */
  private leaseMs(lane: Lane, destination: DestinationRow): number {
    const { config } = this.options;
    return (lane.prefetching(destination) ? PREFETCH_ROUNDS : 1) * config.forwardTimeoutMs + config.workerLeaseMs;
  }

  /**
   * Prepares claimed requests together (one read, transformations batched), then sends what it
   * can. Events handed over by the pipeline are not read again.
   */
  private async prepare(requests: readonly LaneRequest[], lane: Lane, events?: ReadonlyMap<string, Record<string, unknown>>): Promise<void> {
    try {
      const prepared = await prepareDeliveries(this.options.db, this.options.transformer, requests.flatMap((request) => request.rows), events);
      const byId = new Map(prepared.map((item) => [item.row.id, item]));
      for (const request of requests) request.step = { is: 'prepared', deliveries: request.rows.map((row) => byId.get(row.id)!) };
    } catch (error) {
      for (const request of requests) request.step = { is: 'abandoned' };
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
    while (lane.inFlight < lane.concurrency && lane.ready.length > 0) {
      const head = lane.ready[0]!;
      if (head.step.is === 'preparing') break;
      lane.ready.shift();
      if (head.step.is === 'abandoned') continue;
      const { destination } = head;
      const prepared = head.step.deliveries;
      const client = lane.client;
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
      const maxBytes = this.clients.types.get(typeOf(destination))?.limits.maxBytes ?? Infinity;
      const transmit = client
        ? (batch: Parameters<typeof client.client.send>[0], signal: AbortSignal) => client.use((open) => open.send(batch, signal))
        : undefined;
      const sent = sendAndSettle(destination, prepared, transmit, maxBytes, {
        db: this.options.db,
        workerId: this.id,
        settler: this.settler,
        stopping: this.stopping.signal,
        retryBaseMs: this.options.config.forwardRetryBaseMs,
        answered: free,
        onAttempt: (outcomes, durationMs) => this.options.onAttempt?.(destination.id, outcomes, durationMs),
        onGone: () => {
          lane.readAt = 0;
          this.releaseReady(lane);
          this.options.onDestinationDisabled?.(destination.workspace_id);
        },
      });
      this.track(sent.finally(free), 'delivery failed', destination.id);
    }
  }

  /** Gives the lane's unsent requests back to the queue untried (stopping, or the destination is gone). */
  private releaseReady(lane: Lane): void {
    const ids = lane.takeUnsent();
    if (ids.length > 0) this.track(releaseDeliveries(this.options.db, this.id, ids, Date.now()), 'delivery release failed', '*');
  }

  /**
   * A request finished: claim more once enough is free, at the end of this turn of the event loop.
   * Refilling each slot as it frees would claim one row per query (one commit per event on
   * SQLite); waiting for a round and for the other answers that arrived in the same turn makes
   * one claim of many rows, while the lane keeps sending what it holds.
   */
  private refill(destinationId: string, lane: Lane): void {
    if (lane.refillQueued || lane.outstanding() > lane.refillBelow()) return;
    lane.on('refill');
    setImmediate(() => {
      lane.on('refill-due');
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
}
