import type { Selectable } from 'kysely';

/** Tables of migration 0020, merged into the shared `Database`. */
declare module '../../db/schema.ts' {
  interface Database {
    stripe_integrations: StripeIntegrationTable;
    stripe_events: StripeEventTable;
    stripe_payment_refs: StripePaymentRefTable;
    stripe_refunds: StripeRefundTable;
  }
}

export interface StripeIntegrationTable {
  workspace_id: string;
  /** The `whsec_…` signing secret, sealed by the secret box (never returned). */
  signing_secret: string;
  /** Its last four characters, to show it masked (`whsec_…a1b2`). */
  secret_last4: string;
  /** The Checkout Session metadata key that may carry the opportunity id. */
  metadata_key: string;
  /** 1: a checkout with no opportunity id is credited to the live opportunity with the customer's email. */
  match_leads_by_email: number;
  created_at: number;
  updated_at: number;
}
export type StripeIntegrationRow = Selectable<StripeIntegrationTable>;

/** What a processed Stripe event became. */
export type StripeEventOutcome = 'sale' | 'payment_confirmed' | 'renewal' | 'refund' | 'subscription_ended' | 'unmatched' | 'ignored' | 'invalid';

export interface StripeEventTable {
  workspace_id: string;
  /** Stripe's `evt_…` id. */
  event_id: string;
  type: string;
  /** The inbox row the event arrived as (its raw body is there). */
  inbox_id: string;
  livemode: number;
  outcome: StripeEventOutcome;
  /** The sale (or renewal) the event was about, as `source` + `externalId` name it: the externalId. */
  external_id: string | null;
  /** Why an event was unmatched, ignored or invalid; what a sale was credited to. */
  detail: string | null;
  /** Stripe's `created`, in ms. */
  stripe_created_at: number;
  processed_at: number;
}
export type StripeEventRow = Selectable<StripeEventTable>;

export interface StripePaymentRefTable {
  workspace_id: string;
  /** A Stripe id naming a payment: `cs_…`, `pi_…`, `in_…`, `ch_…`. */
  ref: string;
  /** The externalId of the sale (or renewal) it pays. */
  external_id: string;
}

export interface StripeRefundTable {
  workspace_id: string;
  /** Stripe's `re_…` id. */
  refund_id: string;
  external_id: string;
  /** Minor units of the sale's currency. */
  amount: number;
  created_at: number;
}
