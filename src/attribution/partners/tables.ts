import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Table types of migration 0023 (partner programs), merged into the shared `Database`, plus the
 * columns it adds to programs and obligations. The added columns are optional on insert, so flows
 * that create programs or obligations need not know about them.
 */
declare module '../../db/schema.ts' {
  interface Database {
    program_enrollments: ProgramEnrollmentTable;
  }
}

type NullableColumn<T> = ColumnType<T | null, T | null | undefined, T | null>;
type DefaultedColumn<T> = ColumnType<T, T | undefined, T>;

/** Who earns in a program: everyone active (`open`, the default), or enrolled collaborators only. */
export type EnrollmentMode = 'open' | 'approval' | 'invite';

declare module '../model/tables.ts' {
  interface ProgramTable {
    /** Days a new commission waits in `hold` before it is payable (0: payable on approval). */
    hold_days: DefaultedColumn<number>;
    /** JSON object currency → minor units: a collaborator's payout below it waits for a later run. */
    minimum_payouts: NullableColumn<string>;
    enrollment: DefaultedColumn<EnrollmentMode>;
  }
  interface ObligationTable {
    /** While `hold`: when it becomes payable (epoch ms). Kept afterwards, for the record. */
    hold_until: NullableColumn<number>;
  }
}

/**
 * An enrollment's life:
 *   applied ──approve──▶ approved ──remove──▶ removed
 *   invited ──accept/approve──▶ approved      applied ──reject──▶ rejected
 * Only `approved` earns, and only in programs whose enrollment is not `open`.
 */
export type EnrollmentStatus = 'applied' | 'invited' | 'approved' | 'rejected' | 'removed';

export interface ProgramEnrollmentTable {
  id: Generated<number>;
  workspace_id: string;
  program_id: number;
  collaborator_id: number;
  status: EnrollmentStatus;
  created_at: number;
  updated_at: number;
}
export type ProgramEnrollmentRow = Selectable<ProgramEnrollmentTable>;
