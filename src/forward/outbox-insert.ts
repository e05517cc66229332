import { CompiledQuery, type Kysely } from 'kysely';
import { insertTextBySize, rowParameters, type Database, type DialectCapabilities } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import type { DeliveryTable } from './tables.ts';

/**
 * A new delivery's row as it is queued, never tried: `pending` and due at once, or
 * `delivering`, leased to this process's delivery worker, which sends it from memory (see
 * DeliveryWorker.reserve).
 */
export type QueuedDelivery = Pick<
  DeliveryTable,
  | 'id'
  | 'workspace_id'
  | 'destination_id'
  | 'rule_id'
  | 'event_id'
  | 'transformation_id'
  | 'status'
  | 'locked_by'
  | 'batch_id'
  | 'available_at'
  | 'deadline_at'
  | 'created_at'
  | 'updated_at'
  | 'payload'
>;

/** The bound columns, in parameter order; the others take their defaults (NULL, attempt_count 0). */
const COLUMNS = [
  'id',
  'workspace_id',
  'destination_id',
  'rule_id',
  'event_id',
  'transformation_id',
  'status',
  'locked_by',
  'batch_id',
  'available_at',
  'deadline_at',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof QueuedDelivery>;

/** The same with a body rendered when the delivery was queued (a Siren webhook's). */
const COLUMNS_WITH_PAYLOAD = [...COLUMNS, 'payload'] as const satisfies ReadonlyArray<keyof QueuedDelivery>;

const ROWS_PER_STATEMENT = 100;

/** The insert of `rowCount` deliveries. */
const statement = insertTextBySize('deliveries', COLUMNS);
const statementWithPayload = insertTextBySize('deliveries', COLUMNS_WITH_PAYLOAD);

/** A delivery to queue: what it carries and where to; forwarding decides its queue state. */
export interface NewDelivery {
  /** Its id, when the caller needs it before the row exists (to render it into `payload`). */
  readonly id?: string;
  readonly workspaceId: string;
  readonly destinationId: string;
  /** What queued it: a forwarding rule's id, or another producer's label for the deliveries list. */
  readonly ruleId: string;
  /** The inbound event it is for. */
  readonly eventId: string;
  readonly transformationId?: string | null;
  /** The body, rendered now; without one the event's resource is read and sent (transformed). */
  readonly payload?: string | null;
}

/** A new delivery's row, never tried: `pending`, due at once, retried until `now + retryBudgetMs`. */
export function pendingDelivery(delivery: NewDelivery, now: number, retryBudgetMs: number): QueuedDelivery {
  return {
    id: delivery.id ?? newId(),
    workspace_id: delivery.workspaceId,
    destination_id: delivery.destinationId,
    rule_id: delivery.ruleId,
    event_id: delivery.eventId,
    transformation_id: delivery.transformationId ?? null,
    status: 'pending',
    locked_by: null,
    batch_id: null,
    available_at: now,
    deadline_at: now + retryBudgetMs,
    created_at: now,
    updated_at: now,
    payload: delivery.payload ?? null,
  };
}

/**
 * Queues deliveries in the caller's transaction, so they exist exactly when what caused them
 * commits (the transactional outbox). Forwarding's workers send them: retries, dead letters,
 * replay, the SSRF guard. The one way for another capability to write `deliveries`; wake the
 * delivery worker after the commit (the rows are not visible before).
 */
export async function queueDeliveries(
  trx: Kysely<Database>,
  dialect: DialectCapabilities,
  deliveries: readonly NewDelivery[],
  { now, retryBudgetMs }: { now: number; retryBudgetMs: number },
): Promise<void> {
  await insertDeliveries(trx, dialect, deliveries.map((delivery) => pendingDelivery(delivery, now, retryBudgetMs)));
}

/**
 * Writes the outbox rows of a pipeline batch inside its transaction, up to ROWS_PER_STATEMENT per
 * statement. Plain SQL text kept per row count, as event-insert.ts does for events: the query
 * builder spent about a quarter of the forwarding stage's time (measured on bench:forwarding)
 * turning 17 values per row into operation nodes and SQL for every batch; only the columns
 * that vary are bound.
 */
export async function insertDeliveries(trx: Kysely<Database>, dialect: DialectCapabilities, rows: readonly QueuedDelivery[]): Promise<void> {
  // The pipeline's rows never carry a body: they bind one column fewer.
  const [columns, text] = rows.some((row) => row.payload != null) ? [COLUMNS_WITH_PAYLOAD, statementWithPayload] : [COLUMNS, statement];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const count = Math.min(ROWS_PER_STATEMENT, rows.length - start);
    await trx.executeQuery(CompiledQuery.raw(text(dialect, count), rowParameters(rows, start, count, columns)));
  }
}
