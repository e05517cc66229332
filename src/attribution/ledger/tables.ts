import type { Generated, Selectable } from 'kysely';

/** Table types of migration 0014 (the ledger), merged into the shared `Database`. */
declare module '../../db/schema.ts' {
  interface Database {
    ledger_locks: LedgerLockTable;
    ledger_entries: LedgerEntryTable;
  }
}

/** One row per workspace: the lock every change of money in that workspace takes first. */
export interface LedgerLockTable {
  workspace_id: string;
  /** Counts the transactions that took the lock; only the row lock matters. */
  version: number;
}

/**
 * What changed a collaborator's balance, and by how much. The balance is what the workspace owes
 * the collaborator now, per currency: the amounts of their draft and pending obligations, clawbacks
 * (negative) included. Every entry's `amount` is that balance's change, so a collaborator's entries
 * add up to their balance at any time.
 */
export type LedgerEntryKind =
  /** +amount: a commission (or a distribution's allocation) was issued. */
  | 'obligation_issued'
  /** 0: draft → pending (payable), or → hold when the program holds commissions, when the conversion was approved. */
  | 'obligation_approved'
  /** 0: draft → flagged: the program's fraud rules flagged the sale; an admin approves or rejects it. */
  | 'obligation_flagged'
  /** 0: hold → pending: the holding period ended, the obligation is payable. */
  | 'obligation_released'
  /** −(old − new): a partial refund reduced an unpaid obligation. */
  | 'obligation_reduced'
  /** −amount: a rejection or a full refund cancelled an unpaid obligation. */
  | 'obligation_cancelled'
  /** −amount (the clawback's own negative amount): a refund or rejection took back what was paid. */
  | 'clawback'
  /** +(paid − current): a payout paid more than a refund had left of the obligation while it was out; the clawback that follows takes it back. */
  | 'obligation_restored'
  /** −amount paid: a commission settled by a paid payout. */
  | 'paid'
  /** +amount: a clawback netted against a paid payout (the payout was that much smaller). */
  | 'clawback_netted'
  /** 0: the payout failed; the obligation is payable again. */
  | 'payout_failed';

export interface LedgerEntryTable {
  id: Generated<number>;
  workspace_id: string;
  collaborator_id: number;
  obligation_id: number;
  kind: LedgerEntryKind;
  /** Signed minor units: the change of the collaborator's balance in `currency`. */
  amount: number;
  currency: string;
  /** The inbound event (or admin action) whose flow made the change. */
  inbound_event_id: string;
  /** The domain event that announced it: its name and sequence within the inbound event. */
  event_name: string;
  event_sequence: number;
  created_at: number;
}
export type LedgerEntryRow = Selectable<LedgerEntryTable>;
