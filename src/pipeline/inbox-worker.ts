import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';
import {
  claimBatch,
  markBlocked,
  markFailed,
  markProcessed,
  type ClaimedRow,
  type ProcessingOutcome,
} from '../inbox/index.ts';
import { backoffDelay } from './backoff.ts';
import { toEventRow } from './canonical-event.ts';
import { insertEvents } from './event-insert.ts';
import { normalize, NormalizeError } from './normalize.ts';
import type { PipelineItem, PipelineStage } from './pipeline-stage.ts';


/** Another worker took over a row whose lease ran out; this batch's writes are rolled back. */
class LeaseLost extends Error {}

export interface WorkerHooks {
  /** Called after each committed batch with every row's final or retry state. */
  onOutcomes?(outcomes: ProcessingOutcome[], items: PipelineItem[]): void;
}

/**
 * Claims inbox rows and turns each into exactly one canonical event. A batch runs in one
 * transaction; exactly-once holds because the event's id is the inbox row's id (a primary key)
 * and the row is only marked processed by the worker that still holds its lease.
 */
export class InboxWorker {
  readonly id = `w_${randomBytes(6).toString('hex')}`;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private woken = false;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly stages: readonly PipelineStage[],
    private readonly logger: Logger,
    private readonly hooks: WorkerHooks = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
  }

  /** New rows were committed in this process: skip the rest of the idle wait. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Claims and processes one batch; returns how many rows it claimed. Exposed for tests and the CLI. */
  async runOnce(): Promise<number> {
    const rows = await claimBatch(this.db, {
      workerId: this.id,
      limit: this.config.workerBatchSize,
      leaseMs: this.config.workerLeaseMs,
    });
    if (rows.length > 0) await this.process(rows);
    return rows.length;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        this.woken = false;
        claimed = await this.runOnce();
      } catch (error) {
        this.logger.error({ err: coerceError(error) }, 'inbox worker batch failed');
      }
      if (claimed === 0 && this.running && !this.woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.config.workerPollMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = undefined;
      }
    }
  }

  private async process(rows: ClaimedRow[]): Promise<void> {
    try {
      await this.processTogether(rows);
    } catch (error) {
      if (error instanceof LeaseLost && rows.length === 1) return;
      if (rows.length === 1) {
        await this.recordFailure(rows[0]!, coerceError(error));
        return;
      }
      // One event broke the batch: do them one at a time so only that one fails.
      for (const row of rows) await this.process([row]);
    }
  }

  private async processTogether(rows: ClaimedRow[]): Promise<void> {
    const items: PipelineItem[] = [];
    const unreadable: Array<{ row: ClaimedRow; error: Error }> = [];
    for (const row of rows) {
      try {
        items.push({ event: normalize(row), notes: {} });
      } catch (error) {
        unreadable.push({ row, error: coerceError(error) });
      }
    }
    const now = Date.now();
    await this.db.kysely.transaction().execute(async (trx) => {
      let live = items;
      for (const stage of this.stages) {
        if (live.length === 0) break;
        await stage.run(live, { trx, now });
        live = live.filter((item) => item.blockedReason === undefined);
      }
      const eventRows = live.map((item) => toEventRow(item.event, now));
      await insertEvents(trx, this.db.dialect, eventRows);
      const owned = await markProcessed(trx, this.id, live.map((item) => item.event.id), now);
      if (owned.size < live.length) throw new LeaseLost();
      for (const item of items) {
        if (item.blockedReason === undefined) continue;
        if (!(await markBlocked(trx, this.id, item.event.id, item.blockedReason, now))) throw new LeaseLost();
      }
      for (const { row, error } of unreadable) {
        // A payload we cannot read will not read better later: fail it for good.
        const final = error instanceof NormalizeError;
        await markFailed(trx, this.id, {
          id: row.id,
          error: error.message,
          retryable: !final,
          retryCount: row.retry_count + 1,
          nextAttemptAt: final ? null : this.nextAttempt(row.retry_count + 1, now),
        });
      }
    });
    const outcomes: ProcessingOutcome[] = items.map((item) => ({
      id: item.event.id,
      status: item.blockedReason === undefined ? 'processed' : 'blocked',
      eventId: item.blockedReason === undefined ? item.event.id : null,
      error: item.blockedReason ?? null,
    }));
    for (const { row, error } of unreadable) outcomes.push({ id: row.id, status: 'failed', eventId: null, error: error.message });
    this.hooks.onOutcomes?.(outcomes, items);
  }

  private nextAttempt(attempt: number, now: number): number | null {
    if (attempt >= this.config.maxProcessingAttempts) return null;
    return now + backoffDelay(attempt);
  }

  private async recordFailure(row: ClaimedRow, error: Error): Promise<void> {
    const attempt = row.retry_count + 1;
    const now = Date.now();
    const nextAttemptAt = this.nextAttempt(attempt, now);
    this.logger.warn({ inboxId: row.id, attempt, err: error }, 'event processing failed');
    try {
      await this.db.kysely.transaction().execute((trx) =>
        markFailed(trx, this.id, { id: row.id, error: error.message, retryable: true, retryCount: attempt, nextAttemptAt }),
      );
      this.hooks.onOutcomes?.([{ id: row.id, status: 'failed', eventId: null, error: error.message }], []);
    } catch (recordError) {
      // The lease will run out and another attempt will be made; nothing is lost.
      this.logger.error({ inboxId: row.id, err: coerceError(recordError) }, 'could not record a processing failure');
    }
  }
}
