import type { Db } from '../db/index.ts';
import type { ClaimedDelivery } from './tables.ts';
import { claimBatchesIn, claimOneEventRequests, settleIn, type Settlement } from './delivery-queue.ts';

/**
 * How long writes gather before a commit when the previous commit has just ended, by what waits.
 * Settlements and batch claims wait longer: nobody waits on a settlement (a lane's slot is free
 * once the receiver has answered), a batching lane claims with batches still on the wire, and on
 * SQLite each commit is an fsync that blocks the event loop (measured on bench:forwarding's
 * batch_size 100 run, 60,000 events: 30 ms instead of 10 took events/s from about 10,100 to
 * 11,100). A one-event lane's claim does not wait for a window, only for the end of the turn: it
 * claims once its prepared round has gone out, so its slots idle while the claim waits (30 ms
 * halved the batch_size 1 run; 0 instead of 10 took it from about 4,400 to 5,900 events/s).
 */
const SETTLE_WINDOW_MS = 30;
const ONE_EVENT_CLAIM_WINDOW_MS = 0;

/** A claim of up to `requests` requests (one-event, or batches of `batchSize`), made inside the next group commit. */
export interface GroupedClaim {
  readonly workspaceId: string;
  readonly destinationId: string;
  readonly batchSize: number;
  readonly requests: number;
  readonly leaseMs: number;
}

type Waiting =
  | { readonly kind: 'settle'; readonly settlements: readonly Settlement[]; resolve(): void; reject(error: unknown): void }
  | { readonly kind: 'claim'; readonly claim: GroupedClaim; resolve(requests: ClaimedDelivery[][]): void; reject(error: unknown): void };

/**
 * Group commit for the delivery worker's writes: while one transaction is being written, the
 * results of other requests wait and go together in the next one. A destination answering many
 * requests at once then costs one commit per round instead of one per request; alone, a request
 * waits only for the end of the current turn of the event loop.
 *
 * Claims of busy lanes (see delivery-worker.ts) ride in the same transaction, after the
 * settlements: a one-event lane holds a round prepared while it claims the next, and a batching
 * lane has its other batches on the wire, so the wait (see SETTLE_WINDOW_MS) costs little,
 * while on SQLite with synchronous=FULL each claim on its own was an fsync (a third of the commits
 * of a busy destination). A claim needs no durability of its own (a lost claim leaves its rows
 * due, to be claimed again), and sharing the commit changes nothing for what is claimed: the same
 * statements, the same leases.
 */
export class SettleBatcher {
  private waiting: Waiting[] = [];
  private flushing = false;
  /** The pending flush's timer and when it fires (performance.now()); undefined when none is pending. */
  private timer: { readonly cancel: () => void } | undefined;
  private flushAt = Infinity;
  /** When the last commit ended (performance.now()). */
  private flushedAt = -Infinity;

  constructor(
    private readonly db: Db,
    private readonly workerId: string,
  ) {}

  /** Resolves once the settlements are committed (or rejects with the transaction's error). */
  settle(settlements: readonly Settlement[]): Promise<void> {
    if (settlements.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ kind: 'settle', settlements, resolve, reject });
      this.schedule(SETTLE_WINDOW_MS);
    });
  }

  /** Claims requests in the next group commit; resolves with each request's rows once committed. */
  claim(claim: GroupedClaim): Promise<ClaimedDelivery[][]> {
    return new Promise<ClaimedDelivery[][]>((resolve, reject) => {
      this.waiting.push({ kind: 'claim', claim, resolve, reject });
      this.schedule(claim.batchSize === 1 ? ONE_EVENT_CLAIM_WINDOW_MS : SETTLE_WINDOW_MS);
    });
  }

  private schedule(windowMs: number): void {
    // A commit waits at least for the end of this turn of the event loop, so the answers that
    // arrived in the same turn share it instead of each taking a commit of its own; right after
    // another commit (a busy worker) it waits the window of what is waiting (the shortest one),
    // so a commit (an fsync on SQLite with synchronous=FULL) covers a window of answers rather
    // than a turn's. A flush in progress picks up what arrives meanwhile when it ends.
    if (this.flushing) return;
    const now = performance.now();
    const at = now - this.flushedAt < windowMs ? now + windowMs : now;
    if (this.timer !== undefined && at >= this.flushAt) return;
    this.cancelTimer();
    this.flushAt = at;
    const run = () => {
      this.timer = undefined;
      this.flushAt = Infinity;
      void this.flush();
    };
    if (at > now) {
      const timeout = setTimeout(run, at - now);
      this.timer = { cancel: () => clearTimeout(timeout) };
    } else {
      const immediate = setImmediate(run);
      this.timer = { cancel: () => clearImmediate(immediate) };
    }
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timer.cancel();
    this.timer = undefined;
    this.flushAt = Infinity;
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          const now = Date.now();
          const settlements = batch.flatMap((item) => (item.kind === 'settle' ? item.settlements : []));
          // Asynchronous commit: a lease or an outcome lost to a power cut means a resend.
          const claimed = await this.db.relaxedTransaction(async (trx) => {
            await settleIn(trx, this.workerId, settlements, now);
            const claims: ClaimedDelivery[][][] = [];
            for (const item of batch) {
              if (item.kind !== 'claim') continue;
              const options = { ...item.claim, workerId: this.workerId, now };
              claims.push(
                item.claim.batchSize === 1
                  ? (await claimOneEventRequests(this.db, trx, options)).map((row) => [row])
                  : await claimBatchesIn(this.db, trx, options),
              );
            }
            return claims;
          });
          let next = 0;
          for (const item of batch) {
            if (item.kind === 'settle') item.resolve();
            else item.resolve(claimed[next++]!);
          }
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.flushing = false;
      this.flushedAt = performance.now();
    }
  }
}
