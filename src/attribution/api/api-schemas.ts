import { pageOf, pageQuery } from '../../openapi/index.ts';

/**
 * Answer schemas of the attribution admin API (resources.ts makes the answers): ids are integers,
 * money is integer minor units beside its `currency`, times are ISO-8601.
 */

const id = { type: 'integer' } as const;
const optionalId = { type: ['integer', 'null'] } as const;
const text = { type: 'string' } as const;
const optionalText = { type: ['string', 'null'] } as const;
const timestamp = { type: ['string', 'null'], format: 'date-time' } as const;
const minorUnits = { type: 'integer', description: 'Integer minor units of `currency` (cents for USD).' } as const;
const currency = { type: 'string', description: 'ISO 4217, upper case.' } as const;

/** A resource whose every property is always present (null when it has no value). */
function resource(properties: Record<string, object>, description?: string) {
  return { type: 'object', ...(description ? { description } : {}), required: ['id', ...Object.keys(properties)], properties: { id, ...properties } } as const;
}

const incentive = {
  description: 'A percentage of the sale (basis points, 100 = 1 %) or a flat amount per currency.',
  oneOf: [
    { type: 'object', required: ['type', 'basis_points'], properties: { type: { const: 'percent' }, basis_points: { type: 'integer' } } },
    { type: 'object', required: ['type', 'amounts'], properties: { type: { const: 'flat' }, amounts: { type: 'object', additionalProperties: { type: 'integer' } } } },
  ],
} as const;

const fraudAction = { enum: ['allow', 'flag', 'block'] } as const;

export const programSchema = resource({
  name: text,
  status: text,
  incentive,
  lead_incentive: { type: ['object', 'null'], properties: { amount: minorUnits, currency } },
  attribution_window_days: { type: ['integer', 'null'] },
  attribution_model: text,
  engagement_trigger: text,
  approval: text,
  renewal_incentive: { type: 'object', required: ['type'], properties: { type: { enum: ['none', 'same', 'percent', 'flat'] } } },
  renewal_limit: { type: ['object', 'null'], properties: { periods: { type: 'integer' }, months: { type: 'integer' } } },
  hold_days: { type: 'integer', description: 'Days an approved commission waits in `hold` before it is payable.' },
  minimum_payouts: { type: ['object', 'null'], additionalProperties: { type: 'integer' }, description: 'Per currency, the smallest payout from this program (minor units).' },
  enrollment: { enum: ['open', 'approval', 'invite'] },
  fraud_rules: {
    type: 'object',
    description:
      'Per rule, `allow`, `flag` or `block` (see docs/partner-portal.md); an absent rule is `allow`, except `banned_collaborator`: absent, a banned collaborator\'s referrals are passed over to the next eligible collaborator.',
    properties: {
      self_referral: { ...fraudAction, description: "The buyer's email, user id or address (keyed hash) is the collaborator's." },
      own_coupon: fraudAction,
      already_referred: fraudAction,
      banned_collaborator: { ...fraudAction, description: 'The referring collaborator is banned. Absent: their referrals are passed over, as before the rule.' },
      fast_conversion: { type: 'object', required: ['action', 'seconds'], properties: { action: fraudAction, seconds: { type: 'integer' } } },
    },
  },
  landing_url: { type: ['string', 'null'], description: "Where the program's referral links lead; null: the workspace's default landing URL." },
  link_param: { type: 'string', description: 'The query parameter that carries the code on the landing page.' },
  group_id: optionalId,
  group_priority: { type: ['integer', 'null'] },
  created_at: timestamp,
  updated_at: timestamp,
});

export const collaboratorSchema = resource({
  name: text,
  email: optionalText,
  user_id: optionalText,
  status: text,
  created_at: timestamp,
  updated_at: timestamp,
});

export const referralCodeSchema = resource({ collaborator_id: id, code: text, expires_at: timestamp, created_at: timestamp });

export const couponSchema = resource({ collaborator_id: id, code: text, status: text, created_at: timestamp });

export const opportunitySchema = resource({
  collaborator_id: optionalId,
  status: text,
  origin: optionalText,
  user_id: optionalText,
  email: optionalText,
  landing_url: optionalText,
  coupon_id: optionalId,
  inbound_event_id: optionalText,
  created_at: timestamp,
  expires_at: timestamp,
});

export const engagementSchema = resource({
  opportunity_id: id,
  program_id: id,
  collaborator_id: optionalId,
  status: text,
  created_at: timestamp,
  expires_at: timestamp,
  completed_at: timestamp,
});

export const transactionSchema = resource({
  source: optionalText,
  external_id: optionalText,
  opportunity_id: optionalId,
  status: text,
  total: minorUnits,
  refunded_total: minorUnits,
  currency,
  items: { type: 'array' },
  user_id: optionalText,
  email: optionalText,
  coupon_code: optionalText,
  subscription_id: optionalText,
  renews_transaction_id: optionalId,
  renewal_count: { type: 'integer' },
  inbound_event_id: optionalText,
  created_at: timestamp,
  completed_at: timestamp,
  refunded_at: timestamp,
});

export const conversionSchema = resource({
  kind: text,
  program_id: id,
  collaborator_id: optionalId,
  opportunity_id: optionalId,
  engagement_id: optionalId,
  transaction_id: optionalId,
  status: text,
  amount: minorUnits,
  currency,
  fraud_reasons: { type: ['array', 'null'], items: { type: 'string' }, description: 'The fraud rules that flagged it for review; null when none did.' },
  created_at: timestamp,
  reviewed_at: timestamp,
});

export const obligationSchema = resource({
  conversion_id: optionalId,
  collaborator_id: optionalId,
  kind: text,
  status: text,
  amount: minorUnits,
  original_amount: minorUnits,
  currency,
  hold_until: { ...timestamp, description: 'While `hold`: when it becomes payable.' },
  created_at: timestamp,
  updated_at: timestamp,
});

/** A program group with its programs, in priority order. */
export const groupSchema = {
  type: 'object',
  required: ['id', 'name', 'strategy', 'programs'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    strategy: { type: 'string' },
    programs: {
      type: 'array',
      items: { type: 'object', properties: { program_id: { type: 'integer' }, name: { type: 'string' }, status: { type: 'string' }, priority: { type: ['integer', 'null'] } } },
    },
    created_at: { type: ['string', 'null'], format: 'date-time' },
    updated_at: { type: ['string', 'null'], format: 'date-time' },
  },
};

/** `limit` (1–200) and `cursor` of the integer-keyed lists (id-pagination.ts), with their filters. */
export function idPageQuery(filters: Record<string, object> = {}) {
  return pageQuery(200, 50, filters);
}

export { pageOf };
