import { CompiledQuery, type Kysely } from 'kysely';
import { insertTextBySize, rowParameters, type Database, type DialectCapabilities } from '../db/index.ts';
import type { DeliveryTable } from './tables.ts';

/**
 * A new delivery as the forwarding stage queues it, never tried: `pending` and due at once, or
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

const ROWS_PER_STATEMENT = 100;

/** The insert of `rowCount` deliveries. */
const statement = insertTextBySize('deliveries', COLUMNS);

/**
 * Writes the outbox rows of a pipeline batch inside its transaction, up to ROWS_PER_STATEMENT per
 * statement. Plain SQL text kept per row count, as event-insert.ts does for events: the query
 * builder spent about a quarter of the forwarding stage's time (measured on bench:forwarding)
 * turning 17 values per row into operation nodes and SQL for every batch; only the columns
 * that vary are bound.
 */
export async function insertDeliveries(trx: Kysely<Database>, dialect: DialectCapabilities, rows: readonly QueuedDelivery[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const count = Math.min(ROWS_PER_STATEMENT, rows.length - start);
    await trx.executeQuery(CompiledQuery.raw(statement(dialect, count), rowParameters(rows, start, count, COLUMNS)));
  }
}
