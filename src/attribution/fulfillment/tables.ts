import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Table types of migration 0007, merged into the shared `Database`, plus the columns 0007 adds to
 * `payouts` (0006) and `obligations` (0004), merged into their interfaces. The added columns are
 * optional on insert, so the flows that create obligations need not know about fulfillment.
 */
declare module '../../db/schema.ts' {
  interface Database {
    fulfillments: FulfillmentTable;
    payout_items: PayoutItemTable;
  }
}

type NullableColumn<T> = ColumnType<T | null, T | null | undefined, T | null>;

declare module '../api/tables.ts' {
  interface PayoutTable {
    /** The fulfillment run that created the payout. */
    fulfillment_id: NullableColumn<number>;
    /** What the admin recorded when marking it paid (a bank or PayPal transaction id). */
    paid_reference: NullableColumn<string>;
    failure_reason: NullableColumn<string>;
    failed_at: NullableColumn<number>;
  }
}

declare module '../model/tables.ts' {
  interface ObligationTable {
    /** The fulfillment run holding the obligation; cleared when its payout fails. */
    fulfillment_id: NullableColumn<number>;
    /** The payout it is in; kept once paid (ObligationCompleted writes it back). */
    payout_id: NullableColumn<number>;
  }
}

/** Siren's fulfillment vocabulary, stored as is. */
export type FulfillmentStatus = 'pending' | 'processing' | 'complete' | 'failed';

export interface FulfillmentTable {
  id: Generated<number>;
  workspace_id: string;
  status: FulfillmentStatus;
  /** Only obligations in this currency, or every currency when null. */
  currency: string | null;
  /** Minor units of `currency`: a collaborator whose net is below it is left for a later run. */
  minimum_payout: number | null;
  /** The admin action whose domain events the run logged. */
  inbound_event_id: string;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}
export type FulfillmentRow = Selectable<FulfillmentTable>;

export interface PayoutItemTable {
  id: Generated<number>;
  workspace_id: string;
  payout_id: number;
  obligation_id: number;
  /** The obligation's amount when the payout was built (negative for a clawback). */
  amount: number;
}
export type PayoutItemRow = Selectable<PayoutItemTable>;
