import { programsById, saleIncentive } from '../model/programs.ts';
import type { SaleLine } from '../bus/index.ts';
import { issueObligation } from './award.ts';
import { completeTransaction, findTransaction } from './complete.ts';
import { ok, refused, type FlowContext, type FlowResult } from './flow-context.ts';
import { DuplicateSale } from './sale.ts';

export interface Renewal {
  source: string;
  /** The renewal payment's own id. */
  externalId: string;
  /** The `externalId` of the sale it renews. */
  originalExternalId: string;
  total: number;
  currency: string;
  status: 'pending' | 'complete';
  items: SaleLine[];
}

/**
 * Seed 002's renewal flow: RenewalTriggered, then per conversion of the original sale still
 * standing ConversionRenewed and ObligationIssued, then TransactionCompleted and
 * ConversionApproved as for a sale. The original engagement keeps the credit: no opportunity is
 * needed. The renewal payment is stored as its own transaction, so a refund of it reverses only
 * the renewal, and a repeat changes nothing.
 */
export async function recordRenewal(flow: FlowContext, renewal: Renewal): Promise<FlowResult> {
  const original = await findTransaction(flow, renewal.source, renewal.originalExternalId);
  if (!original) return refused(404, 'not_found', `No sale ${renewal.source}/${renewal.originalExternalId} was reported.`);
  const existing = await findTransaction(flow, renewal.source, renewal.externalId);
  if (existing) return ok(existing.opportunity_id);
  const transaction = await flow.trx
    .insertInto('attribution_transactions')
    .values({
      workspace_id: flow.workspaceId,
      source: renewal.source,
      external_id: renewal.externalId,
      opportunity_id: original.opportunity_id,
      status: 'pending',
      total: renewal.total,
      refunded_total: 0,
      currency: renewal.currency,
      items: JSON.stringify(renewal.items),
      user_id: original.user_id,
      email: original.email,
      coupon_code: null,
      inbound_event_id: flow.inboundEventId,
      created_at: flow.now,
      completed_at: null,
      refunded_at: null,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'source', 'external_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!transaction) throw new DuplicateSale((await findTransaction(flow, renewal.source, renewal.externalId))!);
  await flow.dispatcher.dispatch('RenewalTriggered', {
    transactionId: transaction.id,
    originalTransactionId: original.id,
    source: transaction.source,
    externalId: transaction.external_id,
    total: transaction.total,
    currency: transaction.currency,
  });
  const conversions = await flow.trx
    .selectFrom('conversions')
    .selectAll()
    .where('workspace_id', '=', flow.workspaceId)
    .where('transaction_id', '=', original.id)
    .where('kind', '=', 'sale')
    .where('status', 'in', ['pending', 'approved'])
    .orderBy('id')
    .execute();
  const programs = await programsById(flow.trx, flow.workspaceId, [...new Set(conversions.map((c) => c.program_id))]);
  for (const conversion of conversions) {
    const program = programs.get(conversion.program_id);
    if (!program || program.status !== 'active') continue;
    const incentive = saleIncentive(program, transaction.total, transaction.currency);
    if (!incentive) continue;
    const row = await flow.trx
      .insertInto('conversions')
      .values({
        workspace_id: flow.workspaceId,
        kind: 'sale',
        program_id: program.id,
        collaborator_id: conversion.collaborator_id,
        opportunity_id: conversion.opportunity_id,
        engagement_id: conversion.engagement_id,
        transaction_id: transaction.id,
        award_key: `tx:${transaction.id}`,
        status: 'pending',
        amount: incentive.amount,
        currency: transaction.currency,
        created_at: flow.now,
        reviewed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await flow.dispatcher.dispatch('ConversionRenewed', {
      originalConversionId: conversion.id,
      conversionId: row.id,
      programId: program.id,
      collaboratorId: conversion.collaborator_id,
      amount: incentive.amount,
      currency: transaction.currency,
    });
    await issueObligation(flow, row.id, conversion.collaborator_id, incentive.amount, transaction.currency);
  }
  if (renewal.status === 'complete') await completeTransaction(flow, transaction);
  return ok(transaction.opportunity_id);
}
