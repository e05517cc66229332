import type { Selectable } from 'kysely';

/**
 * Table types of migration 0003, merged into the shared `Database` interface so this module owns
 * its table without growing `db/schema.ts`. Times are integer ms; JSON is text.
 */
declare module '../db/schema.ts' {
  interface Database {
    event_transformations: EventTransformationTable;
  }
}

/**
 * `draft`: saved without activation (the user is editing); `active`: the test input produced the
 * test output; `error`: compilation, execution or the comparison failed (`error` says which).
 */
export type TransformationStatus = 'draft' | 'active' | 'error';

export interface EventTransformationTable {
  /** UUIDv7. */
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  /** JavaScript defining `function transform(event)`. */
  source_code: string;
  /** JSON text of the sample event, or null when none was given. */
  test_input: string | null;
  /** JSON text of the expected result (object, array of objects, or null for "drop"). */
  test_output: string | null;
  status: TransformationStatus;
  /** Why `status` is `error`; null otherwise. */
  error: string | null;
  created_at: number;
  updated_at: number;
}
export type EventTransformationRow = Selectable<EventTransformationTable>;
