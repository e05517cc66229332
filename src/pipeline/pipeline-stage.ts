import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import type { CanonicalEvent } from './canonical-event.ts';

/** One event moving through the pipeline within a worker's batch. */
export interface PipelineItem {
  readonly event: CanonicalEvent;
  /** Set by a stage to stop the event: its inbox row ends `blocked` with this reason. */
  blockedReason?: string;
  /** What stages noted about the event (contract verdicts, transformation results), for the live view. */
  readonly notes: Record<string, unknown>;
}

export interface StageContext {
  /** The batch transaction: everything a stage writes commits with the events, or not at all. */
  readonly trx: Kysely<Database>;
  readonly now: number;
  /**
   * Runs `then` once the batch transaction has ended: with `true` after its commit, `false` after
   * a rollback. For work that must not start before the stage's writes are visible, or must be
   * undone when they never will be (the forwarding stage's in-memory handoff).
   */
  afterTransaction(then: (committed: boolean) => void): void;
}

/**
 * A step of the pipeline (contracts, bindings to attribution, forwarding, volume). Stages run in
 * order inside the batch transaction, each over the items no earlier stage blocked. A stage that
 * throws fails the batch; the worker then retries the events one by one to isolate the culprit.
 */
export interface PipelineStage {
  readonly name: string;
  run(items: PipelineItem[], context: StageContext): Promise<void>;
}
