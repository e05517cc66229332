/**
 * The one source of "now" for time that decides money and expiry: hold periods, the heartbeat,
 * inbound flows. Production reads the system clock; tests hand the runtime a ManualClock and move
 * it (thirty days in one call) instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A test clock: the system clock plus an offset that only grows. It keeps running between moves,
 * so parts that wait on real time (polls, timeouts, the inbox's due times) behave as in
 * production, and `advance` jumps it forward (thirty days in one call).
 */
export class ManualClock implements Clock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  /** Moves forward by `ms` (never backward: time in a test does not run back). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ManualClock.advance takes a non-negative number of ms, got ${ms}`);
    this.offset += ms;
  }
}
