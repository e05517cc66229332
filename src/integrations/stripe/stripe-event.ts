import { stripeAmountToMinor, stripeCurrency } from './stripe-amounts.ts';

type Json = Record<string, unknown>;

/**
 * The Stripe event types the integration acts on. Every other type is answered 200 and counted as
 * ignored without being stored (Stripe sends what the endpoint subscribed to; a wide subscription
 * must not fill the inbox).
 */
export const HANDLED_EVENT_TYPES: ReadonlySet<string> = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'invoice.paid',
  'charge.refunded',
  'refund.created',
  'customer.subscription.deleted',
]);

/** What one Stripe event asks of attribution, read without the database. */
export type StripeAction =
  | {
      kind: 'sale';
      externalId: string;
      /** Minor units (ISO 4217), and the upper-case currency. */
      total: number;
      currency: string;
      status: 'pending' | 'complete';
      /** Opportunity ids the checkout carried, in the order they are tried: client_reference_id, then metadata. */
      opportunityHints: number[];
      email: string | null;
      subscriptionId: string | null;
      /** Every Stripe id that names this payment (session, payment intent, invoice). */
      refs: string[];
    }
  | { kind: 'payment_confirmed'; refs: string[] }
  | { kind: 'renewal'; externalId: string; subscriptionId: string; total: number; currency: string; refs: string[] }
  /** Refs that name the sale (its payment intent, charge, invoice); refunds known by id; the charge's cumulative refunded amount when the event says it. */
  | { kind: 'refund'; refs: string[]; refunds: Array<{ id: string; amount: number }>; amountRefunded: number | null; currency: string }
  | { kind: 'subscription_ended'; subscriptionId: string }
  /** A first invoice's payment ids (its sale came from Checkout): recorded so its refunds find the sale. */
  | { kind: 'payment_refs'; externalIdRef: string; refs: string[] }
  | { kind: 'ignored'; reason: string };

/** A Stripe event whose object lacks what its type promises (or counts in an unknown currency). */
export class StripeEventError extends Error {}

function object(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** A Stripe id field: the id itself, or the id of an expanded object. */
function idOf(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  const expanded = object(value);
  return typeof expanded?.id === 'string' && expanded.id !== '' ? expanded.id : null;
}

function ids(...values: unknown[]): string[] {
  return [...new Set(values.map(idOf).filter((id): id is string => id !== null))];
}

/** An opportunity id as a checkout carries it (text in client_reference_id and metadata). */
export function opportunityIdOf(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

function money(amount: unknown, currency: unknown): { total: number; currency: string } {
  try {
    const code = stripeCurrency(currency);
    return { total: stripeAmountToMinor(amount, code), currency: code };
  } catch (error) {
    throw new StripeEventError((error as Error).message);
  }
}

/** The subscription of an invoice: `parent.subscription_details.subscription` since 2025-03-31.basil, `subscription` before. */
function invoiceSubscription(invoice: Json): string | null {
  const details = object(object(invoice.parent)?.subscription_details);
  return idOf(details?.subscription) ?? idOf(invoice.subscription);
}

/** The payment intents and charges an invoice names: `payments` (basil and later, when present), `payment_intent` and `charge` before. */
function invoicePaymentRefs(invoice: Json): string[] {
  const payments = object(invoice.payments)?.data;
  const fromPayments = Array.isArray(payments) ? payments.map((p) => object(object(p)?.payment)).flatMap((p) => [p?.payment_intent, p?.charge]) : [];
  return ids(invoice.payment_intent, invoice.charge, ...fromPayments);
}

function checkoutSale(session: Json, metadataKey: string): StripeAction {
  if (session.mode === 'setup') return { kind: 'ignored', reason: 'a setup-mode Checkout Session takes no payment' };
  const sessionId = idOf(session.id);
  if (!sessionId) throw new StripeEventError('the Checkout Session has no id');
  const { total, currency } = money(session.amount_total, session.currency);
  const paymentIntent = idOf(session.payment_intent);
  const invoice = idOf(session.invoice);
  const metadata = object(session.metadata) ?? {};
  const hints = [opportunityIdOf(session.client_reference_id), opportunityIdOf(metadata[metadataKey])].filter((id): id is number => id !== null);
  const details = object(session.customer_details);
  const email = typeof details?.email === 'string' && details.email !== '' ? details.email : typeof session.customer_email === 'string' ? session.customer_email : null;
  return {
    kind: 'sale',
    externalId: paymentIntent ?? invoice ?? sessionId,
    total,
    currency,
    // `unpaid`: a delayed payment method (a bank debit) confirms later, in async_payment_succeeded.
    status: session.payment_status === 'unpaid' ? 'pending' : 'complete',
    opportunityHints: [...new Set(hints)],
    email,
    subscriptionId: idOf(session.subscription),
    refs: ids(sessionId, paymentIntent, invoice),
  };
}

function paidInvoice(invoice: Json): StripeAction {
  const invoiceId = idOf(invoice.id);
  if (!invoiceId) throw new StripeEventError('the invoice has no id');
  const refs = invoicePaymentRefs(invoice);
  if (invoice.billing_reason !== 'subscription_cycle') {
    // The first invoice of a subscription is the Checkout sale; its payment ids let refunds find it.
    return invoice.billing_reason === 'subscription_create' ? { kind: 'payment_refs', externalIdRef: invoiceId, refs } : { kind: 'ignored', reason: `billing_reason ${String(invoice.billing_reason)} is not a renewal` };
  }
  const subscriptionId = invoiceSubscription(invoice);
  if (!subscriptionId) throw new StripeEventError('the subscription_cycle invoice names no subscription');
  const { total, currency } = money(invoice.amount_paid, invoice.currency);
  return { kind: 'renewal', externalId: invoiceId, subscriptionId, total, currency, refs: [invoiceId, ...refs] };
}

function refundedCharge(charge: Json): StripeAction {
  const chargeId = idOf(charge.id);
  if (!chargeId) throw new StripeEventError('the charge has no id');
  const { total: amountRefunded, currency } = money(charge.amount_refunded, charge.currency);
  // Charges list their refunds only when the endpoint expands `refunds` (not by default since 2022-11-15).
  const listed = object(charge.refunds)?.data;
  const refunds = Array.isArray(listed) ? listed.map(object).filter((r): r is Json => r !== null).filter(countsAsRefund).map((r) => refundOf(r, currency)) : [];
  return { kind: 'refund', refs: ids(charge.payment_intent, chargeId, charge.invoice), refunds, amountRefunded, currency };
}

/** Failed and canceled refunds moved no money back. */
function countsAsRefund(refund: Json): boolean {
  return refund.status !== 'failed' && refund.status !== 'canceled';
}

function refundOf(refund: Json, currency: string): { id: string; amount: number } {
  const id = idOf(refund.id);
  if (!id) throw new StripeEventError('a refund has no id');
  return { id, amount: money(refund.amount, currency).total };
}

function createdRefund(refund: Json): StripeAction {
  if (!countsAsRefund(refund)) return { kind: 'ignored', reason: `the refund is ${String(refund.status)}` };
  const { currency } = money(0, refund.currency);
  return { kind: 'refund', refs: ids(refund.payment_intent, refund.charge), refunds: [refundOf(refund, currency)], amountRefunded: null, currency };
}

/**
 * Reads a verified Stripe event (objects as Stripe's API reference shows them, any API version
 * since 2022-11-15) into what attribution should do with it. Throws StripeEventError when the
 * event's object lacks a field its type needs.
 */
export function readStripeEvent(event: Json, options: { metadataKey: string }): StripeAction {
  const data = object(object(event.data)?.object);
  if (!data) throw new StripeEventError('the event has no data.object');
  switch (event.type) {
    case 'checkout.session.completed':
      return checkoutSale(data, options.metadataKey);
    case 'checkout.session.async_payment_succeeded':
      return { kind: 'payment_confirmed', refs: ids(data.id, data.payment_intent, data.invoice) };
    case 'invoice.paid':
      return paidInvoice(data);
    case 'charge.refunded':
      return refundedCharge(data);
    case 'refund.created':
      return createdRefund(data);
    case 'customer.subscription.deleted': {
      const subscriptionId = idOf(data.id);
      if (!subscriptionId) throw new StripeEventError('the subscription has no id');
      return { kind: 'subscription_ended', subscriptionId };
    }
    default:
      return { kind: 'ignored', reason: `${String(event.type)} is not a type the integration acts on` };
  }
}
