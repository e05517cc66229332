import type { Selectable } from 'kysely';

/** Table types of migration 0017, merged into the shared `Database` interface. */
declare module '../db/schema.ts' {
  interface Database {
    regulations: RegulationTable;
    suppressions: SuppressionTable;
  }
}

/** Segment's regulation types (`DELETE_ONLY`, `SUPPRESS_ONLY`, `SUPPRESS_WITH_DELETE`, `UNSUPPRESS`), in our spelling. */
export const REGULATION_TYPES = ['delete', 'suppress', 'suppress_with_delete', 'unsuppress'] as const;
export type RegulationType = (typeof REGULATION_TYPES)[number];

export const SUBJECT_TYPES = ['user_id', 'anonymous_id', 'email'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** Segment's `overallStatus` values that apply here. */
export const REGULATION_STATUSES = ['initialized', 'running', 'finished', 'failed'] as const;
export type RegulationStatus = (typeof REGULATION_STATUSES)[number];

/** What a regulation erased, by kind of data. */
export interface ErasureCounts {
  /** Canonical events. */
  events: number;
  /** Inbox rows (the events as received). */
  inbox_rows: number;
  /** Messages cut out of Segment request bodies still waiting in the journal. */
  journal_messages: number;
  /** Deliveries (outbox rows) of those events, with their attempts. */
  deliveries: number;
  contract_violations: number;
  /** Events dropped from live-stream readers' buffers in this process. */
  live_messages: number;
  /** Attribution rows (opportunities, transactions, domain-event log) whose identifying fields were replaced. */
  attribution_records: number;
}

export const ZERO_COUNTS: Readonly<ErasureCounts> = Object.freeze({
  events: 0,
  inbox_rows: 0,
  journal_messages: 0,
  deliveries: 0,
  contract_violations: 0,
  live_messages: 0,
  attribution_records: 0,
});

export interface RegulationTable {
  id: string;
  workspace_id: string;
  type: RegulationType;
  subject_type: SubjectType;
  /** JSON array of the subject ids as requested (emails lower-cased). */
  subject_ids: string;
  status: RegulationStatus;
  /** JSON `ErasureCounts`. */
  counts: string;
  /** JSON `IdentityLists`: the person's ids found so far, linked ones included. */
  identities: string;
  error: string | null;
  /** Failed runs so far; the regulation fails for good at the runner's limit. */
  attempts: number;
  /** The earliest time a delete may finish (its suppression has reached every process by then). */
  settles_at: number;
  locked_by: string | null;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}
export type RegulationRow = Selectable<RegulationTable>;

export interface SuppressionTable {
  workspace_id: string;
  subject_type: SubjectType;
  subject_id: string;
  regulation_id: string;
  /** 1 for a delete's suppression while it runs; 0 until an `unsuppress`. */
  temporary: number;
  created_at: number;
}
