import { isoOrNull } from '../../lib/time.ts';
import type { PayoutRow } from '../api/index.ts';
import type { FulfillmentRow } from './tables.ts';

/**
 * The memo a transfer carries so the collaborator and the books can match it to the payout: it
 * names the run and the payout, and is the same in the API and the CSV.
 */
export function payoutReference(row: Pick<PayoutRow, 'id' | 'fulfillment_id'>): string {
  return row.fulfillment_id === null ? `TRB-P${row.id}` : `TRB-F${row.fulfillment_id}-P${row.id}`;
}

/** A payout as the admin API answers it; money in minor units next to its currency. */
export function toPayoutResource(row: PayoutRow, obligationIds: number[]) {
  return {
    id: row.id,
    fulfillment_id: row.fulfillment_id,
    collaborator_id: row.collaborator_id,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    reference: payoutReference(row),
    paid_reference: row.paid_reference,
    failure_reason: row.failure_reason,
    obligation_ids: obligationIds,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
    paid_at: isoOrNull(row.paid_at),
    failed_at: isoOrNull(row.failed_at),
  };
}

/** What a run's payouts add up to, per currency and status. */
export interface RunTotals {
  payout_count: number;
  totals: Array<{ currency: string; amount: number; paid: number }>;
}

export function toFulfillmentResource(row: FulfillmentRow, totals: RunTotals) {
  return {
    id: row.id,
    status: row.status,
    currency: row.currency,
    minimum_payout: row.minimum_payout,
    payout_count: totals.payout_count,
    totals: totals.totals,
    inbound_event_id: row.inbound_event_id,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
    completed_at: isoOrNull(row.completed_at),
  };
}
