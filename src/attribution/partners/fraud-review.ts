import type { FlowContext } from '../flows/flow-context.ts';
import { flagObligations } from '../ledger/obligation-transitions.ts';
import type { FraudReason } from './tables.ts';

/**
 * Marks a new conversion as flagged by the fraud rules: its reasons are stored on it, its draft
 * obligations become `flagged` (ConversionFlagged), and it waits in the review queue for an
 * admin's approve or reject (the conversion review routes), even in a program approving on payment.
 */
export async function flagConversion(flow: FlowContext, conversionId: number, programId: number, collaboratorId: number, reasons: FraudReason[]): Promise<void> {
  await flow.trx.updateTable('conversions').set({ fraud_reasons: JSON.stringify(reasons) }).where('workspace_id', '=', flow.workspaceId).where('id', '=', conversionId).execute();
  const flagged = await flagObligations(flow, conversionId);
  await flow.dispatcher.dispatch('ConversionFlagged', { conversionId, programId, collaboratorId, reasons, obligationIds: flagged.ids }, flagged.changes);
}
