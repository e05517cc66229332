import { CompiledQuery, type Insertable } from 'kysely';
import {
  completeTransaction,
  findTransaction,
  lockLedger,
  ok,
  recordRefund,
  recordRenewal,
  recordSale,
  type EventFactory,
  type FlowContext,
  type FlowResult,
  PreparedQuery,
} from '../../attribution/index.ts';
import { readStripeEvent, StripeEventError, type StripeAction } from './stripe-event.ts';
import { checkoutOpportunity, findStripeSale, rememberRefs, STRIPE_SOURCE } from './stripe-payments.ts';
import { DEFAULT_METADATA_KEY } from './stripe-settings.ts';
import type { StripeEventOutcome, StripeEventTable } from './tables.ts';

type Json = Record<string, unknown>;

/** The inbox slug of a verified Stripe event. Internal: only the signed webhook route appends it. */
export const STRIPE_EVENT_SLUG = 'stripe-event';

interface Handled {
  outcome: StripeEventOutcome;
  externalId: string | null;
  detail: string | null;
  opportunityId: number | null;
  /** A flow refused the event (an unknown sale): its writes are undone, the event is recorded as unmatched. */
  refused?: boolean;
}

const unmatched = (detail: string): Handled => ({ outcome: 'unmatched', externalId: null, detail, opportunityId: null });

// The statements every Stripe event runs, prepared once (see PreparedQuery).
const integrationOptions = new PreparedQuery((db, p: { workspaceId: string }) =>
  db.selectFrom('stripe_integrations').select(['metadata_key', 'match_leads_by_email']).where('workspace_id', '=', p.workspaceId),
);
const recorded = new PreparedQuery((db, p: { workspaceId: string; eventId: string }) =>
  db.selectFrom('stripe_events').select('outcome').where('workspace_id', '=', p.workspaceId).where('event_id', '=', p.eventId),
);
const record = new PreparedQuery((db, p: Insertable<StripeEventTable>) =>
  db.insertInto('stripe_events').values({
    workspace_id: p.workspace_id,
    event_id: p.event_id,
    type: p.type,
    inbox_id: p.inbox_id,
    livemode: p.livemode,
    outcome: p.outcome,
    external_id: p.external_id,
    detail: p.detail,
    stripe_created_at: p.stripe_created_at,
    processed_at: p.processed_at,
  }),
);

async function options(flow: FlowContext): Promise<{ metadataKey: string; matchByEmail: boolean }> {
  const row = await integrationOptions.first(flow.trx, { workspaceId: flow.workspaceId });
  return { metadataKey: row?.metadata_key ?? DEFAULT_METADATA_KEY, matchByEmail: (row?.match_leads_by_email ?? 1) === 1 };
}

function refusal(result: FlowResult, externalId: string | null): Handled {
  return { outcome: 'unmatched', externalId, detail: result.error?.message ?? `refused with ${result.status}`, opportunityId: null, refused: true };
}

/**
 * A checkout is the standard sale: the same `recordSale` `/event/sale` runs, so the same domain
 * events in the same order. A checkout naming no live opportunity is stored unattributed.
 */
async function sale(flow: FlowContext, action: Extract<StripeAction, { kind: 'sale' }>, matchByEmail: boolean): Promise<Handled> {
  const credited = await checkoutOpportunity(flow, action.opportunityHints, action.email, matchByEmail);
  await rememberRefs(flow, action.refs, action.externalId);
  const result = await recordSale(flow, {
    source: STRIPE_SOURCE,
    externalId: action.externalId,
    total: action.total,
    currency: action.currency,
    status: action.status,
    items: [],
    trackingId: credited?.id ?? action.opportunityHints[0] ?? null,
    // Not Stripe's customer id: `userId` is the shop's own id for the visitor, which the site
    // visits carried; a `cus_…` id matches none of them and only widens the award's search.
    userId: null,
    email: action.email,
    coupon: null,
    subscriptionId: action.subscriptionId,
  });
  const detail = result.opportunityId === null ? 'unattributed: no live opportunity from client_reference_id, metadata or the customer email' : `opportunity ${result.opportunityId}`;
  return { outcome: 'sale', externalId: action.externalId, detail, opportunityId: result.opportunityId };
}

async function paymentConfirmed(flow: FlowContext, refs: string[]): Promise<Handled> {
  await lockLedger(flow);
  const transaction = await findStripeSale(flow, refs);
  if (!transaction) return unmatched(`no sale for ${refs.join(', ')}`);
  if (transaction.status === 'pending') await completeTransaction(flow, transaction);
  return { outcome: 'payment_confirmed', externalId: transaction.external_id, detail: null, opportunityId: transaction.opportunity_id };
}

async function renewal(flow: FlowContext, action: Extract<StripeAction, { kind: 'renewal' }>): Promise<Handled> {
  await rememberRefs(flow, action.refs, action.externalId);
  const result = await recordRenewal(flow, {
    source: STRIPE_SOURCE,
    externalId: action.externalId,
    originalExternalId: null,
    subscriptionId: action.subscriptionId,
    total: action.total,
    currency: action.currency,
    status: 'complete',
    items: [],
  });
  if (result.status >= 400) return refusal(result, action.externalId);
  return { outcome: 'renewal', externalId: action.externalId, detail: `subscription ${action.subscriptionId}`, opportunityId: result.opportunityId };
}

/**
 * Stripe tells of a refund twice: `refund.created` (the refund, by id) and `charge.refunded` (the
 * charge, with its cumulative `amount_refunded`, and its refunds only when the endpoint expands
 * them). Either may come first. What is known to be refunded is the larger of the refunds seen by
 * id and the charge's cumulative amount; each event refunds only what that adds to what was
 * already recorded, so one refund seen both ways counts once, and partial refunds add up.
 */
async function refund(flow: FlowContext, action: Extract<StripeAction, { kind: 'refund' }>): Promise<Handled> {
  await lockLedger(flow);
  const found = await findStripeSale(flow, action.refs);
  if (!found) return unmatched(`no sale for ${action.refs.join(', ')}`);
  if (found.currency !== action.currency) return unmatched(`the refund is in ${action.currency}, the sale in ${found.currency}`);
  await rememberRefs(flow, action.refs, found.external_id);
  if (action.refunds.length > 0) {
    await flow.trx
      .insertInto('stripe_refunds')
      .values(action.refunds.map((r) => ({ workspace_id: flow.workspaceId, refund_id: r.id, external_id: found.external_id, amount: r.amount, created_at: flow.now })))
      .onConflict((oc) => oc.columns(['workspace_id', 'refund_id']).doNothing())
      .execute();
  }
  const byId = await flow.trx
    .selectFrom('stripe_refunds')
    .select((eb) => eb.fn.sum<number | string | null>('amount').as('total'))
    .where('workspace_id', '=', flow.workspaceId)
    .where('external_id', '=', found.external_id)
    .executeTakeFirst();
  const known = Math.max(Number(byId?.total ?? 0), action.amountRefunded ?? 0);
  const transaction = (await findTransaction(flow, STRIPE_SOURCE, found.external_id))!;
  const amount = Math.min(known, transaction.total) - transaction.refunded_total;
  const refundIds = action.refunds.map((r) => r.id).join(', ');
  if (amount <= 0) return { outcome: 'refund', externalId: found.external_id, detail: `already counted ${refundIds}`.trim(), opportunityId: found.opportunity_id };
  const result = await recordRefund(flow, { source: STRIPE_SOURCE, externalId: found.external_id, amount, refundId: `stripe-refunded-total:${transaction.refunded_total + amount}` });
  if (result.status >= 400) return refusal(result, found.external_id);
  return { outcome: 'refund', externalId: found.external_id, detail: `${amount} refunded ${refundIds}`.trim(), opportunityId: found.opportunity_id };
}

async function subscriptionEnded(flow: FlowContext, subscriptionId: string): Promise<Handled> {
  const first = await flow.trx
    .selectFrom('attribution_transactions')
    .select(['external_id', 'opportunity_id'])
    .where('workspace_id', '=', flow.workspaceId)
    .where('source', '=', STRIPE_SOURCE)
    .where('subscription_id', '=', subscriptionId)
    .where('renews_transaction_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return { outcome: 'subscription_ended', externalId: first?.external_id ?? null, detail: `subscription ${subscriptionId}`, opportunityId: first?.opportunity_id ?? null };
}

async function act(flow: FlowContext, action: StripeAction, matchByEmail: boolean): Promise<Handled> {
  switch (action.kind) {
    case 'sale':
      return sale(flow, action, matchByEmail);
    case 'payment_confirmed':
      return paymentConfirmed(flow, action.refs);
    case 'renewal':
      return renewal(flow, action);
    case 'refund':
      return refund(flow, action);
    case 'subscription_ended':
      return subscriptionEnded(flow, action.subscriptionId);
    case 'payment_refs':
      await rememberRefs(flow, action.refs, action.externalIdRef);
      return { outcome: 'ignored', externalId: action.externalIdRef, detail: 'a subscription\'s first invoice: its sale is the Checkout Session; payment ids recorded', opportunityId: null };
    case 'ignored':
      return { outcome: 'ignored', externalId: null, detail: action.reason, opportunityId: null };
  }
}

const SAVEPOINT = CompiledQuery.raw('savepoint stripe_action');
const ROLLBACK = CompiledQuery.raw('rollback to savepoint stripe_action');
const RELEASE = CompiledQuery.raw('release savepoint stripe_action');

/**
 * Runs one verified Stripe event in the worker's transaction and records what it became in
 * `stripe_events`. Stripe was answered 200 when the event was stored; from here on nothing is an
 * error to Stripe: an unknown sale or subscription is recorded as unmatched (the flow's writes
 * undone behind a savepoint), an event missing a field as invalid. An event already recorded (the
 * inbox row retried after a crash) changes nothing.
 */
export async function processStripeEvent(flow: FlowContext, event: Json): Promise<FlowResult> {
  const eventId = String(event.id);
  const seen = await recorded.first(flow.trx, { workspaceId: flow.workspaceId, eventId });
  if (seen) return ok(null);
  const settings = await options(flow);
  let handled: Handled;
  try {
    const action = readStripeEvent(event, settings);
    // Only renewals and refunds can be refused (an unknown sale); a sale never is, and saves the two statements.
    const guarded = action.kind === 'renewal' || action.kind === 'refund';
    if (guarded) await flow.trx.executeQuery(SAVEPOINT);
    handled = await act(flow, action, settings.matchByEmail);
    if (handled.refused) {
      await flow.trx.executeQuery(ROLLBACK);
      flow.programs.clear();
    }
    if (guarded) await flow.trx.executeQuery(RELEASE);
  } catch (error) {
    if (!(error instanceof StripeEventError)) throw error;
    handled = { outcome: 'invalid', externalId: null, detail: error.message, opportunityId: null };
  }
  await record.run(flow.trx, {
    workspace_id: flow.workspaceId,
    event_id: eventId,
    type: String(event.type),
    inbox_id: flow.inboundEventId,
    livemode: event.livemode === true ? 1 : 0,
    outcome: handled.outcome,
    external_id: handled.externalId,
    detail: handled.detail,
    stripe_created_at: typeof event.created === 'number' ? event.created * 1000 : flow.now,
    processed_at: flow.now,
  });
  return ok(handled.opportunityId);
}

/**
 * The factory the attribution stage runs a stored Stripe event through. `internal`: `/event/{slug}`
 * and bindings do not offer it, since its body is trusted only after the webhook route verified
 * Stripe's signature.
 */
export const stripeEventFactory: EventFactory = {
  slug: STRIPE_EVENT_SLUG,
  internal: true,
  schema: { type: 'object', required: ['event'], properties: { event: { type: 'object' } } },
  handle: (body, flow) => processStripeEvent(flow, body.event as Json),
};
