import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Kysely } from 'kysely';
import { isConcurrencyConflict, retryOnConflict, type Database, type Db } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';
import { PollLoop } from '../lib/poll-loop.ts';
import {
  holdInTransaction,
  markBlocked,
  markFailed,
  markProcessedHeld,
  readDue,
  type ClaimedRow,
  type JournalExpansion,
  type ProcessingOutcome,
  type WalSync,
} from '../inbox/index.ts';
import { backoffDelay } from './backoff.ts';
import { toEventRow } from './canonical-event.ts';
import { insertEvents } from './event-insert.ts';
import { normalize, NormalizeError } from './normalize.ts';
import type { PipelineItem, PipelineStage } from './pipeline-stage.ts';
import { systemClock, type Clock } from '../lib/clock.ts';

/**
 * Which rows a batch transaction works on, read (and so held) inside it: `held` rows were in the
 * inbox already and are marked processed at the end; `fresh` rows were moved in from the journal
 * in this same transaction, already written `processed` (one write each instead of two), with
 * their payloads already parsed in `parsed` (by row id) where the journal's reader had them.
 */
type RowSource = (
  trx: Kysely<Database>,
  now: number,
) => Promise<{ held: ClaimedRow[]; fresh: ClaimedRow[]; parsed?: ReadonlyMap<string, Record<string, unknown>> }>;

export interface WorkerHooks {
  /** Called after each committed batch with every row's final or retry state. */
  onOutcomes?(outcomes: ProcessingOutcome[], items: PipelineItem[]): void;
}

/**
 * Claims inbox rows and turns each into exactly one canonical event. A batch runs in one
 * transaction that reads its rows, processes them and marks them processed; it holds them until
 * its commit (SQLite's write lock, PostgreSQL's row locks taken with SKIP LOCKED, see
 * `inbox/in-transaction-claim.ts`), so no other worker can take them meanwhile and a worker that
 * dies leaves them due at once. Exactly-once holds because the event's id is the inbox row's id
 * (a primary key).
 */
export class InboxWorker {
  readonly id = `w_${randomBytes(6).toString('hex')}`;
  /** One poll loop per batch transaction run at once (config.workerConcurrency; one on SQLite). */
  private readonly pollers: PollLoop[];

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly stages: readonly PipelineStage[],
    private readonly logger: Logger,
    private readonly hooks: WorkerHooks = {},
    /** Moves requests kept whole in the inbox journal into the inbox, inside each batch. */
    private readonly journal?: JournalExpansion,
    /** The flows' "now" (stages read it); claims and retries stay on the system clock. */
    private readonly clock: Clock = systemClock,
    /**
     * SQLite at FULL: each batch commits without the fsync and then syncs the WAL in the thread
     * pool (see WalSync) before its outcomes are published, so the event loop keeps serving
     * requests during the sync. A FULL commit fsynced on the event loop: 16 % of the server's time
     * under single-event load (docs/reliability.md, "End to end").
     */
    private readonly walSync?: WalSync,
  ) {
    // A batch that claimed rows is followed at once by the next; an empty one waits for the poll.
    // On PostgreSQL several loops run batches side by side: each reads its rows FOR UPDATE SKIP
    // LOCKED, so they take disjoint rows as workers of different processes do, and one loop's
    // batch is prepared in this process while the database writes another's.
    // Only the first loop is woken by new rows; the others join when it finds a backlog (a batch
    // as large as the batch size), so a trickle of small commits does not send every loop to
    // read an empty queue each time.
    const loops = db.dialect.supportsSkipLocked ? config.workerConcurrency : 1;
    this.pollers = Array.from(
      { length: loops },
      (_, lane) =>
        new PollLoop({
          round: async () => {
            const taken = await this.runOnce();
            if (taken >= config.workerBatchSize) this.pollers[lane + 1]?.wake();
            return taken > 0;
          },
          intervalMs: config.workerPollMs,
          logger,
          failure: 'inbox worker batch failed',
        }),
    );
  }

  start(): void {
    for (const poller of this.pollers) poller.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.pollers.map((poller) => poller.stop()));
  }

  /** New rows were committed in this process: skip the rest of the idle wait. */
  wake(): void {
    this.pollers[0]!.wake();
  }

  /**
   * Claims and processes one batch: the rows already due (retries, direct appends), then journal
   * requests moved into the inbox in the same transaction, up to the batch size. Returns how many
   * inbox rows and journal requests it took. Exposed for tests and the CLI.
   *
   * The moved rows are written once, in the commit that processes them, and processed from memory.
   * A batch that fails rolls the move back too; its requests are then moved on their own, and the
   * next batch, which finds them as inbox rows, isolates the event that failed as any other batch.
   */
  async runOnce(): Promise<number> {
    const limit = this.config.workerBatchSize;
    let moved = 0;
    let rows: ClaimedRow[] = [];
    try {
      await this.processTogether(async (trx, now) => {
        const held = await readDue(trx, this.db.dialect, { now, limit, scope: this.config.workerClaimScope });
        rows = held;
        if (!this.journal || held.length >= limit) return { held, fresh: [] };
        const expansion = await this.journal.expandIn(trx, limit - held.length, now, { processedBy: this.id });
        moved = expansion.requests;
        rows = held.concat(expansion.rows);
        return { held, fresh: expansion.rows, parsed: expansion.parsed };
      });
    } catch (error) {
      // Nothing was read (the write lock was not to be had, say): the loop logs it and tries again.
      if (rows.length === 0) throw error;
      if (moved > 0) {
        this.logger.warn({ err: coerceError(error) }, 'a batch with journal requests failed; moving them into the inbox on their own');
        await this.journal!.expand(limit);
        return moved;
      }
      await this.isolate(rows, error);
    }
    return moved + rows.length;
  }

  /** Rows known from an earlier attempt, read again (and held) if still due. */
  private sourceOf(rows: ClaimedRow[]): RowSource {
    return async (trx, now) => ({ held: await readDue(trx, this.db.dialect, { now, limit: rows.length, known: rows, scope: this.config.workerClaimScope }), fresh: [] });
  }

  private async process(rows: ClaimedRow[]): Promise<void> {
    try {
      await this.processTogether(this.sourceOf(rows));
    } catch (error) {
      await this.isolate(rows, error);
    }
  }

  /**
   * The batch failed as a whole and wrote nothing. One that lost a race (a deadlock with another
   * process's transaction, a guarded money transition that found its row changed: see
   * db/conflict-retry.ts) is run again as it was, a bounded number of times, before anything is
   * blamed on one of its events.
   */
  private async isolate(rows: ClaimedRow[], error: unknown): Promise<void> {
    if (isConcurrencyConflict(error)) {
      try {
        await retryOnConflict(() => this.processTogether(this.sourceOf(rows)), { attempts: 5 });
        return;
      } catch (again) {
        error = again;
      }
    }
    if (rows.length === 1) {
      await this.recordFailure(rows[0]!, coerceError(error));
      return;
    }
    // One event broke the batch: do them one at a time so only that one fails.
    for (const row of rows) await this.process([row]);
  }

  private async processTogether(source: RowSource): Promise<void> {
    const items: PipelineItem[] = [];
    const unreadable: Array<{ row: ClaimedRow; error: Error }> = [];
    // Claims and retry bookkeeping run on the system clock; the flows read the runtime's clock.
    const now = Date.now();
    const flowNow = this.clock.now();
    const afterwards: Array<(committed: boolean) => void> = [];
    const afterTransaction = (then: (committed: boolean) => void) => afterwards.push(then);
    // Each runs whatever another did: the batch's fate is sealed, and a stage's bookkeeping (the
    // handoff's reserved room) must not be skipped because an earlier one threw.
    const ended = (committed: boolean) => {
      for (const then of afterwards.splice(0)) {
        try {
          then(committed);
        } catch (error) {
          this.logger.error({ err: coerceError(error) }, 'a pipeline stage failed after its batch transaction ended');
        }
      }
    };
    await this.transaction(async (trx) => {
      const { held, fresh, parsed } = await source(trx, now);
      const heldIds = new Set(held.map((row) => row.id));
      for (const row of held.concat(fresh)) {
        try {
          items.push({ event: normalize(row, parsed?.get(row.id)), notes: {} });
        } catch (error) {
          unreadable.push({ row, error: coerceError(error) });
        }
      }
      let live = items;
      for (const stage of this.stages) {
        if (live.length === 0) break;
        await stage.run(live, { trx, now: flowNow, afterTransaction });
        live = live.filter((item) => item.blockedReason === undefined);
      }
      const eventRows = live.map((item) => toEventRow(item.event, now));
      await insertEvents(trx, this.db.dialect, eventRows);
      const processedIds = live.flatMap((item) => (heldIds.has(item.event.id) ? [item.event.id] : []));
      const changed = await markProcessedHeld(trx, this.db.dialect, this.id, processedIds, now);
      if (changed < processedIds.length) throw new Error('inbox rows read in this transaction changed while it held them');
      const others = [...items.filter((item) => item.blockedReason !== undefined).map((item) => item.event.id), ...unreadable.map(({ row }) => row.id)];
      await holdInTransaction(trx, this.id, others);
      for (const item of items) {
        if (item.blockedReason !== undefined) await markBlocked(trx, this.id, item.event.id, item.blockedReason, now);
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
    }).then(
      () => ended(true),
      (error: unknown) => {
        ended(false);
        throw error;
      },
    );
    const outcomes: ProcessingOutcome[] = items.map((item) => ({
      id: item.event.id,
      status: item.blockedReason === undefined ? 'processed' : 'blocked',
      eventId: item.blockedReason === undefined ? item.event.id : null,
      error: item.blockedReason ?? null,
    }));
    for (const { row, error } of unreadable) outcomes.push({ id: row.id, status: 'failed', eventId: null, error: error.message });
    this.hooks.onOutcomes?.(outcomes, items);
  }

  /** A batch's transaction: durable as configured once it resolves (see `walSync`). */
  private transaction<T>(write: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.walSync ? this.walSync.transaction(write) : this.db.kysely.transaction().execute(write);
  }

  private nextAttempt(attempt: number, now: number): number | null {
    if (attempt >= this.config.maxProcessingAttempts) return null;
    return now + backoffDelay(attempt);
  }

  private async recordFailure(row: ClaimedRow, error: Error): Promise<void> {
    const now = Date.now();
    this.logger.warn({ inboxId: row.id, attempt: row.retry_count + 1, err: error }, 'event processing failed');
    try {
      const recorded = await this.db.kysely.transaction().execute(async (trx) => {
        // The failed transaction held the row only while it ran: record the failure only if no
        // other worker finished (or holds) the row since, on the row as it is now.
        const [held] = await readDue(trx, this.db.dialect, { now, limit: 1, known: [row], scope: this.config.workerClaimScope });
        if (held === undefined) return false;
        await holdInTransaction(trx, this.id, [row.id]);
        const attempt = held.retry_count + 1;
        const nextAttemptAt = this.nextAttempt(attempt, now);
        return markFailed(trx, this.id, { id: row.id, error: error.message, retryable: true, retryCount: attempt, nextAttemptAt });
      });
      if (recorded) this.hooks.onOutcomes?.([{ id: row.id, status: 'failed', eventId: null, error: error.message }], []);
    } catch (recordError) {
      // The row is still due: another attempt will be made; nothing is lost.
      this.logger.error({ inboxId: row.id, err: coerceError(recordError) }, 'could not record a processing failure');
    }
  }
}
