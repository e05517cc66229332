import type { FactoryRegistry } from '../factories/registry.ts';

/** Why a site visit did not become an opportunity (seed 002: duplicate, expired, validation failure). */
export type InvalidationReason = 'invalid' | 'expired' | 'self_referral' | 'duplicate';

export interface SaleLine {
  externalId: string | null;
  name: string;
  quantity: number;
  /** Per-unit price, minor units. */
  amount: number;
}

/**
 * Every domain event the engine dispatches, name → payload, in the order seed 002 lists them.
 * Payloads are plain JSON (ids, amounts in minor units, codes): the domain-event log stores them
 * as they are after the listeners ran. Plugins add their own events by declaration merging:
 * `declare module '.../bus/domain-event-map.ts' { interface DomainEventMap { MyEvent: {...} } }`.
 */
export interface DomainEventMap {
  /** A referred visitor arrived; the opportunity row exists. */
  OpportunityTriggered: {
    opportunityId: number;
    collaboratorId: number;
    userId: string | null;
    landingUrl: string | null;
    expiresAt: string;
  };
  /** A visit was refused; the flow stops. `opportunityId` is the existing one for a duplicate. */
  OpportunityInvalidated: { reason: InvalidationReason; collaboratorId: number | null; opportunityId: number | null; detail: string };
  /** One engagement (credit claim) per program whose trigger strategy accepts the signal. */
  EngagementsTriggered: { opportunityId: number; collaboratorId: number; trigger: 'referral' | 'coupon'; engagementIds: number[]; programIds: number[] };
  /** A checkout used a coupon; its owner becomes the referring collaborator. */
  CouponApplied: { couponId: number; code: string; collaboratorId: number; opportunityId: number };
  /** A purchase was reported (the commerce event). */
  SaleTriggered: {
    source: string;
    externalId: string;
    total: number;
    currency: string;
    status: 'pending' | 'complete';
    opportunityId: number | null;
  };
  /**
   * Mutable: listeners may change any field before the transaction is stored (a plugin that
   * excludes shipping from `total`, re-attributes `opportunityId`, …). The stored row uses the
   * payload as the last listener left it.
   */
  TransactionCreateRequested: {
    source: string;
    externalId: string;
    total: number;
    currency: string;
    status: 'pending' | 'complete';
    opportunityId: number | null;
    items: SaleLine[];
    userId: string | null;
    email: string | null;
    couponCode: string | null;
  };
  /** The transaction row was stored. */
  TransactionCreated: { transactionId: number; source: string; externalId: string; total: number; currency: string; opportunityId: number | null };
  /** The conversion pipeline starts for an attributable sale or lead. */
  ConversionInitialized: { kind: 'sale' | 'lead'; opportunityId: number; transactionId: number | null };
  /**
   * Several qualifying programs of one program group: the group's strategy picked the winner; the
   * losers' engagements for this sale are superseded and award nothing.
   */
  ProgramGroupConversionTriggered: { groupId: number; strategy: string; winnerProgramId: number; loserProgramIds: number[]; supersededEngagementIds: number[] };
  /** Conversions were created for one program (one per awarded engagement). */
  ConversionsAwarded: {
    programId: number;
    collaboratorId: number;
    conversionIds: number[];
    amount: number;
    currency: string;
    incentive: { type: 'percent'; basisPoints: number } | { type: 'flat' | 'lead'; amount: number };
  };
  /** The engagement that won the program's first-/last-touch choice earned the conversion. */
  EngagementAwarded: { engagementId: number; programId: number; conversionId: number };
  /** The program's engagements for this sale are settled: the winner completed, the others superseded. */
  EngagementCompleted: { programId: number; completedIds: number[]; supersededIds: number[] };
  /**
   * What the business owes: for a conversion, in draft until the conversion is approved; for a
   * distribution's allocation (`conversionId` null), pending at once, as nothing is left to review.
   */
  ObligationIssued: { obligationId: number; conversionId: number | null; collaboratorId: number; amount: number; currency: string; status: 'draft' | 'pending' };
  /**
   * After ObligationIssued, when the program's fraud rules flag the sale: the conversion waits for
   * an admin's approve or reject (whatever the approval mode); its obligations are `flagged`.
   */
  ConversionFlagged: { conversionId: number; programId: number; collaboratorId: number; reasons: string[]; obligationIds: number[] };
  /** In place of a program's conversion steps, when its fraud rules block the sale: no commission, and why. */
  CommissionBlocked: { programId: number; collaboratorId: number; engagementId: number; transactionId: number; reasons: string[] };
  /** Payment confirmed for the transaction. */
  TransactionCompleted: { transactionId: number; source: string; externalId: string };
  /** The conversion passed review; its obligations move draft → pending. */
  ConversionApproved: { conversionId: number; by: 'payment' | 'admin'; obligationIds: number[] };
  /**
   * After ConversionApproved, when the program holds commissions (`hold_days`): the approved
   * obligations wait in `hold` until `holdUntil` (ISO time) for refunds to arrive.
   */
  ObligationsHeld: { conversionId: number; programId: number; obligationIds: number[]; holdUntil: string };
  /** The holding period of these obligations ended (the heartbeat, or a fulfillment run, found them due): hold → pending. */
  ObligationsReleased: { obligationIds: number[] };
  /** The conversion was denied; its unpaid obligations are cancelled. */
  ConversionRejected: { conversionId: number; reason: 'refund' | 'admin'; cancelledObligationIds: number[]; clawbackObligationIds: number[] };
  /**
   * A sale was (partly) reversed. `amount` is this refund, `refundedTotal` the sum so far. A partial
   * refund reduces unpaid obligations pro rata (`adjustedObligationIds`) and claws back what was
   * already paid beyond what is now earned (`clawbackObligationIds`); a full refund leaves that to
   * the ConversionRejected that follows.
   */
  RefundTriggered: {
    transactionId: number;
    source: string;
    externalId: string;
    amount: number;
    refundedTotal: number;
    currency: string;
    full: boolean;
    adjustedObligationIds: number[];
    clawbackObligationIds: number[];
  };
  /** A payload of a plugin's slug with no flow of its own, passed through unchanged (Siren's custom events). */
  CustomEventTriggered: { slug: string; opportunityId: number | null; payload: Record<string, unknown> };
  /**
   * A subscription renewal was paid; `originalTransactionId` is the first sale it renews (stored as
   * its own transaction). `period` counts the renewals of that sale, this one included (1 = the
   * first renewal).
   */
  RenewalTriggered: {
    transactionId: number;
    originalTransactionId: number;
    subscriptionId: string | null;
    period: number;
    source: string;
    externalId: string;
    total: number;
    currency: string;
  };
  /** The renewal's conversion pipeline starts from one standing conversion of the first sale (and its engagement). */
  ConversionRenewed: { transactionId: number; originalConversionId: number; engagementId: number | null; programId: number; collaboratorId: number; period: number };
  /** The renewal earned: ConversionsAwarded's shape plus the conversion it renews. */
  RenewedConversionsAwarded: {
    programId: number;
    collaboratorId: number;
    conversionIds: number[];
    /** The new conversion (the only one in `conversionIds`). */
    conversionId: number;
    originalConversionId: number;
    amount: number;
    currency: string;
    incentive: { type: 'percent'; basisPoints: number } | { type: 'flat'; amount: number };
  };
  /**
   * The renewal earns nothing for this program, and says why: the program pays no renewals
   * (`renewals_off`), the renewal is past the program's limit (`period_limit`, `month_limit`), the
   * program is inactive, its flat renewal incentive has no amount in this currency, or the
   * collaborator credited for the sale is banned (`collaborator_banned`).
   */
  RenewalNotAwarded: {
    transactionId: number;
    originalConversionId: number;
    programId: number;
    collaboratorId: number;
    period: number;
    reason: RenewalSkipReason;
  };
  /** A sign-up or form submission (no money) was reported for an opportunity. */
  LeadTriggered: { opportunityId: number; source: string | null; externalId: string | null; userId: string | null; email: string | null };
  /**
   * An admin credited a transaction to a collaborator by hand, bypassing engagements (seed 001).
   * `replacedConversionIds` are the earlier conversions `replace: true` rejects next.
   */
  ManualAttributionRequested: {
    transactionId: number;
    collaboratorId: number;
    programId: number | null;
    opportunityId: number | null;
    replace: boolean;
    replacedConversionIds: number[];
  };
  /** An admin started a fulfillment run (a payout batch). */
  FulfillmentCreated: { fulfillmentId: number; currency: string | null; minimumPayout: number | null };
  /** A fulfillment run moved through its lifecycle: pending → processing → complete (or failed when every payout failed). */
  FulfillmentStatusChanged: { fulfillmentId: number; from: 'pending' | 'processing'; to: 'processing' | 'complete' | 'failed' };
  /** One payout per collaborator and currency: the net of its payable obligations (clawbacks subtract). */
  PayoutCreated: { payoutId: number; fulfillmentId: number; collaboratorId: number; amount: number; currency: string; obligationIds: number[] };
  /** The payout was sent to the collaborator (terminal). */
  PayoutPaid: { payoutId: number; fulfillmentId: number | null; collaboratorId: number; amount: number; currency: string; paidReference: string | null };
  /** The payout could not be sent; its obligations are payable again in a later run. */
  PayoutFailed: { payoutId: number; fulfillmentId: number | null; collaboratorId: number; reason: string | null; releasedObligationIds: number[] };
  /**
   * The obligation was paid; `payoutId` is written back on it. `amount` is what the payout paid for
   * it; when a refund reduced or cancelled it while the payout was out, `clawbackObligationId` is
   * the negative obligation recording what the collaborator now owes back (netted by later runs).
   */
  ObligationCompleted: { obligationId: number; payoutId: number; collaboratorId: number; amount: number; currency: string; clawbackObligationId: number | null };
  /** A `metric` event recorded a value for a collaborator (exact decimal text), counted in its distribution periods. */
  MetricsTriggered: { metricEntryId: number; collaboratorId: number; metric: string; value: string; occurredAt: string };
  /** The heartbeat claimed one distribution period (`[periodStart, periodEnd)`, ISO times) to process. */
  DistributionHeartbeatInitialized: { distributionId: number; runId: number; period: 'daily' | 'weekly' | 'monthly'; periodStart: string; periodEnd: string };
  /** The period's pool is computed; `metricTotal` is the sum of the distribution's metric over it. */
  DistributionCompleted: { distributionId: number; runId: number; pool: number; currency: string; metricTotal: string; collaboratorCount: number };
  /** One collaborator's share of the pool (largest-remainder rounding: the shares sum to the pool). */
  AllocationCompleted: { distributionId: number; runId: number; allocationId: number; collaboratorId: number; metricValue: string; amount: number; currency: string };
  /**
   * Mutable: a collaborator application. Listeners may change `name`, `email`, `userId`, `code` or
   * set `decision` to `rejected` (with `reason`) or `pending` before it is stored.
   */
  CollaboratorSubmissionReceived: {
    submissionId: number;
    name: string;
    email: string | null;
    userId: string | null;
    code: string | null;
    fields: Record<string, unknown>;
    decision: 'approved' | 'pending' | 'rejected';
    reason: string | null;
  };
  /** An approved application became an active collaborator with a referral code. */
  CollaboratorAccountReady: { submissionId: number | null; collaboratorId: number; referralCode: string };
  /**
   * An admin created a one-time sign-in link to the partner portal for the collaborator (Siren
   * webhook `collaborator.login_link_created`, so the shop can mail it). `url` holds the secret.
   */
  CollaboratorLoginLinkCreated: { collaboratorId: number; url: string; expiresAt: string };
  /** An LMS reported a finished lesson; programs with a per-lesson incentive award the student's referrer. */
  StudentCompletedLesson: { lessonId: string; courseId: string | null; userId: string; opportunityId: number | null; collaboratorId: number | null };
  /**
   * Mutable: a recipe (programs, groups, settings) about to be applied to the workspace. Listeners
   * may edit the bundle; `dryRun` answers the plan without writing.
   */
  RecipeApplyRequested: { name: string | null; dryRun: boolean; bundle: RecipeBundle };
}

/** Why a renewal earned nothing for a program (RenewalNotAwarded). */
export type RenewalSkipReason = 'renewals_off' | 'period_limit' | 'month_limit' | 'program_inactive' | 'no_incentive_in_currency' | 'collaborator_banned' | 'not_enrolled';

/** A recipe's JSON bundle as RecipeApplyRequested carries it (validated shapes, see system/recipes). */
export interface RecipeBundle {
  groups: Array<{ name: string; strategy: string }>;
  programs: Array<Record<string, unknown> & { name: string }>;
  settings: { public_slugs?: string[]; allowed_origins?: string[] } | null;
}

export type DomainEventName = keyof DomainEventMap;

/** Events whose listeners may change the payload before the next step reads it. */
export type MutableEventName = 'TransactionCreateRequested' | 'CollaboratorSubmissionReceived' | 'RecipeApplyRequested';
export const MUTABLE_EVENTS: ReadonlySet<DomainEventName> = new Set<DomainEventName>(['TransactionCreateRequested', 'CollaboratorSubmissionReceived', 'RecipeApplyRequested']);

/** What a listener receives: a frozen copy, except for mutable events. */
export type ListenerPayload<K extends DomainEventName> = K extends MutableEventName ? DomainEventMap[K] : DeepReadonly<DomainEventMap[K]>;

export type DeepReadonly<T> = T extends (infer U)[] ? ReadonlyArray<DeepReadonly<U>> : T extends object ? { readonly [P in keyof T]: DeepReadonly<T[P]> } : T;

/** Events outside any inbound event's transaction (start-up); they are not logged. */
export interface SystemEventMap {
  /** The factory registry holds the built-ins; plugins call `registry.addFactory(...)` now. */
  EventFactoryRegistryInitiated: { registry: FactoryRegistry };
}
