import { PreparedQuery } from '../model/prepared-query.ts';
import type { ConversionRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';

type ReviewContext = Pick<FlowContext, 'trx' | 'workspaceId' | 'now' | 'dispatcher'>;

const conversionApproval = new PreparedQuery((db, p: { workspaceId: string; id: number; now: number }) =>
  db.updateTable('conversions').set({ status: 'approved', reviewed_at: p.now }).where('workspace_id', '=', p.workspaceId).where('id', '=', p.id),
);

/** The approved conversion's draft obligations become pending; `id` is the conversion's. */
const obligationsPayable = new PreparedQuery((db, p: { workspaceId: string; id: number; now: number }) =>
  db
    .updateTable('obligations')
    .set({ status: 'pending', updated_at: p.now })
    .where('workspace_id', '=', p.workspaceId)
    .where('conversion_id', '=', p.id)
    .where('status', '=', 'draft')
    .returning('id'),
);

/** Approves a pending conversion: its draft obligations become pending (payable). */
export async function approveConversion(flow: ReviewContext, conversion: ConversionRow, by: 'payment' | 'admin'): Promise<void> {
  const params = { workspaceId: flow.workspaceId, id: conversion.id, now: flow.now };
  await conversionApproval.run(flow.trx, params);
  const obligations = await obligationsPayable.execute(flow.trx, params);
  await flow.dispatcher.dispatch('ConversionApproved', {
    conversionId: conversion.id,
    by,
    obligationIds: obligations.map((o) => o.id).sort((a, b) => a - b),
  });
}

/** What settling a conversion's obligations changed. */
export interface Settlement {
  cancelled: number[];
  adjusted: number[];
  clawbacks: number[];
}

/**
 * Brings a conversion's obligations in line with what it has now `earned` (minor units). Unpaid
 * commission obligations shrink to what is still owed (cancelled at zero); when more was already
 * paid than is earned, a negative `clawback` obligation records the difference, which later
 * payouts net against. Recomputing from the totals each time means successive partial refunds
 * round once per state and never claw back more than was paid.
 */
export async function settleObligations(flow: ReviewContext, conversion: ConversionRow, earned: number): Promise<Settlement> {
  const { trx, workspaceId, now } = flow;
  const obligations = await trx
    .selectFrom('obligations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversion_id', '=', conversion.id)
    .where('status', '!=', 'cancelled')
    .orderBy('id')
    .execute();
  // Paid commissions minus what clawbacks already took back (their amounts are negative).
  let settled = 0;
  const unpaid = [];
  for (const obligation of obligations) {
    if (obligation.kind === 'clawback') settled += obligation.amount;
    else if (obligation.status === 'complete') settled += obligation.amount;
    else unpaid.push(obligation);
  }
  const result: Settlement = { cancelled: [], adjusted: [], clawbacks: [] };
  let owed = Math.max(0, earned - settled);
  for (const obligation of unpaid) {
    const amount = Math.min(owed, obligation.amount);
    owed -= amount;
    if (amount === obligation.amount) continue;
    if (amount === 0) {
      await trx.updateTable('obligations').set({ status: 'cancelled', updated_at: now }).where('id', '=', obligation.id).execute();
      result.cancelled.push(obligation.id);
    } else {
      await trx.updateTable('obligations').set({ amount, updated_at: now }).where('id', '=', obligation.id).execute();
      result.adjusted.push(obligation.id);
    }
  }
  if (settled > earned) {
    result.clawbacks.push(await insertClawback(flow, conversion.id, conversion.collaborator_id, settled - earned, conversion.currency));
  }
  return result;
}

/**
 * Rejects a conversion: nothing is earned any more. Unpaid obligations are cancelled; what was
 * already paid becomes a negative balance (see settleObligations).
 */
export async function rejectConversion(flow: ReviewContext, conversion: ConversionRow, reason: 'refund' | 'admin'): Promise<void> {
  await flow.trx
    .updateTable('conversions')
    .set({ status: 'rejected', reviewed_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', conversion.id)
    .execute();
  const settlement = await settleObligations(flow, conversion, 0);
  await flow.dispatcher.dispatch('ConversionRejected', {
    conversionId: conversion.id,
    reason,
    cancelledObligationIds: settlement.cancelled,
    clawbackObligationIds: settlement.clawbacks,
  });
}

/** A negative, payable obligation: the part of a paid commission a refund took back. */
async function insertClawback(flow: ReviewContext, conversionId: number, collaboratorId: number, amount: number, currency: string): Promise<number> {
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
