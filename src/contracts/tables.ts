import type { Selectable } from 'kysely';

/**
 * Table types of migration 0002. They extend the shared `Database` interface by declaration
 * merging, so the contracts module owns its tables without growing `db/schema.ts`.
 */
declare module '../db/schema.ts' {
  interface Database {
    event_contracts: EventContractTable;
    contract_violations: ContractViolationTable;
    contract_versions: ContractVersionTable;
  }
}

export const ENFORCEMENT_MODES = ['allow', 'warn', 'block'] as const;
/** allow: informational; warn: the event passes and violations are stored; block: the event stops. */
export type EnforcementMode = (typeof ENFORCEMENT_MODES)[number];
export const CONTRACT_STATUSES = ['active', 'archived'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export interface EventContractTable {
  /** UUIDv7. */
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  event_type: string;
  /** Empty string matches events without a name (identify, group). */
  event_name: string;
  /** The schema as the user sent it (JSON text), returned unchanged. */
  schema_definition: string;
  enforcement_mode: EnforcementMode;
  undeclared_fields: EnforcementMode;
  status: ContractStatus;
  created_at: number;
  updated_at: number;
}
export type EventContractRow = Selectable<EventContractTable>;

/** required_missing, type_mismatch, undeclared_field, or the JSON-Schema keyword that failed. */
export type ViolationRule = string;

export interface ContractViolationTable {
  /** UUIDv7, so the list paginates by id. */
  id: string;
  workspace_id: string;
  contract_id: string;
  /** The canonical event's id (the inbox row's id, also for blocked events that never became events). */
  event_id: string;
  event_type: string;
  event_name: string | null;
  /** What the contract did with the event: warned or blocked. */
  action: 'warn' | 'block';
  rule: ViolationRule;
  /** Dotted path from the event, e.g. `properties.total`. */
  path: string;
  /** The JSON type of the offending value, or null when it is missing. Never the value itself. */
  value_type: string | null;
  message: string;
  created_at: number;
}
export type ContractViolationRow = Selectable<ContractViolationTable>;

/**
 * One counter per workspace, bumped in the transaction of every contract change, so every
 * process can tell with one cheap query whether its compiled contracts are stale.
 */
export interface ContractVersionTable {
  workspace_id: string;
  version: number;
}
