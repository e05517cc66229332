/**
 * The API's resources as the console reads them. Where the OpenAPI document describes a resource,
 * the type is taken from the types generated from /openapi.json (schema.d.ts, `npm run
 * openapi:generate`), so a change of the API's description is type-checked here; the others are
 * declared by hand until their routes carry response schemas.
 */
import type { paths } from './schema.d.ts';

type Json<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body of an operation's answer with `status`. */
export type AnswerOf<
  Path extends keyof paths,
  Method extends keyof paths[Path],
  Status extends number = 200,
> = paths[Path][Method] extends { responses: infer Responses } ? (Status extends keyof Responses ? Json<Responses[Status]> : never) : never;

/** The JSON body an operation takes. */
export type BodyOf<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** One item of a list answer (a page's `data`, or a bare array). */
type ItemOf<List> = List extends { data: Array<infer Item> } ? Item : List extends Array<infer Item> ? Item : never;

type W = '/api/v1/workspaces/{id}';

/**
 * The API's resources as the console reads them (the fields it uses; see docs/*.md for all).
 * Declared once here so every page reads the same shape.
 */

export type Collaborator = AnswerOf<`${W}/collaborators/{collaboratorId}`, 'get'>;

export type ReferralCode = ItemOf<AnswerOf<`${W}/collaborators/{collaboratorId}/referral-codes`, 'get'>>;

export type Program = AnswerOf<`${W}/programs/{programId}`, 'get'>;

export type FraudAction = 'allow' | 'flag' | 'block';

export interface FraudRules {
  self_referral?: FraudAction;
  own_coupon?: FraudAction;
  already_referred?: FraudAction;
  /** Unset: a banned partner's referrals are passed over to the next partner. */
  banned_collaborator?: FraudAction;
  fast_conversion?: { action: FraudAction; seconds: number };
}

export type Enrollment = ItemOf<AnswerOf<`${W}/programs/{programId}/enrollments`, 'get'>>;

/** A conversion in the fraud review queue. */
export type FlaggedConversion = ItemOf<AnswerOf<`${W}/fraud-review`, 'get'>>;

export interface AttributionSettings {
  public_slugs: string[];
  allowed_origins: string[];
  default_landing_url: string | null;
  public_visits: boolean;
}

interface ClickCounts {
  clicks: number;
  invalid_clicks: number;
}

/** `…/clicks`: totals, every day of the range, and the breakdowns. */
export type ClickReport = AnswerOf<`${W}/clicks`, 'get'>;

export type Conversion = AnswerOf<`${W}/conversions/{recordId}`, 'get'>;

export type Obligation = AnswerOf<`${W}/obligations/{recordId}`, 'get'>;

export type Payout = AnswerOf<`${W}/payouts/{payoutId}`, 'get'>;

/** A fulfillment run. */
export type FulfillmentRun = AnswerOf<`${W}/fulfillments/{fulfillmentId}`, 'get'>;

/** A row of the incoming inbox. */
export type IncomingRow = ItemOf<AnswerOf<`${W}/events/incoming`, 'get'>>;

/** A webhook destination. */
export interface Destination {
  id: string;
  name: string;
  /** A registered destination type: `webhook`, `amplitude`, … (GET …/destination-types). */
  type: string;
  url: string;
  /** The type's config, secrets masked (`••••` + last 4). */
  config: Record<string, unknown>;
  enabled: boolean;
  disabled_reason: string | null;
  batch_size: number;
  rate_limit: number | null;
  signing_secret?: string;
}

/** A JSON Schema property of a destination config, as far as the console's forms read it. */
export interface ConfigProperty {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  pattern?: string;
  writeOnly?: boolean;
  'x-secret'?: boolean;
  additionalProperties?: unknown;
}

/** A destination type from the catalogue (GET …/destination-types). */
export interface DestinationType {
  id: string;
  title: string;
  description: string;
  transport: 'http' | 'connection';
  config_schema: { type: 'object'; properties: Record<string, ConfigProperty>; required?: string[] };
  secret_fields: string[];
  limits: { max_events: number; max_bytes: number; max_wait_ms: number; rate_limit: number | null };
}

/** What `POST …/destinations/{id}/test` answers. */
export interface DestinationTestResult {
  ok: boolean;
  verdict: 'delivered' | 'retry' | 'final' | 'gone';
  classification: string;
  status_code: number | null;
  latency_ms: number;
  response: string | null;
  error: string | null;
}

/** A forwarding rule. */
export type Rule = AnswerOf<`${W}/event-forwarding-rules/{ruleId}`, 'get'>;

export interface DeliveryAttempt {
  attempted_at: string;
  status_code: number | null;
  latency_ms: number | null;
  error: string | null;
}

export type Delivery = AnswerOf<`${W}/deliveries/{deliveryId}`, 'get'>;

export type ApiKey = ItemOf<AnswerOf<`${W}/api-keys`, 'get'>>;

export type WriteKey = ItemOf<AnswerOf<`${W}/event-keys`, 'get'>>;

/** A canonical event. */
export interface CanonicalEvent {
  id: string;
  inbox_id: string;
  api: string;
  type: string;
  event: string | null;
  event_type: string;
  user_id: string | null;
  email: string | null;
  source: string | null;
  status: string | null;
  timestamp: string | null;
  received_at: string | null;
  [field: string]: unknown;
}

/** One kind of key's rate limit in a workspace; `per_second` 0: not limited. */
export interface KindRateLimit {
  per_second: number;
  burst: number;
  source: 'workspace' | 'default';
}

/** `GET …/settings/rate-limits`: the limits that apply to each write key and each API key. */
export interface RateLimits {
  write_key: KindRateLimit;
  api_key: KindRateLimit;
  updated_at: string | null;
}

/** `…/retention-settings`: days each kind of data is kept; null keeps it for ever. */
export type RetentionSettings = AnswerOf<`${W}/retention-settings`, 'get'>;

/** What a regulation erased, by kind of data (`GET …/regulations/{id}`). */
export interface ErasureCounts {
  events: number;
  inbox_rows: number;
  journal_messages: number;
  deliveries: number;
  contract_violations: number;
  live_messages: number;
  attribution_records: number;
}

/** A privacy regulation: delete and/or suppress a person (docs/operations.md). */
export interface Regulation {
  id: string;
  workspace_id: string;
  type: 'delete' | 'suppress' | 'suppress_with_delete' | 'unsuppress';
  subject_type: 'user_id' | 'anonymous_id' | 'email';
  subject_count: number;
  /** On one regulation's page only, not in lists. */
  subject_ids?: string[];
  status: 'initialized' | 'running' | 'finished' | 'failed';
  counts: ErasureCounts;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export type Coupon = ItemOf<AnswerOf<`${W}/coupons`, 'get'>>;

/** A program group: mutually exclusive programs, the winner picked by `strategy`. */
export type ProgramGroup = ItemOf<AnswerOf<`${W}/program-groups`, 'get'>>;

export type ProgramGroupStrategy = BodyOf<`${W}/program-groups`, 'post'>['strategy'];

export type Distribution = ItemOf<AnswerOf<`${W}/distributions`, 'get'>>;

/** A processed period of a distribution, with what each collaborator got. */
export type DistributionRun = ItemOf<AnswerOf<`${W}/distributions/{distributionId}/runs`, 'get'>>;

export type Transaction = ItemOf<AnswerOf<`${W}/transactions`, 'get'>>;

/** A collaborator's enrollment in one program (`GET …/collaborators/{id}/enrollments`). */
export type CollaboratorEnrollment = ItemOf<AnswerOf<`${W}/collaborators/{collaboratorId}/enrollments`, 'get'>>;

/**
 * Money columns of a report row, integer minor units of one currency (docs/reports.md). Declared
 * by hand: the reports' response schema names only the row's id.
 */
export interface ReportMoney {
  currency: string;
  revenue: number;
  earned: number;
  draft: number;
  flagged: number;
  hold: number;
  pending: number;
  paid: number;
  refunded: number;
  clawed_back: number;
}

/** One row of `…/reports/collaborators` or `…/reports/programs`: one id on one UTC day. */
export interface ReportRow {
  collaborator_id?: number;
  program_id?: number;
  day: string;
  visits: number;
  leads: number;
  sales: number;
  amounts: ReportMoney[];
}

export interface Report {
  from: string;
  to: string;
  data: ReportRow[];
}

/** A collaborator's balance in one currency (`GET …/collaborators/{id}/ledger`, docs/reports.md). */
export interface LedgerBalance {
  currency: string;
  balance: number;
  draft: number;
  flagged: number;
  hold: number;
  pending: number;
  paid: number;
  clawed_back: number;
  clawback_outstanding: number;
  paid_out: number;
}

/** One signed change of a collaborator's balance, with the domain event that made it. */
export interface LedgerEntry {
  type: string;
  obligation_id: number | null;
  amount: number;
  currency: string;
  at: string;
  event: { name: string; inbound_event_id: string; sequence: number } | null;
}

export interface CollaboratorLedger {
  collaborator_id: number;
  balance: LedgerBalance[];
  data: LedgerEntry[];
}
