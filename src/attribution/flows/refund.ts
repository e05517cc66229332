import { ConcurrentChange } from '../../db/index.ts';
import type { LedgerChange } from '../ledger/ledger-change.ts';
import { lockLedger } from '../ledger/ledger-lock.ts';
import { proRata } from '../model/money.ts';
import { findTransaction } from './complete.ts';
import { ok, refused, type FlowContext, type FlowResult } from './flow-context.ts';
import { rejectConversion, settleObligations } from './review.ts';

export interface Refund {
  source: string;
  externalId: string;
  /** Minor units; null refunds whatever is left of the sale. */
  amount: number | null;
  /** Tells partial refunds of one order apart; a retry with the same id changes nothing. */
  refundId: string | null;
}

/**
 * Seed 002's refund flow: RefundTriggered, then ConversionRejected for each conversion of a sale
 * now fully refunded. A partial refund keeps the conversions and reduces what they earn pro rata
 * (rounded half-even once, from the totals). An unknown sale answers 404 as Siren's SDK expects.
 */
export async function recordRefund(flow: FlowContext, refund: Refund): Promise<FlowResult> {
  // First, before anything is read: a fulfillment run or payout paid at the same moment is then
  // either wholly before this refund (its obligations read as complete: a clawback) or wholly after.
  await lockLedger(flow);
  const transaction = await findTransaction(flow, refund.source, refund.externalId);
  if (!transaction) return refused('not_found', `No sale ${refund.source}/${refund.externalId} was reported.`);
  const key = refund.refundId ?? (refund.amount === null ? 'full' : `amount:${refund.amount}`);
  const repeat = await flow.trx
    .selectFrom('attribution_refunds')
    .select('id')
    .where('workspace_id', '=', flow.workspaceId)
    .where('transaction_id', '=', transaction.id)
    .where('refund_key', '=', key)
    .executeTakeFirst();
  if (repeat) return ok(transaction.opportunity_id);
  const remaining = transaction.total - transaction.refunded_total;
  const amount = refund.amount ?? remaining;
  // Nothing to refund: a full refund of a sale already refunded in full, or an amount of zero.
  if (amount === 0) return ok(transaction.opportunity_id);
  // Also a new refund of a sale refunded in full: nothing is left for it.
  if (amount > remaining) {
    return refused('refund_exceeds_sale', `The refund of ${amount} exceeds the ${remaining} left of the sale (minor units, ${transaction.currency}).`, transaction.opportunity_id);
  }
  const refundedTotal = transaction.refunded_total + amount;
  const full = refundedTotal === transaction.total;
  await flow.trx
    .insertInto('attribution_refunds')
    .values({ workspace_id: flow.workspaceId, transaction_id: transaction.id, refund_key: key, amount, currency: transaction.currency, inbound_event_id: flow.inboundEventId, created_at: flow.now })
    .execute();
  const moved = await flow.trx
    .updateTable('attribution_transactions')
    .set({ refunded_total: refundedTotal, refunded_at: flow.now, ...(full ? { status: 'refunded' as const } : {}) })
    .where('id', '=', transaction.id)
    .where('refunded_total', '=', transaction.refunded_total)
    .executeTakeFirst();
  if (moved.numUpdatedRows !== 1n) throw new ConcurrentChange(`Transaction ${transaction.id}`);
  const conversions = await flow.trx
    .selectFrom('conversions')
    .selectAll()
    .where('workspace_id', '=', flow.workspaceId)
    .where('transaction_id', '=', transaction.id)
    .where('status', '!=', 'rejected')
    .orderBy('id')
    .execute();
  const adjusted: number[] = [];
  const clawbacks: number[] = [];
  const ledger: LedgerChange[] = [];
  if (!full) {
    for (const conversion of conversions) {
      const earned = proRata(conversion.amount, transaction.total - refundedTotal, transaction.total);
      const settlement = await settleObligations(flow, conversion, earned);
      adjusted.push(...settlement.adjusted, ...settlement.cancelled);
      clawbacks.push(...settlement.clawbacks);
      ledger.push(...settlement.ledger);
    }
  }
  await flow.dispatcher.dispatch('RefundTriggered', {
    transactionId: transaction.id,
    source: transaction.source,
    externalId: transaction.external_id,
    amount,
    refundedTotal,
    currency: transaction.currency,
    full,
    adjustedObligationIds: adjusted,
    clawbackObligationIds: clawbacks,
  }, ledger);
  if (full) for (const conversion of conversions) await rejectConversion(flow, conversion, 'refund');
  return ok(transaction.opportunity_id);
}
