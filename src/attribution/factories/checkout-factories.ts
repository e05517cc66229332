import { ok } from '../flows/flow-context.ts';
import { findOpportunity } from '../flows/opportunities.ts';
import { applyCoupon } from '../flows/sale.ts';
import type { EventFactory } from './event-factory.ts';
import { idText, schemaParts as p } from './fields.ts';

/**
 * `coupon-applied`: a coupon was entered at checkout before the order exists. The coupon's owner
 * becomes the visitor's referrer (CouponApplied, EngagementsTriggered) and the answer carries the
 * new opportunity id, which the sale then names as `trackingId`. An unknown or inactive coupon
 * changes nothing and answers without an id.
 */
export const couponAppliedFactory: EventFactory = {
  slug: 'coupon-applied',
  schema: { type: 'object', required: ['code'], properties: { code: { type: 'string', minLength: 1, maxLength: 100 }, userId: p.userId, email: p.email } },
  async handle(body, flow) {
    const opportunity = await applyCoupon(flow, { coupon: String(body.code), userId: idText(body.userId), email: typeof body.email === 'string' ? body.email : null });
    return ok(opportunity?.id ?? null);
  },
};

/**
 * A slug whose payload needs no flow of its own: it is logged as CustomEventTriggered, unchanged,
 * for listeners to act on (Siren's custom events). Plugins register one with
 * `registry.addFactory(customEventFactory('newsletter-signup'))`.
 */
export function customEventFactory(slug: string, schema: object = { type: 'object' }): EventFactory {
  return {
    slug,
    schema,
    dedupeKey: () => null,
    async handle(body, flow) {
      // Only an opportunity of this workspace is named; an unknown hint is dropped, not echoed.
      const opportunityId = (await findOpportunity(flow, flow.hints.opportunityId))?.id ?? null;
      await flow.dispatcher.dispatch('CustomEventTriggered', { slug, opportunityId, payload: body });
      return ok(opportunityId);
    },
  };
}
