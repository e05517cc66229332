import { isoOrNull } from '../../lib/time.ts';
import { flatAmounts } from '../model/programs.ts';
import type {
  CollaboratorRow,
  ConversionRow,
  CouponRow,
  EngagementRow,
  ObligationRow,
  OpportunityRow,
  ProgramRow,
  ReferralCodeRow,
  TransactionRow,
} from '../model/tables.ts';

/**
 * Rows → what the admin API (`/api/v1/workspaces/{id}/…`) answers. Field names are snake_case like
 * the rest of that API; ids are integers; money is integer minor units next to its `currency`;
 * times are ISO-8601.
 */

export type IncentiveResource = { type: 'percent'; basis_points: number } | { type: 'flat'; amounts: Record<string, number> };

export function toProgramResource(row: ProgramRow) {
  const incentive: IncentiveResource =
    row.incentive_type === 'percent' ? { type: 'percent', basis_points: row.incentive_bps ?? 0 } : { type: 'flat', amounts: flatAmounts(row) };
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    incentive,
    lead_incentive: row.lead_amount !== null && row.lead_currency !== null ? { amount: row.lead_amount, currency: row.lead_currency } : null,
    attribution_window_days: row.attribution_window_days,
    attribution_model: row.attribution_model,
    engagement_trigger: row.engagement_trigger,
    approval: row.approval,
    renewal_incentive: renewalIncentiveOf(row),
    renewal_limit:
      row.renewal_limit_periods === null && row.renewal_limit_months === null
        ? null
        : { ...(row.renewal_limit_periods !== null ? { periods: row.renewal_limit_periods } : {}), ...(row.renewal_limit_months !== null ? { months: row.renewal_limit_months } : {}) },
    hold_days: row.hold_days,
    minimum_payouts: row.minimum_payouts === null ? null : (JSON.parse(row.minimum_payouts) as Record<string, number>),
    enrollment: row.enrollment,
    fraud_rules: row.fraud_rules === null ? {} : (JSON.parse(row.fraud_rules) as Record<string, unknown>),
    landing_url: row.landing_url,
    link_param: row.link_param,
    group_id: row.group_id,
    group_priority: row.group_priority,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}

export type RenewalIncentiveResource = { type: 'none' | 'same' } | IncentiveResource;

function renewalIncentiveOf(row: ProgramRow): RenewalIncentiveResource {
  switch (row.renewal_incentive) {
    case 'percent':
      return { type: 'percent', basis_points: row.renewal_bps ?? 0 };
    case 'flat':
      return { type: 'flat', amounts: row.renewal_amounts ? (JSON.parse(row.renewal_amounts) as Record<string, number>) : {} };
    default:
      return { type: row.renewal_incentive };
  }
}

export function toCollaboratorResource(row: CollaboratorRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    user_id: row.user_id,
    status: row.status,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}

export function toReferralCodeResource(row: ReferralCodeRow) {
  return { id: row.id, collaborator_id: row.collaborator_id, code: row.code, expires_at: isoOrNull(row.expires_at), created_at: isoOrNull(row.created_at) };
}

export function toCouponResource(row: CouponRow) {
  return { id: row.id, collaborator_id: row.collaborator_id, code: row.code, status: row.status, created_at: isoOrNull(row.created_at) };
}

export function toOpportunityResource(row: OpportunityRow) {
  return {
    id: row.id,
    collaborator_id: row.collaborator_id,
    status: row.status,
    origin: row.origin,
    user_id: row.user_id,
    email: row.email,
    landing_url: row.landing_url,
    coupon_id: row.coupon_id,
    inbound_event_id: row.inbound_event_id,
    created_at: isoOrNull(row.created_at),
    expires_at: isoOrNull(row.expires_at),
  };
}

export function toEngagementResource(row: EngagementRow) {
  return {
    id: row.id,
    opportunity_id: row.opportunity_id,
    program_id: row.program_id,
    collaborator_id: row.collaborator_id,
    status: row.status,
    created_at: isoOrNull(row.created_at),
    expires_at: isoOrNull(row.expires_at),
    completed_at: isoOrNull(row.completed_at),
  };
}

/** The stored line items (minor units); a row written by an older engine may hold anything. */
export function parseItems(json: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export function toTransactionResource(row: TransactionRow) {
  return {
    id: row.id,
    source: row.source,
    external_id: row.external_id,
    opportunity_id: row.opportunity_id,
    status: row.status,
    total: row.total,
    refunded_total: row.refunded_total,
    currency: row.currency,
    items: parseItems(row.items),
    user_id: row.user_id,
    email: row.email,
    coupon_code: row.coupon_code,
    subscription_id: row.subscription_id,
    // A renewal points at the first sale it renews; a first sale counts its renewals.
    renews_transaction_id: row.renews_transaction_id,
    renewal_count: row.renewal_count,
    inbound_event_id: row.inbound_event_id,
    created_at: isoOrNull(row.created_at),
    completed_at: isoOrNull(row.completed_at),
    refunded_at: isoOrNull(row.refunded_at),
  };
}

export function toConversionResource(row: ConversionRow) {
  return {
    id: row.id,
    kind: row.kind,
    program_id: row.program_id,
    collaborator_id: row.collaborator_id,
    opportunity_id: row.opportunity_id,
    engagement_id: row.engagement_id,
    transaction_id: row.transaction_id,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    /** The fraud rules that flagged it for review (partners/fraud-screen.ts); null when none did. */
    fraud_reasons: row.fraud_reasons === null ? null : (JSON.parse(row.fraud_reasons) as string[]),
    created_at: isoOrNull(row.created_at),
    reviewed_at: isoOrNull(row.reviewed_at),
  };
}

export function toObligationResource(row: ObligationRow) {
  return {
    id: row.id,
    conversion_id: row.conversion_id,
    collaborator_id: row.collaborator_id,
    kind: row.kind,
    status: row.status,
    amount: row.amount,
    original_amount: row.original_amount,
    currency: row.currency,
    hold_until: isoOrNull(row.hold_until),
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}
