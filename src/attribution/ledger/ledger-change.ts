import type { LedgerEntryKind } from './tables.ts';

/** One change of a collaborator's balance, before it is written with the domain event that announces it. */
export interface LedgerChange {
  kind: LedgerEntryKind;
  obligationId: number;
  collaboratorId: number;
  /** Signed minor units (see LedgerEntryKind for each kind's sign). */
  amount: number;
  currency: string;
}
