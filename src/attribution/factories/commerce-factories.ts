import { lockLedger } from '../ledger/ledger-lock.ts';
import type { FieldError } from '../../errors/index.ts';
import type { SaleLine } from '../bus/index.ts';
import { completeTransaction, findTransaction } from '../flows/complete.ts';
import { ok, refused } from '../flows/flow-context.ts';
import { recordLead } from '../flows/lead.ts';
import { recordRefund } from '../flows/refund.ts';
import { recordRenewal } from '../flows/renewal.ts';
import { recordSale, type Sale } from '../flows/sale.ts';
import { MoneyError, toMinorUnits } from '../model/money.ts';
import type { EventFactory } from './event-factory.ts';
import { checkCurrency, checkMoney, currencyOf, idText, schemaParts as p } from './fields.ts';

type Json = Record<string, unknown>;

const saleSchema = {
  type: 'object',
  required: ['source', 'externalId', 'total'],
  properties: {
    source: p.source,
    externalId: p.externalId,
    total: p.money,
    currency: p.currency,
    trackingId: p.opportunityId,
    status: { enum: ['pending', 'complete'] },
    userId: p.userId,
    email: p.email,
    coupon: p.code,
    subscriptionId: p.externalId,
    items: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['name', 'amount'],
        properties: {
          externalId: p.externalId,
          name: { type: 'string', maxLength: 500 },
          quantity: { type: 'integer', minimum: 1, maximum: 1_000_000 },
          amount: p.money,
        },
      },
    },
  },
};

/** Reads a validated sale body: `total` and item amounts from major to minor units, exactly. */
export function toSale(body: Json): Sale {
  const currency = currencyOf(body);
  const items = ((body.items as Json[] | undefined) ?? []).map(
    (item): SaleLine => ({
      externalId: idText(item.externalId),
      name: String(item.name),
      quantity: typeof item.quantity === 'number' ? item.quantity : 1,
      amount: toMinorUnits(item.amount as number | string, currency),
    }),
  );
  return {
    source: String(body.source),
    externalId: idText(body.externalId)!,
    total: toMinorUnits(body.total as number | string, currency),
    currency,
    status: body.status === 'pending' ? 'pending' : 'complete',
    items,
    trackingId: typeof body.trackingId === 'number' ? body.trackingId : null,
    userId: idText(body.userId),
    email: typeof body.email === 'string' ? body.email : null,
    coupon: typeof body.coupon === 'string' ? body.coupon : null,
    subscriptionId: idText(body.subscriptionId),
  };
}

/** `sale`: Siren's sale body; a pending sale waits for `transaction-completed`. */
export const saleFactory: EventFactory = {
  slug: 'sale',
  schema: saleSchema,
  check(body) {
    const errors: FieldError[] = [];
    checkCurrency(errors, body);
    const currency = typeof body.currency === 'string' ? body.currency.toUpperCase() : 'USD';
    checkMoney(errors, 'total', body.total, currency);
    if (Array.isArray(body.items)) {
      body.items.forEach((item: unknown, index) => {
        if (item !== null && typeof item === 'object') checkMoney(errors, `items.${index}.amount`, (item as Json).amount, currency);
      });
    }
    return errors;
  },
  handle: (body, flow) => recordSale(flow, toSale(body)),
};

const orderRef = { type: 'object', required: ['source', 'externalId'], properties: { source: p.source, externalId: p.externalId } };

/** `transaction-completed`: the payment of a pending sale was confirmed. */
export const transactionCompletedFactory: EventFactory = {
  slug: 'transaction-completed',
  schema: orderRef,
  async handle(body, flow) {
    // Approving existing conversions races refunds and rejections of the same sale.
    await lockLedger(flow);
    const transaction = await findTransaction(flow, String(body.source), idText(body.externalId)!);
    if (!transaction) return refused('not_found', `No sale ${String(body.source)}/${String(body.externalId)} was reported.`);
    if (transaction.status === 'pending') await completeTransaction(flow, transaction);
    return ok(transaction.opportunity_id);
  },
};

/** `refund`: by `source` + `externalId`; `amount` (major units) makes it partial, `refundId` tells partial refunds apart. */
export const refundFactory: EventFactory = {
  slug: 'refund',
  schema: {
    ...orderRef,
    properties: { ...orderRef.properties, amount: p.money, refundId: p.externalId },
  },
  check(body) {
    const errors: FieldError[] = [];
    // The sale's currency decides the precision; three decimals is the most any currency has.
    checkMoney(errors, 'amount', body.amount, 'KWD');
    return errors;
  },
  dedupeKey(body) {
    const base = `dom:refund:${String(body.source)}:${String(body.externalId)}`;
    if (body.refundId !== undefined) return `${base}:id:${String(body.refundId)}`;
    return body.amount === undefined ? base : `${base}:amount:${String(body.amount)}`;
  },
  async handle(body, flow) {
    const base = { source: String(body.source), externalId: idText(body.externalId)!, refundId: idText(body.refundId) };
    if (body.amount === undefined) return recordRefund(flow, { ...base, amount: null });
    const transaction = await findTransaction(flow, base.source, base.externalId);
    if (!transaction) return recordRefund(flow, { ...base, amount: null });
    try {
      return await recordRefund(flow, { ...base, amount: toMinorUnits(body.amount as number | string, transaction.currency) });
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      return refused('validation_failed', 'The request has invalid fields.', transaction.opportunity_id, [{ field: 'amount', message: error.message }]);
    }
  },
};

/** `lead`: a sign-up or form submission for an opportunity; credited by lead incentives, approved by an admin. */
export const leadFactory: EventFactory = {
  slug: 'lead',
  schema: {
    type: 'object',
    properties: { source: p.source, externalId: p.externalId, trackingId: p.opportunityId, userId: p.userId, email: p.email },
  },
  dedupeKey: (body) => (body.externalId === undefined ? null : `dom:lead:${String(body.source ?? '')}:${String(body.externalId)}`),
  handle: (body, flow) =>
    recordLead(flow, {
      source: typeof body.source === 'string' ? body.source : null,
      externalId: idText(body.externalId),
      trackingId: typeof body.trackingId === 'number' ? body.trackingId : null,
      userId: idText(body.userId),
      email: typeof body.email === 'string' ? body.email : null,
    }),
};

/**
 * `renewal`: a subscription payment renewing a sale, named by `originalExternalId` (the sale's
 * `externalId`) or by `subscriptionId` (as the sale reported it); same money fields as `sale`.
 */
export const renewalFactory: EventFactory = {
  slug: 'renewal',
  schema: {
    type: 'object',
    required: ['source', 'externalId', 'total'],
    properties: {
      source: p.source,
      externalId: p.externalId,
      originalExternalId: p.externalId,
      subscriptionId: p.externalId,
      total: p.money,
      currency: p.currency,
      status: { enum: ['pending', 'complete'] },
      items: saleSchema.properties.items,
    },
  },
  check(body) {
    const errors = saleFactory.check!(body);
    if (body.originalExternalId === undefined && body.subscriptionId === undefined) {
      errors.push({ field: 'originalExternalId', message: 'is required unless subscriptionId names the subscription' });
    }
    return errors;
  },
  handle(body, flow) {
    const sale = toSale(body);
    return recordRenewal(flow, { ...sale, originalExternalId: idText(body.originalExternalId) });
  },
};
