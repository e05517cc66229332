import { programsById } from '../model/programs.ts';
import type { TransactionRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';
import { approveConversion } from './review.ts';

/**
 * Seed 002's steps 12–13: the payment is confirmed (TransactionCompleted), then each pending
 * conversion of the transaction whose program approves on payment is approved
 * (ConversionApproved, obligations draft → pending). Programs on manual approval wait for an admin.
 */
export async function completeTransaction(flow: FlowContext, transaction: TransactionRow): Promise<void> {
  await flow.trx
    .updateTable('attribution_transactions')
    .set({ status: 'complete', completed_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', transaction.id)
    .execute();
  await flow.dispatcher.dispatch('TransactionCompleted', { transactionId: transaction.id, source: transaction.source, externalId: transaction.external_id });
  const conversions = await flow.trx
    .selectFrom('conversions')
    .selectAll()
    .where('workspace_id', '=', flow.workspaceId)
    .where('transaction_id', '=', transaction.id)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
  const programs = await programsById(flow.trx, flow.workspaceId, [...new Set(conversions.map((c) => c.program_id))]);
  for (const conversion of conversions) {
    if (programs.get(conversion.program_id)?.approval === 'on_payment') await approveConversion(flow, conversion, 'payment');
  }
}

/** The transaction reported by `source` + `externalId` (the order's id in the shop), if any. */
export async function findTransaction(flow: Pick<FlowContext, 'trx' | 'workspaceId'>, source: string, externalId: string): Promise<TransactionRow | undefined> {
  return flow.trx
    .selectFrom('attribution_transactions')
    .selectAll()
    .where('workspace_id', '=', flow.workspaceId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}
