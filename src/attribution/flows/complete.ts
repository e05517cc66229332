import { PreparedQuery } from '../model/prepared-query.ts';
import type { ConversionRow, TransactionRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';
import { approveConversion } from './review.ts';

const markComplete = new PreparedQuery((db, p: { workspaceId: string; id: number; now: number }) =>
  db.updateTable('attribution_transactions').set({ status: 'complete', completed_at: p.now }).where('workspace_id', '=', p.workspaceId).where('id', '=', p.id),
);

const pendingConversions = new PreparedQuery((db, p: { workspaceId: string; transactionId: number }) =>
  db.selectFrom('conversions').selectAll().where('workspace_id', '=', p.workspaceId).where('transaction_id', '=', p.transactionId).where('status', '=', 'pending').orderBy('id'),
);

const transactionByOrder = new PreparedQuery((db, p: { workspaceId: string; source: string; externalId: string }) =>
  db.selectFrom('attribution_transactions').selectAll().where('workspace_id', '=', p.workspaceId).where('source', '=', p.source).where('external_id', '=', p.externalId),
);

/**
 * Seed 002's steps 12–13: the payment is confirmed (TransactionCompleted), then each pending
 * conversion of the transaction whose program approves on payment is approved
 * (ConversionApproved, obligations draft → pending). Programs on manual approval wait for an admin.
 */
export async function completeTransaction(flow: FlowContext, transaction: TransactionRow): Promise<void> {
  await markComplete.run(flow.trx, { workspaceId: flow.workspaceId, id: transaction.id, now: flow.now });
  await flow.dispatcher.dispatch('TransactionCompleted', { transactionId: transaction.id, source: transaction.source, externalId: transaction.external_id });
  const conversions: ConversionRow[] = await pendingConversions.execute(flow.trx, { workspaceId: flow.workspaceId, transactionId: transaction.id });
  const programs = await flow.programs.byIds(flow.trx, flow.workspaceId, conversions.map((c) => c.program_id));
  for (const conversion of conversions) {
    // A conversion the fraud rules flagged waits for an admin, whatever the program's approval mode.
    if (programs.get(conversion.program_id)?.approval === 'on_payment' && conversion.fraud_reasons === null) await approveConversion(flow, conversion, 'payment');
  }
}

/** The transaction reported by `source` + `externalId` (the order's id in the shop), if any. */
export async function findTransaction(flow: Pick<FlowContext, 'trx' | 'workspaceId'>, source: string, externalId: string): Promise<TransactionRow | undefined> {
  return transactionByOrder.first(flow.trx, { workspaceId: flow.workspaceId, source, externalId });
}
