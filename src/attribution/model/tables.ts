import type { Generated, Selectable } from 'kysely';

/**
 * Table types of migration 0004. They extend the shared `Database` interface by declaration
 * merging, so the attribution module owns its tables without growing `db/schema.ts`. Times are
 * integer ms, money is integer minor units plus an ISO 4217 currency, JSON is text.
 */
declare module '../../db/schema.ts' {
  interface Database {
    program_groups: ProgramGroupTable;
    program_group_resolutions: ProgramGroupResolutionTable;
    attribution_programs: ProgramTable;
    collaborators: CollaboratorTable;
    referral_codes: ReferralCodeTable;
    coupons: CouponTable;
    opportunities: OpportunityTable;
    engagements: EngagementTable;
    attribution_transactions: TransactionTable;
    conversions: ConversionTable;
    obligations: ObligationTable;
    domain_events: DomainEventTable;
    domain_outcomes: DomainOutcomeTable;
    attribution_refunds: RefundTable;
    event_bindings: EventBindingTable;
    attribution_settings: AttributionSettingsTable;
  }
}

export type AttributionModel = 'first_touch' | 'last_touch';
/** Which signals create an engagement for the program: a referral visit, a coupon, or either. */
export type EngagementTrigger = 'any' | 'referral' | 'coupon';
/** `on_payment`: a conversion is approved when its transaction completes; `manual`: by an admin. */
export type ApprovalMode = 'on_payment' | 'manual';

/** How a program group picks the one program that awards a sale (see flows/program-groups.ts). */
export type GroupStrategy = 'priority' | 'highest_reward' | 'lowest_reward' | 'first_engagement' | 'most_recent_engagement';

/** What a renewal earns: nothing, the sale's own incentive, or its own percent or flat amounts. */
export type RenewalIncentiveType = 'none' | 'same' | 'percent' | 'flat';

export interface ProgramGroupTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  strategy: GroupStrategy;
  created_at: number;
  updated_at: number;
}
export type ProgramGroupRow = Selectable<ProgramGroupTable>;

/** One group decision for one sale: the history that keeps a group from being deleted. */
export interface ProgramGroupResolutionTable {
  id: Generated<number>;
  workspace_id: string;
  group_id: number;
  transaction_id: number;
  strategy: GroupStrategy;
  winner_program_id: number;
  /** JSON arrays of ids. */
  loser_program_ids: string;
  superseded_engagement_ids: string;
  created_at: number;
}

export interface ProgramTable {
  id: Generated<number>;
  workspace_id: string;
  /** The program group it belongs to (mutually exclusive programs), or null. */
  group_id: number | null;
  name: string;
  status: 'active' | 'inactive';
  incentive_type: 'percent' | 'flat';
  /** Percent incentives, in basis points (1250 = 12.5 %). */
  incentive_bps: number | null;
  /** Flat incentives: JSON object currency → minor units. */
  incentive_amounts: string | null;
  lead_amount: number | null;
  lead_currency: string | null;
  attribution_window_days: number;
  attribution_model: AttributionModel;
  engagement_trigger: EngagementTrigger;
  approval: ApprovalMode;
  /** Rank inside its group for the `priority` strategy: smaller wins; null ranks after every number. */
  group_priority: number | null;
  /** Migration 0011; `same` (the default) pays renewals like the sale. */
  renewal_incentive: Generated<RenewalIncentiveType>;
  renewal_bps: number | null;
  /** `flat` renewals: JSON object currency → minor units. */
  renewal_amounts: string | null;
  /** Renewals 1…N earn; the N+1th and later earn nothing. Null: no limit. */
  renewal_limit_periods: number | null;
  /** Renewals earn while less than N calendar months have passed since the first sale. Null: no limit. */
  renewal_limit_months: number | null;
  /** Migration 0019: where the program's referral links (`/r/{code}`) lead; null: the workspace's default. */
  landing_url: Generated<string | null>;
  /** Migration 0019: the query parameter that carries the code on the landing page (`ref`). */
  link_param: Generated<string>;
  created_at: number;
  updated_at: number;
}
export type ProgramRow = Selectable<ProgramTable>;

export type CollaboratorStatus = 'active' | 'pending' | 'inactive' | 'banned';

export interface CollaboratorTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  email: string | null;
  /** The collaborator's own customer id in the shop, to refuse self-referrals. */
  user_id: string | null;
  status: CollaboratorStatus;
  created_at: number;
  updated_at: number;
}
export type CollaboratorRow = Selectable<CollaboratorTable>;

export interface ReferralCodeTable {
  id: Generated<number>;
  workspace_id: string;
  collaborator_id: number;
  /** As the admin typed it (`GRACE20`); codes match case-insensitively (`codeMatches`). */
  code: string;
  expires_at: number | null;
  created_at: number;
}
export type ReferralCodeRow = Selectable<ReferralCodeTable>;

export interface CouponTable {
  id: Generated<number>;
  workspace_id: string;
  collaborator_id: number;
  /** As the admin typed it (`GRACE20`); codes match case-insensitively (`codeMatches`). */
  code: string;
  status: 'active' | 'inactive';
  created_at: number;
}
export type CouponRow = Selectable<CouponTable>;

export interface OpportunityTable {
  id: Generated<number>;
  workspace_id: string;
  collaborator_id: number;
  status: 'active' | 'inactive' | 'invalid';
  origin: 'referral' | 'coupon';
  user_id: string | null;
  email: string | null;
  landing_url: string | null;
  coupon_id: number | null;
  inbound_event_id: string | null;
  created_at: number;
  expires_at: number;
}
export type OpportunityRow = Selectable<OpportunityTable>;

export interface EngagementTable {
  id: Generated<number>;
  workspace_id: string;
  opportunity_id: number;
  program_id: number;
  collaborator_id: number;
  /** active → completed (awarded a conversion) | superseded (another touch won) */
  status: 'active' | 'completed' | 'superseded';
  created_at: number;
  expires_at: number;
  completed_at: number | null;
}
export type EngagementRow = Selectable<EngagementTable>;

/** Siren's vocabulary (`complete | cancelled | refunded`) plus `pending` for unconfirmed payments. */
export type TransactionStatus = 'pending' | 'complete' | 'cancelled' | 'refunded';

export interface TransactionTable {
  id: Generated<number>;
  workspace_id: string;
  source: string;
  external_id: string;
  opportunity_id: number | null;
  status: TransactionStatus;
  total: number;
  refunded_total: number;
  currency: string;
  /** JSON array of `{ externalId, name, quantity, amount }`, amounts in minor units. */
  items: string;
  user_id: string | null;
  email: string | null;
  coupon_code: string | null;
  /** The shop's subscription id, so a renewal can name it instead of the first sale. */
  subscription_id: string | null;
  /** For a renewal payment: the first sale it renews (migration 0011). */
  renews_transaction_id: number | null;
  /** On a first sale: how many renewals of it were recorded (the last renewal's period). */
  renewal_count: Generated<number>;
  inbound_event_id: string;
  created_at: number;
  completed_at: number | null;
  refunded_at: number | null;
}
export type TransactionRow = Selectable<TransactionTable>;

export type ConversionStatus = 'pending' | 'approved' | 'rejected';

export interface ConversionTable {
  id: Generated<number>;
  workspace_id: string;
  kind: 'sale' | 'lead';
  program_id: number;
  collaborator_id: number;
  opportunity_id: number | null;
  engagement_id: number | null;
  transaction_id: number | null;
  award_key: string;
  status: ConversionStatus;
  amount: number;
  currency: string;
  created_at: number;
  reviewed_at: number | null;
}
export type ConversionRow = Selectable<ConversionTable>;

/** draft [→ flagged] → [hold →] pending (approved, payable) → complete (paid); or cancelled. */
export type ObligationStatus = 'draft' | 'flagged' | 'hold' | 'pending' | 'complete' | 'cancelled';

export interface ObligationTable {
  id: Generated<number>;
  workspace_id: string;
  conversion_id: number | null;
  collaborator_id: number;
  /** `commission`, or `clawback` for the negative balance a refund leaves after a payout. */
  kind: 'commission' | 'clawback';
  status: ObligationStatus;
  amount: number;
  original_amount: number;
  currency: string;
  created_at: number;
  updated_at: number;
}
export type ObligationRow = Selectable<ObligationTable>;

export interface DomainEventTable {
  id: Generated<number>;
  workspace_id: string;
  /** The inbox row (or admin action) whose flow dispatched the event. */
  inbound_event_id: string;
  sequence: number;
  name: string;
  /** JSON summary of the payload: ids and amounts, never whole rows. */
  payload: string;
  created_at: number;
}
export type DomainEventRow = Selectable<DomainEventTable>;

export interface DomainOutcomeTable {
  inbox_id: string;
  workspace_id: string;
  http_status: number;
  opportunity_id: number | null;
  error_code: string | null;
  error_message: string | null;
  /** JSON array of `{ field, message }` for a 400, else null. */
  error_fields: string | null;
  created_at: number;
}
export type DomainOutcomeRow = Selectable<DomainOutcomeTable>;

export interface RefundTable {
  id: Generated<number>;
  workspace_id: string;
  transaction_id: number;
  /** `full`, or the refund's own id for partial refunds, so a retry is recognised. */
  refund_key: string;
  amount: number;
  currency: string;
  inbound_event_id: string;
  created_at: number;
}
export type RefundRow = Selectable<RefundTable>;

export interface EventBindingTable {
  id: Generated<number>;
  workspace_id: string;
  /** Canonical event type (`track`, `identify`, …) and name (`Order Completed`). */
  event_type: string;
  event_name: string;
  slug: string;
  /** JSON: target body field → source path(s) in the canonical event (see bindings/mapping.ts). */
  mapping: string;
  /** The built-in template it was made from, if any. */
  template: string | null;
  enabled: number;
  created_at: number;
  updated_at: number;
}
export type EventBindingRow = Selectable<EventBindingTable>;

export interface AttributionSettingsTable {
  workspace_id: string;
  /** JSON array of slugs callable without an API key (browser tracking), e.g. `["site-visited"]`. */
  public_slugs: string;
  /** JSON array of origins allowed to call the public slugs; empty allows none. */
  allowed_origins: string;
  /** Migration 0019: where an unknown or expired referral link leads (without the code). */
  default_landing_url: Generated<string | null>;
  /** Migration 0019: 1 when the tracking snippet may report `site-visited` without an API key, from any origin. */
  public_visits: Generated<number>;
  updated_at: number;
}
