/** How fast a key may call: `perSecond` tokens earned back each second, at most `burst` held. */
export interface BucketLimit {
  readonly perSecond: number;
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms since the epoch). */
  at: number;
  /** When the bucket will be full again if nothing more is taken: from then on it is idle. */
  fullAt: number;
}

/**
 * Token buckets in memory, one per key, for the request hot path: a take is a Map lookup and a
 * little arithmetic, no database and no timer.
 *
 * A full bucket is the same as no bucket, so a bucket exists only while its key is spending faster
 * than it earns back: a key's first request, or its first after an idle spell, finds none and
 * starts from a full one. Every take also moves a sweep one bucket along the Map, forgetting that
 * bucket if it has filled up again (its key went idle), so idle buckets go without a sweeper timer
 * and memory follows the keys busy right now. `maxKeys` bounds the Map even when every key is
 * busy: the oldest bucket is then dropped, which at worst forgives that key its debt.
 *
 * The limit comes with each take rather than being stored, so a changed limit applies to the next
 * request (tokens above a lowered burst are cut down to it).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string | number, Bucket>();
  private sweep: Iterator<[string | number, Bucket]> = this.buckets.entries();

  constructor(private readonly maxKeys = 100_000) {}

  /**
   * Takes one token from `key`'s bucket. Answers 0 when there was one (the request may go on), or
   * the milliseconds until there will be one; a refused take takes nothing.
   */
  take(key: string | number, limit: BucketLimit, now: number): number {
    this.sweepStep(now);

    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: limit.burst, at: now, fullAt: now };
      this.buckets.set(key, bucket);
      if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    } else if (bucket.fullAt <= now) {
      bucket.tokens = limit.burst;
      bucket.at = now;
    } else {
      // A clock that stepped back refills nothing (and takes nothing back).
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * limit.perSecond);
      bucket.at = Math.max(bucket.at, now);
    }
    if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) / limit.perSecond) * 1000);
    bucket.tokens -= 1;
    bucket.fullAt = bucket.at + ((limit.burst - bucket.tokens) / limit.perSecond) * 1000;
    return 0;
  }

  /**
   * One step of the sweep: a cursor walks the Map (a Map's iterator stays valid while entries come
   * and go), forgetting the bucket it is on when that is full again, and starts over at the end.
   * Moving a busy bucket to the back instead cost ten times the rest of a take (V8 rehashes a Map
   * that sees a delete and a set on every call).
   */
  private sweepStep(now: number): void {
    let step = this.sweep.next();
    if (step.done === true) {
      this.sweep = this.buckets.entries();
      step = this.sweep.next();
    }
    if (step.done !== true && step.value[1].fullAt <= now) this.buckets.delete(step.value[0]);
  }

  /** How many buckets are held now (the bound, and tests). */
  get size(): number {
    return this.buckets.size;
  }
}
