import { enrolledOnly } from '../partners/enrollment.ts';
import type { SaleLine } from '../bus/index.ts';
import type { ConversionRow, TransactionRow } from '../model/tables.ts';
import { insertPendingConversion, issueObligation } from './award.ts';
import { completeTransaction, findTransaction } from './complete.ts';
import { ok, refused, type FlowContext, type FlowResult } from './flow-context.ts';
import { decideRenewal } from './renewal-terms.ts';
import { insertTransactionOnce } from './sale.ts';

export interface Renewal {
  source: string;
  /** The renewal payment's own id. */
  externalId: string;
  /** The `externalId` of the sale it renews (or of an earlier renewal of it); else `subscriptionId` finds it. */
  originalExternalId: string | null;
  /** The shop's subscription id, as the first sale reported it. */
  subscriptionId?: string | null;
  total: number;
  currency: string;
  status: 'pending' | 'complete';
  items: SaleLine[];
}

/**
 * The first sale a renewal renews: the one `originalExternalId` names (followed back when it names
 * an earlier renewal), else the oldest sale of the source reporting `subscriptionId`.
 */
async function firstSale(flow: FlowContext, renewal: Renewal): Promise<TransactionRow | undefined> {
  let found: TransactionRow | undefined;
  if (renewal.originalExternalId !== null) {
    found = await findTransaction(flow, renewal.source, renewal.originalExternalId);
  } else if (renewal.subscriptionId != null) {
    found = await flow.trx
      .selectFrom('attribution_transactions')
      .selectAll()
      .where('workspace_id', '=', flow.workspaceId)
      .where('source', '=', renewal.source)
      .where('subscription_id', '=', renewal.subscriptionId)
      .where('renews_transaction_id', 'is', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }
  if (found?.renews_transaction_id != null) {
    found = await flow.trx.selectFrom('attribution_transactions').selectAll().where('workspace_id', '=', flow.workspaceId).where('id', '=', found.renews_transaction_id).executeTakeFirst();
  }
  return found;
}

async function insertRenewalTransaction(flow: FlowContext, renewal: Renewal, original: TransactionRow): Promise<TransactionRow> {
  return insertTransactionOnce(flow, {
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
    subscription_id: renewal.subscriptionId ?? original.subscription_id,
    renews_transaction_id: original.id,
    inbound_event_id: flow.inboundEventId,
    created_at: flow.now,
    completed_at: null,
    refunded_at: null,
  });
}

/**
 * This renewal's period: the first sale's renewal count, bumped. The update locks the sale's row
 * until the flow commits, so concurrent renewals of one sale count one after the other.
 */
async function nextPeriod(flow: FlowContext, original: TransactionRow): Promise<number> {
  const row = await flow.trx
    .updateTable('attribution_transactions')
    .set((eb) => ({ renewal_count: eb('renewal_count', '+', 1) }))
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', original.id)
    .returning('renewal_count')
    .executeTakeFirstOrThrow();
  return Number(row.renewal_count);
}

/** The collaborators of `conversions` who are banned. */
async function bannedAmong(flow: FlowContext, conversions: ConversionRow[]): Promise<Set<number>> {
  const ids = [...new Set(conversions.map((c) => c.collaborator_id))];
  const rows = await flow.trx
    .selectFrom('collaborators')
    .select('id')
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', 'in', ids)
    .where('status', '=', 'banned')
    .execute();
  return new Set(rows.map((row) => row.id));
}

async function renewConversion(flow: FlowContext, conversion: ConversionRow, transaction: TransactionRow, award: { amount: number; incentive: { type: 'percent'; basisPoints: number } | { type: 'flat'; amount: number } }): Promise<void> {
  const renewedId = await insertPendingConversion(flow, {
    kind: 'sale',
    program_id: conversion.program_id,
    collaborator_id: conversion.collaborator_id,
    opportunity_id: conversion.opportunity_id,
    engagement_id: conversion.engagement_id,
    transaction_id: transaction.id,
    award_key: `tx:${transaction.id}`,
    amount: award.amount,
    currency: transaction.currency,
  });
  await flow.dispatcher.dispatch('RenewedConversionsAwarded', {
    programId: conversion.program_id,
    collaboratorId: conversion.collaborator_id,
    conversionIds: [renewedId],
    conversionId: renewedId,
    originalConversionId: conversion.id,
    amount: award.amount,
    currency: transaction.currency,
    incentive: award.incentive,
  });
  await issueObligation(flow, renewedId, conversion.collaborator_id, award.amount, transaction.currency);
}

/**
 * Seed 002's renewal flow: RenewalTriggered, then per standing conversion of the first sale
 * ConversionRenewed (from its original engagement: the collaborator credited for the sale keeps
 * the credit, no opportunity needed) and, when the program's renewal terms pay it and the
 * collaborator is not banned, RenewedConversionsAwarded → ObligationIssued, else
 * RenewalNotAwarded with the reason (`collaborator_banned` first); then
 * TransactionCompleted and ConversionApproved as for a sale. The renewal payment is always stored
 * as its own transaction (also when it earns nothing), so a refund of it reverses only the
 * renewal, and a repeat changes nothing.
 */
export async function recordRenewal(flow: FlowContext, renewal: Renewal): Promise<FlowResult> {
  const original = await firstSale(flow, renewal);
  if (!original) {
    const named = renewal.originalExternalId !== null ? `sale ${renewal.source}/${renewal.originalExternalId}` : `sale of subscription ${renewal.source}/${renewal.subscriptionId}`;
    return refused('not_found', `No ${named} was reported.`);
  }
  const existing = await findTransaction(flow, renewal.source, renewal.externalId);
  if (existing) return ok(existing.opportunity_id);
  const transaction = await insertRenewalTransaction(flow, renewal, original);
  const period = await nextPeriod(flow, original);
  await flow.dispatcher.dispatch('RenewalTriggered', {
    transactionId: transaction.id,
    originalTransactionId: original.id,
    subscriptionId: transaction.subscription_id,
    period,
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
  const programs = await flow.programs.byIds(flow.trx, flow.workspaceId, conversions.map((c) => c.program_id));
  const banned = conversions.length === 0 ? new Set<number>() : await bannedAmong(flow, conversions);
  for (const conversion of conversions) {
    const program = programs.get(conversion.program_id);
    if (!program) continue;
    const base = { transactionId: transaction.id, originalConversionId: conversion.id, programId: program.id, collaboratorId: conversion.collaborator_id, period };
    await flow.dispatcher.dispatch('ConversionRenewed', { ...base, engagementId: conversion.engagement_id });
    // A banned collaborator earns nothing new, whatever the program's terms (see payable-collaborators.ts).
    const decision = banned.has(conversion.collaborator_id)
      ? ({ earns: false, reason: 'collaborator_banned' } as const)
      : // Removed from (or never approved in) a program that takes enrollments: no new earnings there.
        (await enrolledOnly(flow, program, [conversion])).length === 0
        ? ({ earns: false, reason: 'not_enrolled' } as const)
        : decideRenewal(program, { period, firstSaleAt: original.created_at, now: flow.now, total: transaction.total, currency: transaction.currency });
    if (decision.earns) await renewConversion(flow, conversion, transaction, decision.incentive);
    else await flow.dispatcher.dispatch('RenewalNotAwarded', { ...base, reason: decision.reason });
  }
  if (renewal.status === 'complete') await completeTransaction(flow, transaction);
  return ok(transaction.opportunity_id);
}
