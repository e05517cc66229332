import type { DomainEventName } from '../bus/index.ts';

/** Siren's webhook event types (compat/SIREN.md), the only values a subscription may name besides `*`. */
export const SIREN_EVENT_TYPES = [
  'allocation.completed',
  'collaborator.created',
  'collaborator.login_link_created',
  'collaborator.registered',
  'conversion.approved',
  'conversion.created',
  'conversion.rejected',
  'conversion.renewed',
  'coupon.applied',
  'distribution.completed',
  'engagement.awarded',
  'engagement.completed',
  'engagement.created',
  'fulfillment.created',
  'fulfillment.updated',
  'lead.created',
  'metrics.updated',
  'obligation.completed',
  'obligation.created',
  'opportunity.created',
  'opportunity.invalidated',
  'payout.created',
  'payout.paid',
  'refund.created',
  'renewal.created',
  'sale.created',
  'transaction.completed',
  'transaction.created',
] as const;

export type SirenEventType = (typeof SIREN_EVENT_TYPES)[number];

/** Subscribes to every type, including types mapped later. */
export const ALL_EVENTS = '*';

const KNOWN: ReadonlySet<string> = new Set(SIREN_EVENT_TYPES);

export function isSirenEventType(value: string): value is SirenEventType {
  return KNOWN.has(value);
}

/**
 * Which domain event a Siren type announces: the one table. Keys are checked against the domain
 * event map, so only events the engine dispatches can be listed. A mutable event
 * (CollaboratorSubmissionReceived) is announced as the last listener left it.
 */
export const SIREN_TYPE_OF: { readonly [K in DomainEventName]?: SirenEventType } = {
  OpportunityTriggered: 'opportunity.created',
  OpportunityInvalidated: 'opportunity.invalidated',
  EngagementsTriggered: 'engagement.created',
  EngagementAwarded: 'engagement.awarded',
  EngagementCompleted: 'engagement.completed',
  CouponApplied: 'coupon.applied',
  SaleTriggered: 'sale.created',
  TransactionCreated: 'transaction.created',
  TransactionCompleted: 'transaction.completed',
  ConversionsAwarded: 'conversion.created',
  ConversionApproved: 'conversion.approved',
  ConversionRejected: 'conversion.rejected',
  RenewedConversionsAwarded: 'conversion.renewed',
  RenewalTriggered: 'renewal.created',
  LeadTriggered: 'lead.created',
  RefundTriggered: 'refund.created',
  ObligationIssued: 'obligation.created',
  ObligationCompleted: 'obligation.completed',
  FulfillmentCreated: 'fulfillment.created',
  FulfillmentStatusChanged: 'fulfillment.updated',
  PayoutCreated: 'payout.created',
  PayoutPaid: 'payout.paid',
  AllocationCompleted: 'allocation.completed',
  DistributionCompleted: 'distribution.completed',
  MetricsTriggered: 'metrics.updated',
  CollaboratorAccountReady: 'collaborator.created',
  CollaboratorLoginLinkCreated: 'collaborator.login_link_created',
  CollaboratorSubmissionReceived: 'collaborator.registered',
};

/** The mapped domain events, for registering one listener each. */
export function mappedDomainEvents(): Array<[DomainEventName, SirenEventType]> {
  return Object.entries(SIREN_TYPE_OF) as Array<[DomainEventName, SirenEventType]>;
}
