import type { Db } from '../db/index.ts';
import { settleDeliveries, type Settlement } from './delivery-queue.ts';

interface Waiting {
  readonly settlements: readonly Settlement[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit for settlements: while one transaction is being written, the results of other
 * requests wait and go together in the next one. A destination answering many requests at once
 * then costs one commit per round instead of one per request; alone, a request waits for nobody.
 */
export class SettleBatcher {
  private waiting: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly workerId: string,
  ) {}

  /** Resolves once the settlements are committed (or rejects with the transaction's error). */
  settle(settlements: readonly Settlement[]): Promise<void> {
    if (settlements.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ settlements, resolve, reject });
      void this.flush();
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
    }
  }
}
