import type { SaleLine } from '../bus/index.ts';
import { awardSale } from './award.ts';
import { completeTransaction, findTransaction } from './complete.ts';
import { ok, type FlowContext, type FlowResult } from './flow-context.ts';
import { createOpportunity, findOpportunity, isLive, liveOpportunityOfUser } from './opportunities.ts';
import type { Insertable } from 'kysely';
import { PreparedQuery } from '../model/prepared-query.ts';
import type { OpportunityRow, TransactionRow, TransactionTable } from '../model/tables.ts';
import { codeMatches } from '../model/code-match.ts';

/** A sale as the flow reads it: money already in minor units. */
export interface Sale {
  source: string;
  externalId: string;
  total: number;
  currency: string;
  status: 'pending' | 'complete';
  items: SaleLine[];
  trackingId: number | null;
  userId: string | null;
  email: string | null;
  coupon: string | null;
  /** The shop's subscription id, so later renewals can name it instead of this sale (optional for plugins written before it). */
  subscriptionId?: string | null;
}

/**
 * Another worker stored the same order between our look-up and our insert (the unique index on
 * source + external id said so). The flow's writes are rolled back and the request is answered
 * as the first one was.
 */
export class DuplicateSale extends Error {
  constructor(readonly existing: TransactionRow) {
    super(`transaction ${existing.source}/${existing.external_id} already exists`);
  }
}

/** Every column but the generated ones: a prepared insert binds the same columns each time. */
type TransactionValues = Required<Omit<Insertable<TransactionTable>, 'id' | 'renewal_count'>>;

const transactionInsert = new PreparedQuery((db, p: TransactionValues) =>
  db
    .insertInto('attribution_transactions')
    .values({
      workspace_id: p.workspace_id,
      source: p.source,
      external_id: p.external_id,
      opportunity_id: p.opportunity_id,
      status: p.status,
      total: p.total,
      refunded_total: p.refunded_total,
      currency: p.currency,
      items: p.items,
      user_id: p.user_id,
      email: p.email,
      coupon_code: p.coupon_code,
      subscription_id: p.subscription_id,
      renews_transaction_id: p.renews_transaction_id,
      inbound_event_id: p.inbound_event_id,
      created_at: p.created_at,
      completed_at: p.completed_at,
      refunded_at: p.refunded_at,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'source', 'external_id']).doNothing())
    .returningAll(),
);

/**
 * Stores the transaction of an order, once: the unique index on source + external id decides
 * between two workers storing the same order, and the loser throws DuplicateSale with the winner.
 */
export async function insertTransactionOnce(flow: FlowContext, values: TransactionValues): Promise<TransactionRow> {
  const transaction = await transactionInsert.first(flow.trx, values);
  if (transaction) return transaction;
  const winner = await findTransaction(flow, values.source, values.external_id);
  if (!winner) throw new Error('transaction insert conflicted but no transaction was found');
  throw new DuplicateSale(winner);
}

/** The visitor's opportunity: the one the sale names, else the request's hint, else the customer's newest live one. */
async function attributableOpportunity(flow: FlowContext, sale: Sale): Promise<OpportunityRow | undefined> {
  for (const id of [sale.trackingId, flow.hints.opportunityId]) {
    const found = await findOpportunity(flow, id);
    if (isLive(found, flow.now)) return found;
  }
  return liveOpportunityOfUser(flow, sale.userId);
}

/**
 * The coupon path's first steps: the coupon's owner becomes the referrer of a new opportunity
 * (CouponApplied), with engagements from the coupon's programs (EngagementsTriggered).
 */
export async function applyCoupon(flow: FlowContext, sale: Pick<Sale, 'coupon' | 'userId' | 'email'>): Promise<OpportunityRow | undefined> {
  const code = sale.coupon?.trim();
  if (!code) return undefined;
  const coupon = await flow.trx.selectFrom('coupons').selectAll().where('workspace_id', '=', flow.workspaceId).where(codeMatches(code)).executeTakeFirst();
  if (!coupon || coupon.status !== 'active') return undefined;
  const collaborator = await flow.trx.selectFrom('collaborators').selectAll().where('workspace_id', '=', flow.workspaceId).where('id', '=', coupon.collaborator_id).executeTakeFirst();
  if (!collaborator || collaborator.status !== 'active') return undefined;
  const { opportunity, create } = await createOpportunity(flow, { collaborator, origin: 'coupon', userId: sale.userId, email: sale.email, landingUrl: null, couponId: coupon.id });
  await flow.dispatcher.dispatch('CouponApplied', { couponId: coupon.id, code, collaboratorId: collaborator.id, opportunityId: opportunity.id });
  const { engagementIds, programIds } = await create();
  await flow.dispatcher.dispatch('EngagementsTriggered', { opportunityId: opportunity.id, collaboratorId: collaborator.id, trigger: 'coupon', engagementIds, programIds });
  return opportunity;
}

function assertStorable(request: { total: number; currency: string; items: SaleLine[] }): void {
  const amounts = [request.total, ...request.items.flatMap((item) => [item.amount, item.quantity])];
  if (!amounts.every((n) => Number.isSafeInteger(n) && n >= 0) || !/^[A-Z]{3}$/.test(request.currency)) {
    throw new Error('a TransactionCreateRequested listener left an invalid amount or currency');
  }
}

/**
 * The standard sale (seed 002, steps 3–13) and, with a known coupon, the coupon path before it.
 * A repeat of an order already stored changes nothing and answers with its opportunity. A sale
 * with no live opportunity is stored as a transaction with no conversion. A `pending` sale stops
 * after ObligationIssued; `transaction-completed` finishes it later.
 */
export async function recordSale(flow: FlowContext, sale: Sale): Promise<FlowResult> {
  const existing = await findTransaction(flow, sale.source, sale.externalId);
  if (existing) return ok(existing.opportunity_id);
  const opportunity = (await applyCoupon(flow, sale)) ?? (await attributableOpportunity(flow, sale));
  await flow.dispatcher.dispatch('SaleTriggered', {
    source: sale.source,
    externalId: sale.externalId,
    total: sale.total,
    currency: sale.currency,
    status: sale.status,
    opportunityId: opportunity?.id ?? null,
  });
  const request = await flow.dispatcher.dispatch('TransactionCreateRequested', {
    source: sale.source,
    externalId: sale.externalId,
    total: sale.total,
    currency: sale.currency,
    status: sale.status,
    opportunityId: opportunity?.id ?? null,
    items: sale.items,
    userId: sale.userId,
    email: sale.email,
    couponCode: sale.coupon,
  });
  assertStorable(request);
  const transaction = await insertTransactionOnce(flow, {
    workspace_id: flow.workspaceId,
    source: sale.source,
    external_id: sale.externalId,
    opportunity_id: request.opportunityId,
    status: 'pending',
    total: request.total,
    refunded_total: 0,
    currency: request.currency,
    items: JSON.stringify(request.items),
    user_id: request.userId,
    email: request.email,
    coupon_code: request.couponCode,
    subscription_id: sale.subscriptionId ?? null,
    renews_transaction_id: null,
    inbound_event_id: flow.inboundEventId,
    created_at: flow.now,
    completed_at: null,
    refunded_at: null,
  });
  await flow.dispatcher.dispatch('TransactionCreated', {
    transactionId: transaction.id,
    source: transaction.source,
    externalId: transaction.external_id,
    total: transaction.total,
    currency: transaction.currency,
    opportunityId: transaction.opportunity_id,
  });
  const attributed = request.opportunityId === opportunity?.id ? opportunity : await findOpportunity(flow, request.opportunityId);
  if (isLive(attributed, flow.now)) await awardSale(flow, attributed, transaction);
  if (request.status === 'complete') await completeTransaction(flow, transaction);
  return ok(transaction.opportunity_id);
}
