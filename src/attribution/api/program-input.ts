import { AppError, type FieldError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import { landingUrlProblem, MAX_LANDING_URL_LENGTH } from '../../lib/landing-url.ts';
import type { ProgramRow } from '../model/tables.ts';
import type { FraudRules } from '../partners/tables.ts';

const FRAUD_ACTIONS = ['allow', 'flag', 'block'];

const MINOR_UNITS = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };

/** What a program body may hold; on create `name` and `incentive` are required. */
export interface ProgramInput {
  name?: string;
  status?: 'active' | 'inactive';
  incentive?: { type: 'percent'; basis_points: number } | { type: 'flat'; amounts: Record<string, number> };
  lead_incentive?: { amount: number; currency: string } | null;
  attribution_window_days?: number;
  attribution_model?: 'first_touch' | 'last_touch';
  engagement_trigger?: 'any' | 'referral' | 'coupon';
  approval?: 'on_payment' | 'manual';
  renewal_incentive?: { type: 'none' | 'same' } | { type: 'percent'; basis_points: number } | { type: 'flat'; amounts: Record<string, number> };
  renewal_limit?: { periods?: number; months?: number } | null;
  hold_days?: number;
  minimum_payouts?: Record<string, number> | null;
  enrollment?: 'open' | 'approval' | 'invite';
  fraud_rules?: FraudRules | null;
  /** Where the program's referral links lead; null: the workspace's default landing URL. */
  landing_url?: string | null;
  /** The query parameter that carries the code on the landing page (default `ref`). */
  link_param?: string;
}

/** A query parameter name a shop can read back: letters, digits, `_` and `-`, as `ref` or `via`. */
export const LINK_PARAM_PATTERN = '^[A-Za-z0-9_-]{1,32}$';

const FLAT_AMOUNTS = { type: 'object', minProperties: 1, maxProperties: 50, propertyNames: { format: 'currency' }, additionalProperties: MINOR_UNITS };

/** One `if`/`then` branch per incentive type, so fields of another type are refused, not ignored. */
function branch(type: string, required: string[], extra: Record<string, unknown>) {
  return {
    if: { required: ['type'], properties: { type: { const: type } } },
    then: { required, additionalProperties: false, properties: { type: { const: type }, ...extra } },
  };
}

const properties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  status: { enum: ['active', 'inactive'] },
  incentive: {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: ['percent', 'flat'] } },
    // One branch per type, so a percent incentive with `amounts` is refused, not ignored; an
    // absent or unknown type matches no branch and is reported once, on `incentive.type`.
    allOf: [
      {
        if: { required: ['type'], properties: { type: { const: 'percent' } } },
        then: {
          required: ['basis_points'],
          additionalProperties: false,
          // 10 000 basis points is 100 %: a commission above the sale is never meant.
          properties: { type: { const: 'percent' }, basis_points: { type: 'integer', minimum: 0, maximum: 10_000 } },
        },
      },
      {
        if: { required: ['type'], properties: { type: { const: 'flat' } } },
        then: {
          required: ['amounts'],
          additionalProperties: false,
          properties: {
            type: { const: 'flat' },
            amounts: { type: 'object', minProperties: 1, maxProperties: 50, propertyNames: { format: 'currency' }, additionalProperties: MINOR_UNITS },
          },
        },
      },
    ],
  },
  lead_incentive: {
    type: ['object', 'null'],
    required: ['amount', 'currency'],
    additionalProperties: false,
    properties: { amount: MINOR_UNITS, currency: { type: 'string', format: 'currency' } },
  },
  attribution_window_days: { type: 'integer', minimum: 1, maximum: 3650 },
  attribution_model: { enum: ['first_touch', 'last_touch'] },
  engagement_trigger: { enum: ['any', 'referral', 'coupon'] },
  approval: { enum: ['on_payment', 'manual'] },
  renewal_incentive: {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: ['none', 'same', 'percent', 'flat'] } },
    allOf: [
      branch('none', [], {}),
      branch('same', [], {}),
      branch('percent', ['basis_points'], { basis_points: { type: 'integer', minimum: 0, maximum: 10_000 } }),
      branch('flat', ['amounts'], { amounts: FLAT_AMOUNTS }),
    ],
  },
  // Renewals 1…periods earn, and only within `months` calendar months of the first sale; null: no limit.
  renewal_limit: {
    type: ['object', 'null'],
    minProperties: 1,
    additionalProperties: false,
    properties: { periods: { type: 'integer', minimum: 1, maximum: 10_000 }, months: { type: 'integer', minimum: 1, maximum: 1_200 } },
  },
  // Days a commission waits in `hold` for refunds before it is payable (Dub: 0–90; a year at most).
  hold_days: { type: 'integer', minimum: 0, maximum: 365 },
  // Per currency, the smallest payout a run makes from this program's commissions; null: none.
  minimum_payouts: { type: ['object', 'null'], maxProperties: 50, propertyNames: { format: 'currency' }, additionalProperties: MINOR_UNITS },
  enrollment: { enum: ['open', 'approval', 'invite'] },
  // Each rule `allow` (the default), `flag` (held for an admin's review) or `block` (no commission).
  fraud_rules: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      self_referral: { enum: FRAUD_ACTIONS },
      own_coupon: { enum: FRAUD_ACTIONS },
      already_referred: { enum: FRAUD_ACTIONS },
      // Absent: a banned collaborator's referrals are passed over (the behaviour before the rule).
      banned_collaborator: { enum: FRAUD_ACTIONS },
      fast_conversion: {
        type: 'object',
        required: ['action', 'seconds'],
        additionalProperties: false,
        properties: { action: { enum: FRAUD_ACTIONS }, seconds: { type: 'integer', minimum: 1, maximum: 86_400 } },
      },
    },
  },
  landing_url: { type: ['string', 'null'], minLength: 1, maxLength: MAX_LANDING_URL_LENGTH },
  link_param: { type: 'string', pattern: LINK_PARAM_PATTERN },
};

/** The create body, as validated and as /openapi.json shows it. */
export const createProgramBody = {
  type: 'object',
  required: ['name', 'incentive'],
  additionalProperties: false,
  properties,
  examples: [{ name: 'Partners 10 %', incentive: { type: 'percent', basis_points: 1000 }, attribution_window_days: 30 }],
};
export const updateProgramBody = { type: 'object', additionalProperties: false, properties };

const readCreate = compileValidator<ProgramInput & { name: string; incentive: NonNullable<ProgramInput['incentive']> }>(createProgramBody);
const readUpdate = compileValidator<ProgramInput>(updateProgramBody);

/** Ajv reports the failed `if` branch as one more error; the branch's own errors say what is wrong. */
function withoutIfNoise(error: unknown): never {
  if (error instanceof AppError && error.code === 'validation_failed') {
    const fields = (error.data as { fields: FieldError[] }).fields.filter((f) => !f.message.startsWith('must match "'));
    throw AppError.validation(fields);
  }
  throw error;
}

/** What the schema cannot say: the landing URL parses as a web address. */
function checked<T extends ProgramInput>(input: T): T {
  const problem = typeof input.landing_url === 'string' ? landingUrlProblem(input.landing_url) : undefined;
  if (problem) throw AppError.validation([{ field: 'landing_url', message: problem }]);
  return input;
}

export function readProgramCreate(body: unknown) {
  try {
    return checked(readCreate(body ?? {}));
  } catch (error) {
    return withoutIfNoise(error);
  }
}

export function readProgramUpdate(body: unknown): ProgramInput {
  try {
    return checked(readUpdate(body ?? {}));
  } catch (error) {
    return withoutIfNoise(error);
  }
}

type ProgramColumns = Omit<ProgramRow, 'id' | 'workspace_id' | 'created_at' | 'updated_at'>;

/** The columns an input sets; absent fields are left out so an update changes only what it names. */
export function programColumns(input: ProgramInput): Partial<ProgramColumns> {
  const columns: Partial<ProgramColumns> = {};
  if (input.name !== undefined) columns.name = input.name;
  if (input.status !== undefined) columns.status = input.status;
  if (input.incentive !== undefined) {
    columns.incentive_type = input.incentive.type;
    columns.incentive_bps = input.incentive.type === 'percent' ? input.incentive.basis_points : null;
    columns.incentive_amounts = input.incentive.type === 'flat' ? JSON.stringify(input.incentive.amounts) : null;
  }
  if (input.lead_incentive !== undefined) {
    columns.lead_amount = input.lead_incentive?.amount ?? null;
    columns.lead_currency = input.lead_incentive?.currency ?? null;
  }
  if (input.attribution_window_days !== undefined) columns.attribution_window_days = input.attribution_window_days;
  if (input.attribution_model !== undefined) columns.attribution_model = input.attribution_model;
  if (input.engagement_trigger !== undefined) columns.engagement_trigger = input.engagement_trigger;
  if (input.approval !== undefined) columns.approval = input.approval;
  if (input.renewal_incentive !== undefined) {
    const renewal = input.renewal_incentive;
    columns.renewal_incentive = renewal.type;
    columns.renewal_bps = renewal.type === 'percent' ? renewal.basis_points : null;
    columns.renewal_amounts = renewal.type === 'flat' ? JSON.stringify(renewal.amounts) : null;
  }
  if (input.hold_days !== undefined) columns.hold_days = input.hold_days;
  if (input.minimum_payouts !== undefined) {
    const minimums = input.minimum_payouts;
    columns.minimum_payouts = minimums === null || Object.keys(minimums).length === 0 ? null : JSON.stringify(minimums);
  }
  if (input.enrollment !== undefined) columns.enrollment = input.enrollment;
  if (input.fraud_rules !== undefined) {
    const rules = input.fraud_rules;
    columns.fraud_rules = rules === null || Object.keys(rules).length === 0 ? null : JSON.stringify(rules);
  }
  if (input.renewal_limit !== undefined) {
    columns.renewal_limit_periods = input.renewal_limit?.periods ?? null;
    columns.renewal_limit_months = input.renewal_limit?.months ?? null;
  }
  if (input.landing_url !== undefined) columns.landing_url = input.landing_url;
  if (input.link_param !== undefined) columns.link_param = input.link_param;
  return columns;
}

/** Defaults of a new program: Rewardful's and Dub's 30-day last-click, any signal, approved on payment. */
export const PROGRAM_DEFAULTS = {
  status: 'active',
  lead_amount: null,
  lead_currency: null,
  attribution_window_days: 30,
  attribution_model: 'last_touch',
  engagement_trigger: 'any',
  approval: 'on_payment',
  hold_days: 0,
  minimum_payouts: null,
  enrollment: 'open',
  fraud_rules: null,
} as const satisfies Partial<ProgramColumns>;
