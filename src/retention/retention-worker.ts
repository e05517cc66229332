import type { Logger } from 'pino';
import type { Db } from '../db/index.ts';
import { PollLoop } from '../lib/poll-loop.ts';
import { prune, type WorkspacePrune } from './prune.ts';
import type { PrunedTable } from './prune-targets.ts';
import type { RetentionSettings } from './settings.ts';

export interface RetentionWorkerOptions {
  readonly db: Db;
  readonly logger: Logger;
  /** The runtime's clock: tests move it to make data old. */
  readonly now: () => number;
  readonly intervalMs: number;
  readonly batchSize: number;
  readonly pauseMs: number;
  readonly defaults: RetentionSettings;
  readonly dedupeWindowMs: number;
  readonly onDeleted?: (table: PrunedTable, rows: number) => void;
}

/**
 * Prunes in the background: a round over every workspace every `intervalMs` (lib/poll-loop.ts),
 * each round deleting in small batches with a pause between them (prune.ts). States are the poll
 * loop's: stopped → running (a round) → sleeping → …; `stop` lets the batch under way commit and
 * ends the round there, so shutting down never waits for a whole backlog.
 */
export class RetentionWorker {
  private readonly loop: PollLoop;
  private stopping = false;
  private rounds = 0;
  private lastRound: WorkspacePrune[] = [];

  constructor(private readonly options: RetentionWorkerOptions) {
    // The first round waits an interval: pruning never competes with start-up (a restart after a
    // long stop would otherwise begin with the biggest backlog, before the server is even ready).
    this.loop = new PollLoop({ round: () => this.round(), intervalMs: options.intervalMs, logger: options.logger, failure: 'retention round failed', firstRoundAfterInterval: true });
  }

  start(): void {
    this.stopping = false;
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop.stop();
  }

  /** Starts a round now (after the clock moved, or settings changed), or right after the one under way. */
  wake(): void {
    this.loop.wake();
  }

  /** Rounds finished so far, and what the last one deleted: for tests and logs. */
  get finished(): { rounds: number; last: readonly WorkspacePrune[] } {
    return { rounds: this.rounds, last: this.lastRound };
  }

  private async round(): Promise<boolean> {
    const { db, now, batchSize, pauseMs, defaults, dedupeWindowMs, onDeleted } = this.options;
    const results = await prune(db, {
      now: now(),
      batchSize,
      defaults,
      dedupeWindowMs,
      onDeleted,
      stopped: () => this.stopping,
      // At least as long as the batch took: pruning never has more than half of the database's
      // time (on SQLite, of the event loop's, better-sqlite3 being synchronous), however slow the
      // machine, and ingest's group commits always find a gap.
      pause: (batchMs) => new Promise((resolve) => setTimeout(resolve, Math.max(pauseMs, batchMs))),
    });
    const total = results.reduce((sum, result) => sum + Object.values(result.counts).reduce((a, b) => a + b, 0), 0);
    if (total > 0) this.options.logger.info({ pruned: results.filter((result) => Object.values(result.counts).some((n) => n > 0)) }, 'retention: pruned old data');
    this.lastRound = results;
    this.rounds += 1;
    return false;
  }
}
