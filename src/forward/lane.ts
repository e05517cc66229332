import type { PreparedDelivery } from './delivery-payloads.ts';
import type { ClientHandle } from './client-handle.ts';
import type { ClaimedDelivery, DestinationRow } from './tables.ts';

/**
 * One destination's lane in this process: the requests it holds and whether it is claiming more.
 *
 * Claiming states (how many requests the lane holds is counted, not a state), by event:
 *
 *   state                    claim                    claimed          refill                   refill-due
 *   idle                     claiming                 -                refill-queued            -
 *   claiming                 -                        idle             claiming-refill-queued   -
 *   refill-queued            claiming-refill-queued   -                -                        idle
 *   claiming-refill-queued   -                        refill-queued    -                        claiming
 *
 * - `idle`: no claim runs and none is queued. The poll loop (or a wake-up) starts one (`claim`).
 * - `claiming`: a claim loop fills the free slots until the lane is full or nothing is due
 *   (`claimed`). At most one runs per lane.
 * - `refill-queued`: a request finished and freed enough room; at the end of this turn of the
 *   event loop (`refill-due`) the lane is idle again and a claim starts, so the answers that
 *   arrive in the same turn share one claim (one commit on SQLite) instead of one each.
 * - `claiming-refill-queued`: a refill was asked while a claim runs. If the turn ends first the
 *   refill is moot (the running claim fills the room): back to `claiming`. If the claim ends first
 *   the refill is still due: `refill-queued`.
 *
 * Any other event in a state is a bug in the worker and throws (LaneStateError): `claim` while
 * claiming (two claim loops would overfill the lane), `claimed` with no claim running, `refill`
 * while one is queued (two timers), `refill-due` with none queued.
 *
 * Each claimed request in `ready` is `preparing` (its events being read and transformed), then
 * `prepared` and sent in claim order as slots free, or `abandoned` when preparing failed (its
 * rows stay leased until the lease runs out, then are claimed again) and dropped unsent.
 */
export type LaneState = 'idle' | 'claiming' | 'refill-queued' | 'claiming-refill-queued';

/** What happens to a lane: a claim loop starts or ends, a refill is asked for or comes due. */
export type LaneEvent = 'claim' | 'claimed' | 'refill' | 'refill-due';

const TRANSITIONS: Readonly<Record<LaneState, Partial<Record<LaneEvent, LaneState>>>> = {
  idle: { claim: 'claiming', refill: 'refill-queued' },
  claiming: { claimed: 'idle', refill: 'claiming-refill-queued' },
  'refill-queued': { claim: 'claiming-refill-queued', 'refill-due': 'idle' },
  'claiming-refill-queued': { claimed: 'refill-queued', 'refill-due': 'claiming' },
};

export class LaneStateError extends Error {
  constructor(
    readonly state: LaneState,
    readonly event: LaneEvent,
  ) {
    super(`a lane that is ${state} cannot take '${event}'`);
    this.name = 'LaneStateError';
  }
}

/** The state after `event`; throws LaneStateError when `event` cannot happen in `state`. */
export function nextLaneState(state: LaneState, event: LaneEvent): LaneState {
  const next = TRANSITIONS[state][event];
  if (next === undefined) throw new LaneStateError(state, event);
  return next;
}

/** A claimed request (a delivery, or a batch) on its way through the lane. */
export interface LaneRequest {
  readonly destination: DestinationRow;
  readonly rows: readonly ClaimedDelivery[];
  step: { readonly is: 'preparing' } | { readonly is: 'prepared'; readonly deliveries: readonly PreparedDelivery[] } | { readonly is: 'abandoned' };
}

/** A request as claimed, before its events are read. */
export function claimedRequest(destination: DestinationRow, rows: readonly ClaimedDelivery[]): LaneRequest {
  return { destination, rows, step: { is: 'preparing' } };
}

/**
 * How many rounds of requests a busy one-event lane holds claimed: the slots in flight, and as many
 * again prepared and waiting. It refills when its waiting requests have gone out, so each claim
 * (one commit on SQLite) takes a whole round of rows, and the next round's events are read and
 * transformed while this one is on the wire.
 */
export const PREFETCH_ROUNDS = 2;

/** How stale a lane's copy of its destination (URL, headers, secrets, enabled) may be. */
export const DESTINATION_CACHE_MS = 1000;

/**
 * Per-destination state in this process. Lanes stay (one small entry per destination): the
 * rate-limit clock must outlive idle spells.
 */
export class Lane {
  private current: LaneState = 'idle';
  /** Requests in flight to this destination (at most `concurrency`). */
  inFlight = 0;
  /**
   * Requests claimed and not yet sent, in claim order (preparing, or prepared). They go out in
   * that order, so a lane with one slot delivers in queue order even when preparing overlaps.
   */
  readonly ready: LaneRequest[] = [];
  /** Requests the pipeline reserved (DeliveryHandoff) and has not handed over or cancelled yet. */
  reserved = 0;
  /** Rate-limit clock: the earliest time the next request may start. */
  nextSlotAt = 0;
  destination: DestinationRow | undefined;
  /**
   * The client of `destination`'s type, opened with its config (decrypted once). Requests are sent
   * through the lane's current client, so a changed config applies to requests already claimed.
   */
  client: ClientHandle | undefined;
  /** When `destination` was read; it is read again after DESTINATION_CACHE_MS. */
  readAt = 0;

  /** @param concurrency requests in flight at most (`forwardConcurrency`). */
  constructor(readonly concurrency: number) {}

  get state(): LaneState {
    return this.current;
  }

  /** Moves to the state `event` leads to; throws LaneStateError if it cannot happen now. */
  on(event: LaneEvent): void {
    this.current = nextLaneState(this.current, event);
  }

  get claiming(): boolean {
    return this.current === 'claiming' || this.current === 'claiming-refill-queued';
  }

  get refillQueued(): boolean {
    return this.current === 'refill-queued' || this.current === 'claiming-refill-queued';
  }

  /** Whether the copy of the destination is recent enough to act on. */
  isFresh(now: number): boolean {
    return now - this.readAt < DESTINATION_CACHE_MS;
  }

  /**
   * One-event lanes without a rate limit claim ahead (PREFETCH_ROUNDS); the others one round. A
   * lane with one slot does not either: a claim of several rows comes back in no defined order
   * (UPDATE … RETURNING), and one slot is how a destination gets its events in queue order.
   */
  prefetching(destination = this.destination): boolean {
    return destination !== undefined && destination.rate_limit === null && destination.batch_size === 1 && this.concurrency > 1;
  }

  /** Requests the lane may hold claimed: in flight plus waiting. */
  capacity(): number {
    return this.concurrency * (this.prefetching() ? PREFETCH_ROUNDS : 1);
  }

  /** Requests in flight, claimed and waiting, or reserved by the pipeline. */
  outstanding(): number {
    return this.inFlight + this.ready.length + this.reserved;
  }

  /**
   * At or below how many outstanding requests a finished one refills the lane: a prefetching lane
   * when its waiting round has gone out, another at once.
   */
  refillBelow(): number {
    return this.capacity() - (this.prefetching() ? this.concurrency : 1);
  }

  /** Takes the unsent requests out of the lane; the rows of those not abandoned, to give back. */
  takeUnsent(): string[] {
    return this.ready.splice(0).flatMap((request) => (request.step.is === 'abandoned' ? [] : request.rows.map((row) => row.id)));
  }
}
