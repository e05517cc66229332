import type { Db } from '../db/index.ts';
import { settleDeliveries, type Settlement } from './delivery-queue.ts';

/** How long settlements gather before a commit when the previous commit has just ended. */
const SETTLE_WINDOW_MS = 10;

interface Waiting {
  readonly settlements: readonly Settlement[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit for settlements: while one transaction is being written, the results of other
 * requests wait and go together in the next one. A destination answering many requests at once
 * then costs one commit per round instead of one per request; alone, a request waits only for the
 * end of the current turn of the event loop.
 */
export class SettleBatcher {
  private waiting: Waiting[] = [];
  private flushing = false;
  private scheduled = false;
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
      this.waiting.push({ settlements, resolve, reject });
      // A commit waits at least for the end of this turn of the event loop, so the answers that
      // arrived in the same turn share it instead of each taking a commit of its own; right after
      // another commit (a busy worker) it waits SETTLE_WINDOW_MS, so a commit (an fsync on SQLite
      // with synchronous=FULL) covers a window of answers rather than a turn's.
      if (!this.scheduled && !this.flushing) {
        this.scheduled = true;
        const run = () => {
          this.scheduled = false;
          void this.flush();
        };
        if (performance.now() - this.flushedAt < SETTLE_WINDOW_MS) setTimeout(run, SETTLE_WINDOW_MS);
        else setImmediate(run);
      }
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          await settleDeliveries(this.db, this.workerId, batch.flatMap((item) => item.settlements), Date.now());
          for (const item of batch) item.resolve();
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
