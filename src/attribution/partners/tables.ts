import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Table types of migration 0023 (partner programs), merged into the shared `Database`, plus the
 * columns it adds to programs and obligations. The added columns are optional on insert, so flows
 * that create programs or obligations need not know about them.
 */
declare module '../../db/schema.ts' {
  interface Database {
    program_enrollments: ProgramEnrollmentTable;
    partner_login_links: PartnerLoginLinkTable;
    partner_sessions: PartnerSessionTable;
  }
}

type NullableColumn<T> = ColumnType<T | null, T | null | undefined, T | null>;
type DefaultedColumn<T> = ColumnType<T, T | undefined, T>;

/** Who earns in a program: everyone active (`open`, the default), or enrolled collaborators only. */
export type EnrollmentMode = 'open' | 'approval' | 'invite';

declare module '../model/tables.ts' {
  interface ProgramTable {
    /** Days a new commission waits in `hold` before it is payable (0: payable on approval). */
    hold_days: DefaultedColumn<number>;
    /** JSON object currency → minor units: a collaborator's payout below it waits for a later run. */
    minimum_payouts: NullableColumn<string>;
    enrollment: DefaultedColumn<EnrollmentMode>;
    /** JSON FraudRules; null: every rule `allow`. */
    fraud_rules: NullableColumn<string>;
  }
  interface ConversionTable {
    /** JSON array of FraudReason: the rules that flagged the sale for review; null when none did. */
    fraud_reasons: NullableColumn<string>;
  }
  interface ObligationTable {
    /** While `hold`: when it becomes payable (epoch ms). Kept afterwards, for the record. */
    hold_until: NullableColumn<number>;
  }
}

/** What a fraud rule does when it matches: nothing, hold the commission for review, or award none. */
export type FraudAction = 'allow' | 'flag' | 'block';

/** Why a sale's commission was flagged or blocked. */
export type FraudReason = 'self_referral' | 'own_coupon' | 'already_referred' | 'banned_collaborator' | 'fast_conversion';

/**
 * A program's fraud rules (FirstPromoter's and Dub's checks); an absent rule is `allow`, except
 * `banned_collaborator` (see there).
 */
export interface FraudRules {
  /**
   * The buyer is the collaborator: the buyer's email or user id is theirs, or the buyer's address
   * (keyed hash, partners/ip-hashes.ts) is one the collaborator signed in to the portal from.
   */
  self_referral?: FraudAction;
  /** The buyer used the collaborator's own coupon and is the collaborator. */
  own_coupon?: FraudAction;
  /** The customer (user id or email) already earned another collaborator a commission. */
  already_referred?: FraudAction;
  /**
   * The referring collaborator is banned. Absent (the default): their referrals do not count, so
   * the attribution model credits the next eligible collaborator, or nobody (the behaviour before
   * this rule, and Siren's). Set, their referral counts like any other and the rule decides:
   * `allow` earns (payouts stay held while banned), `flag` waits for review, `block` awards nobody
   * in this program and logs CommissionBlocked.
   */
  banned_collaborator?: FraudAction;
  /** The sale came less than `seconds` after the referral (a click farm, or the partner buying at once). */
  fast_conversion?: { action: FraudAction; seconds: number };
}

/**
 * An enrollment's life:
 *   applied ──approve──▶ approved ──remove──▶ removed
 *   invited ──accept/approve──▶ approved      applied ──reject──▶ rejected
 * Only `approved` earns, and only in programs whose enrollment is not `open`.
 */
export type EnrollmentStatus = 'applied' | 'invited' | 'approved' | 'rejected' | 'removed';

export interface ProgramEnrollmentTable {
  id: Generated<number>;
  workspace_id: string;
  program_id: number;
  collaborator_id: number;
  status: EnrollmentStatus;
  created_at: number;
  updated_at: number;
}
export type ProgramEnrollmentRow = Selectable<ProgramEnrollmentTable>;

/** A one-time sign-in link for the partner portal: the hash of its token, never the token. */
export interface PartnerLoginLinkTable {
  token_hash: string;
  workspace_id: string;
  collaborator_id: number;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

/** A partner portal session: a collaborator-scoped bearer token (hashed), opened by a login link. */
export interface PartnerSessionTable {
  token_hash: string;
  workspace_id: string;
  collaborator_id: number;
  expires_at: number;
  revoked_at: number | null;
  created_at: number;
}
