import type { FieldMapping } from './mapping.ts';

/** A ready-made binding: which canonical event, which slug, which mapping. */
export interface BindingTemplate {
  readonly eventType: string;
  readonly eventName: string;
  readonly slug: string;
  readonly mapping: FieldMapping;
}

const trackingId = ['properties.trackingId', 'properties.tracking_id', 'context.siren.trackingId'];

/**
 * Segment's e-commerce and B2B SaaS specs (segment.com/docs/connections/spec/ecommerce/v2): a
 * shop that already sends these events gets attribution with no new code. `total` is the
 * spec's order total, `revenue` its fallback; `products[].price` is per unit.
 */
export const BINDING_TEMPLATES: Readonly<Record<string, BindingTemplate>> = {
  'segment-order-completed': {
    eventType: 'track',
    eventName: 'Order Completed',
    slug: 'sale',
    mapping: {
      source: { const: 'segment' },
      externalId: ['properties.order_id', 'properties.checkout_id'],
      total: ['properties.total', 'properties.revenue'],
      currency: 'properties.currency',
      coupon: 'properties.coupon',
      trackingId,
      userId: 'userId',
      email: ['email', 'properties.email'],
      items: { each: 'properties.products', fields: { externalId: ['product_id', 'sku'], name: 'name', amount: 'price', quantity: 'quantity' } },
    },
  },
  'segment-order-refunded': {
    eventType: 'track',
    eventName: 'Order Refunded',
    slug: 'refund',
    mapping: {
      source: { const: 'segment' },
      externalId: 'properties.order_id',
      amount: ['properties.total', 'properties.revenue'],
    },
  },
  'segment-signed-up': {
    eventType: 'track',
    eventName: 'Signed Up',
    slug: 'lead',
    mapping: {
      source: { const: 'segment' },
      externalId: 'userId',
      trackingId,
      userId: 'userId',
      email: ['email', 'properties.email'],
    },
  },
};
