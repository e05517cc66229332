import type { Generated, Selectable } from 'kysely';

/**
 * Table types of migration 0006, merged into the shared `Database` as the model's tables are.
 * Times are integer ms, money is integer minor units plus an ISO 4217 currency.
 */
declare module '../../db/schema.ts' {
  interface Database {
    payouts: PayoutTable;
  }
}

/** Siren's payout vocabulary, stored as is. */
export type PayoutStatus = 'unpaid' | 'processing' | 'paid' | 'failed';

export interface PayoutTable {
  id: Generated<number>;
  workspace_id: string;
  collaborator_id: number;
  status: PayoutStatus;
  amount: number;
  currency: string;
  created_at: number;
  updated_at: number;
  paid_at: number | null;
}
export type PayoutRow = Selectable<PayoutTable>;
