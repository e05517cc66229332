import { AppError } from '../../errors/index.ts';
import type { PayoutRow } from '../api/index.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import { insertClawback } from '../flows/review.ts';
import { completeObligation, releaseObligations } from '../ledger/obligation-transitions.ts';

/**
 * Settling payouts. A payout's states (Siren's words):
 *
 *   unpaid ──paid──▶ paid     its obligations → complete, payout id kept on them (ObligationCompleted)
 *     │   └─failed─▶ failed   its obligations → payable again (released from the run and the payout)
 *     └─processing─▶ processing  handed to the bank or PayPal, waiting for its answer (same exits);
 *                                left out of the run's default export, so it is not uploaded twice
 *
 * paid and failed are final. A run is `complete` once every payout is paid or failed with at least
 * one paid, `failed` when all failed. Callers hold the workspace's ledger lock (ledger/ledger-lock.ts)
 * from before their first read, so two settlements of one run's last payouts cannot both miss that
 * the run is now settled, and a refund cannot change an obligation between our read and our write.
 */
const OPEN: PayoutRow['status'][] = ['unpaid', 'processing'];

/** The payouts of this workspace, or a 404 naming the first id that is not one. */
export async function findPayouts(flow: FlowContext, ids: number[]): Promise<PayoutRow[]> {
  const rows = await flow.trx.selectFrom('payouts').selectAll().where('workspace_id', '=', flow.workspaceId).where('id', 'in', ids).orderBy('id').execute();
  const missing = ids.find((id) => !rows.some((row) => row.id === id));
  if (missing !== undefined) throw new AppError('not_found', `Payout ${missing} not found.`);
  return rows;
}

/** The guarded unpaid|processing → paid|failed step; a payout already settled is a 409. */
async function closePayout(flow: FlowContext, payoutId: number, values: { status: 'paid' | 'failed'; paid_reference?: string | null; failure_reason?: string | null }): Promise<PayoutRow> {
  const stamp = values.status === 'paid' ? { paid_at: flow.now } : { failed_at: flow.now };
  const row = await flow.trx
    .updateTable('payouts')
    .set({ ...values, ...stamp, updated_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', payoutId)
    .where('status', 'in', OPEN)
    .returningAll()
    .executeTakeFirst();
  if (row) return row;
  const current = await flow.trx.selectFrom('payouts').select('status').where('workspace_id', '=', flow.workspaceId).where('id', '=', payoutId).executeTakeFirst();
  if (!current) throw AppError.notFound('Payout');
  throw new AppError('conflict', `Payout ${payoutId} is already ${current.status}; only an unpaid or processing payout can be marked ${values.status}.`, {
    data: { payout_id: payoutId, status: current.status },
  });
}

/**
 * unpaid → processing: the payout was sent for payment. Marking a processing payout again changes
 * nothing (a retried request); a settled one is a 409. No domain event: Siren's vocabulary has none
 * for a payout on its way, only for one paid (or failed).
 */
export async function markPayoutProcessing(flow: FlowContext, payoutId: number): Promise<PayoutRow> {
  const row = await flow.trx
    .updateTable('payouts')
    .set({ status: 'processing', updated_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', payoutId)
    .where('status', '=', 'unpaid')
    .returningAll()
    .executeTakeFirst();
  if (row) return row;
  const current = await flow.trx.selectFrom('payouts').selectAll().where('workspace_id', '=', flow.workspaceId).where('id', '=', payoutId).executeTakeFirst();
  if (!current) throw AppError.notFound('Payout');
  if (current.status === 'processing') return current;
  throw new AppError('conflict', `Payout ${payoutId} is already ${current.status}; only an unpaid payout can be marked processing.`, {
    data: { payout_id: payoutId, status: current.status },
  });
}

/** PayoutPaid, then ObligationCompleted per obligation it settles (status complete, payout id kept). */
export async function markPayoutPaid(flow: FlowContext, payoutId: number, paidReference: string | null): Promise<PayoutRow> {
  const payout = await closePayout(flow, payoutId, { status: 'paid', paid_reference: paidReference });
  await flow.dispatcher.dispatch('PayoutPaid', {
    payoutId,
    fulfillmentId: payout.fulfillment_id,
    collaboratorId: payout.collaborator_id,
    amount: payout.amount,
    currency: payout.currency,
    paidReference,
  });
  const items = await flow.trx
    .selectFrom('payout_items')
    .innerJoin('obligations', (join) => join.onRef('obligations.id', '=', 'payout_items.obligation_id').onRef('obligations.workspace_id', '=', 'payout_items.workspace_id'))
    .select([
      'payout_items.amount as paid',
      'obligations.id',
      'obligations.kind',
      'obligations.status',
      'obligations.amount',
      'obligations.conversion_id',
      'obligations.collaborator_id',
      'obligations.currency',
    ])
    .where('payout_items.workspace_id', '=', flow.workspaceId)
    .where('payout_items.payout_id', '=', payoutId)
    .orderBy('obligations.id')
    .execute();
  for (const item of items) {
    // A refund while the payout was out shrinks or cancels the obligation (flows/review.ts treats
    // it as unpaid). The money went out anyway: the obligation is complete at what was paid, and a
    // clawback records what is no longer earned, as a refund after payout would have.
    const { changes: ledger, overpaid } = await completeObligation(flow, item, item.paid, payoutId);
    let clawbackObligationId: number | null = null;
    if (overpaid > 0) {
      const clawback = await insertClawback(flow, item.conversion_id, item.collaborator_id, overpaid, item.currency);
      clawbackObligationId = clawback.id;
      ledger.push(clawback.change);
    }
    await flow.dispatcher.dispatch(
      'ObligationCompleted',
      { obligationId: item.id, payoutId, collaboratorId: item.collaborator_id, amount: item.paid, currency: item.currency, clawbackObligationId },
      ledger,
    );
  }
  return payout;
}

/** PayoutFailed: the payout's obligations leave the run and the payout, payable by the next run. */
export async function markPayoutFailed(flow: FlowContext, payoutId: number, reason: string | null): Promise<PayoutRow> {
  const payout = await closePayout(flow, payoutId, { status: 'failed', failure_reason: reason });
  const released = await releaseObligations(flow, payoutId);
  await flow.dispatcher.dispatch('PayoutFailed', {
    payoutId,
    fulfillmentId: payout.fulfillment_id,
    collaboratorId: payout.collaborator_id,
    reason,
    releasedObligationIds: released.ids,
  }, released.changes);
  return payout;
}

/** FulfillmentStatusChanged (processing → complete | failed) once no payout of the run is open. */
export async function completeRunIfSettled(flow: FlowContext, fulfillmentId: number | null): Promise<void> {
  if (fulfillmentId === null) return;
  const run = await flow.trx.selectFrom('fulfillments').select('status').where('workspace_id', '=', flow.workspaceId).where('id', '=', fulfillmentId).executeTakeFirst();
  if (run?.status !== 'processing') return;
  const payouts = await flow.trx.selectFrom('payouts').select('status').where('workspace_id', '=', flow.workspaceId).where('fulfillment_id', '=', fulfillmentId).execute();
  if (payouts.some((p) => OPEN.includes(p.status))) return;
  const to = payouts.length > 0 && payouts.every((p) => p.status === 'failed') ? 'failed' : 'complete';
  await flow.trx.updateTable('fulfillments').set({ status: to, updated_at: flow.now, completed_at: flow.now }).where('id', '=', fulfillmentId).execute();
  await flow.dispatcher.dispatch('FulfillmentStatusChanged', { fulfillmentId, from: 'processing', to });
}
