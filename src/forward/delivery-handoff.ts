import type { ClaimedDelivery } from './tables.ts';

/**
 * The in-memory path from the pipeline to this process's delivery worker (the transactional
 * outbox's fast path). The forwarding stage asks, inside the batch transaction, for room in a
 * destination's lane; when the worker grants it, the stage writes those deliveries already leased
 * to the worker (`delivering`, `locked_by`, the lease's end in `available_at`), exactly as a claim
 * would have left them, and after the commit hands them over with their events: the worker sends
 * them without claiming them or reading the events back. Nothing about durability changes: the
 * rows are in the outbox, committed with their events, and if this process dies before settling
 * them, their lease runs out and any worker claims them from the database as usual.
 */
export interface DeliveryHandoff {
  /**
   * Reserves room for up to `rows` new deliveries to one destination; undefined when they should
   * be queued in the database instead (the lane is full or not ready, the destination is rate
   * limited or keeps its queue order, the worker is stopping).
   */
  reserve(destinationId: string, rows: number): HandoffLease | undefined;
}

export interface HandoffLease {
  /** How many of the rows asked for the lane took (the first ones); the others are queued. */
  readonly rows: number;
  readonly workerId: string;
  /** The lease's end: the rows' `available_at`. */
  readonly leaseEndsAt: number;
  /** Rows per request: the destination's batch size. */
  readonly batchSize: number;
  /** The transaction committed: send these requests, rendering rows from these events (by id). */
  accept(requests: readonly ClaimedDelivery[][], events: ReadonlyMap<string, Record<string, unknown>>): void;
  /** The transaction rolled back: the room is free again. */
  cancel(): void;
}
