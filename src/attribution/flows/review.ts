import type { ConversionRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';

type ReviewContext = Pick<FlowContext, 'trx' | 'workspaceId' | 'now' | 'dispatcher'>;

/** Approves a pending conversion: its draft obligations become pending (payable). */
export async function approveConversion(flow: ReviewContext, conversion: ConversionRow, by: 'payment' | 'admin'): Promise<void> {
  const { trx, workspaceId, now } = flow;
  await trx
    .updateTable('conversions')
    .set({ status: 'approved', reviewed_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversion.id)
    .execute();
  const obligations = await trx
    .updateTable('obligations')
    .set({ status: 'pending', updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('conversion_id', '=', conversion.id)
    .where('status', '=', 'draft')
    .returning('id')
    .execute();
  await flow.dispatcher.dispatch('ConversionApproved', {
    conversionId: conversion.id,
    by,
    obligationIds: obligations.map((o) => o.id).sort((a, b) => a - b),
  });
}

/**
 * Rejects a conversion. Unpaid obligations are cancelled; an obligation already paid cannot be
 * taken back, so a negative `clawback` obligation records what the collaborator now owes and
 * later payouts net against it.
 */
export async function rejectConversion(flow: ReviewContext, conversion: ConversionRow, reason: 'refund' | 'admin'): Promise<void> {
  const { trx, workspaceId, now } = flow;
  await trx
    .updateTable('conversions')
    .set({ status: 'rejected', reviewed_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversion.id)
    .execute();
  const obligations = await trx
    .selectFrom('obligations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversion_id', '=', conversion.id)
    .where('kind', '=', 'commission')
    .orderBy('id')
    .execute();
  const cancelled: number[] = [];
  const clawbacks: number[] = [];
  for (const obligation of obligations) {
    if (obligation.status === 'draft' || obligation.status === 'pending') {
      await trx.updateTable('obligations').set({ status: 'cancelled', updated_at: now }).where('id', '=', obligation.id).execute();
      cancelled.push(obligation.id);
    } else if (obligation.status === 'complete' && obligation.amount > 0) {
      clawbacks.push(await insertClawback(flow, conversion.id, obligation.collaborator_id, obligation.amount, obligation.currency));
    }
  }
  await flow.dispatcher.dispatch('ConversionRejected', {
    conversionId: conversion.id,
    reason,
    cancelledObligationIds: cancelled,
    clawbackObligationIds: clawbacks,
  });
}

/** A negative, payable obligation: the part of a paid commission a refund took back. */
export async function insertClawback(flow: ReviewContext, conversionId: number, collaboratorId: number, amount: number, currency: string): Promise<number> {
  const row = await flow.trx
    .insertInto('obligations')
    .values({
      workspace_id: flow.workspaceId,
      conversion_id: conversionId,
      collaborator_id: collaboratorId,
      kind: 'clawback',
      status: 'pending',
      amount: -amount,
      original_amount: -amount,
      currency,
      created_at: flow.now,
      updated_at: flow.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
