import { pageOf, pageQuery } from '../../openapi/index.ts';
import { conversionSchema, obligationSchema, referralCodeSchema } from '../api/api-schemas.ts';
import { payoutSchema } from '../fulfillment/api-schemas.ts';

/** Schemas of the partner-program routes (enrollments, fraud review, holds, login links) and the partner API. */

const id = { type: 'integer' } as const;
const timestamp = { type: ['string', 'null'], format: 'date-time' } as const;
const ENROLLMENT_STATUSES = ['applied', 'invited', 'approved', 'rejected', 'removed'] as const;

export const enrollmentSchema = {
  type: 'object',
  required: ['id', 'program_id', 'collaborator_id', 'status', 'created_at', 'updated_at'],
  properties: { id, program_id: id, collaborator_id: id, status: { enum: ENROLLMENT_STATUSES }, created_at: timestamp, updated_at: timestamp },
} as const;

export const createEnrollmentBody = {
  type: 'object',
  required: ['collaborator_id'],
  additionalProperties: false,
  properties: {
    collaborator_id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    status: { enum: ['applied', 'invited', 'approved'], description: 'Default: `invited` in an invite program, `approved` otherwise.' },
  },
  examples: [{ collaborator_id: 7, status: 'applied' }],
} as const;

export const updateEnrollmentBody = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: { status: { enum: ENROLLMENT_STATUSES } },
  examples: [{ status: 'approved' }],
} as const;

export const enrollmentListQuery = (withCollaborator: boolean) =>
  pageQuery(200, 50, {
    status: { enum: ENROLLMENT_STATUSES },
    ...(withCollaborator ? { collaborator_id: { type: 'integer', minimum: 1 } } : {}),
  });

export const fraudReviewQuery = pageQuery(200, 50, { program_id: { type: 'integer', minimum: 1 }, collaborator_id: { type: 'integer', minimum: 1 } });

export const loginLinkBody = {
  type: 'object',
  additionalProperties: false,
  // Five minutes to a week; an hour by default (a link in an e-mail is opened soon, or asked for again).
  properties: { expires_in_minutes: { type: 'integer', minimum: 5, maximum: 10_080 } },
  examples: [{ expires_in_minutes: 60 }],
} as const;

export const loginLinkSchema = {
  type: 'object',
  required: ['url', 'expires_at'],
  properties: { url: { type: 'string', description: 'The portal with the one-time token in its fragment (`/partners#login=trb_pl_…`).' }, expires_at: timestamp },
} as const;

/** A decided enrollment; approving an application from the sign-up form also answers the login link it sent. */
export const decidedEnrollmentSchema = {
  ...enrollmentSchema,
  properties: { ...enrollmentSchema.properties, login_link: { ...loginLinkSchema, description: 'Only when approving an application from the portal\'s sign-up form: the link also sent as `collaborator.login_link_created`.' } },
} as const;

export const sessionBody = {
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: { token: { type: 'string', minLength: 1, maxLength: 200, description: 'The `trb_pl_…` token of a login link.' } },
  examples: [{ token: 'trb_pl_0123456789abcdefghijABCDEFGHIJ0123456789' }],
} as const;

export const sessionSchema = {
  type: 'object',
  required: ['token', 'expires_at', 'collaborator_id'],
  properties: { token: { type: 'string', description: 'The session (`trb_ps_…`): send it as a bearer token.' }, expires_at: timestamp, collaborator_id: id },
} as const;

export const partnerMeSchema = {
  type: 'object',
  required: ['id', 'name', 'email', 'status', 'workspace_id'],
  properties: { id, name: { type: 'string' }, email: { type: ['string', 'null'] }, status: { type: 'string' }, workspace_id: { type: 'string' } },
} as const;

export const partnerLinksSchema = {
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'array', items: { ...referralCodeSchema, required: [...referralCodeSchema.required, 'url'], properties: { ...referralCodeSchema.properties, url: { type: 'string' } } } } },
} as const;

// A partner sees no customer, transaction or opportunity ids: those are the shop's.
const partnerConversionProperties = Object.fromEntries(
  Object.entries(conversionSchema.properties as Record<string, object>).filter(([name]) => !['opportunity_id', 'engagement_id', 'transaction_id'].includes(name)),
);
export const partnerConversionsSchema = pageOf({ type: 'object', required: ['id', 'program_id', 'status', 'amount', 'currency'], properties: partnerConversionProperties });

export const partnerVisitsSchema = pageOf({
  type: 'object',
  required: ['id', 'visited_at', 'origin', 'landing_page', 'status', 'expires_at', 'converted'],
  properties: {
    id,
    visited_at: timestamp,
    origin: { enum: ['referral', 'coupon'], description: 'Through a referral link or code, or the partner\'s coupon.' },
    landing_page: { type: ['string', 'null'], description: 'The page the visitor landed on, without its query string or fragment.' },
    status: { enum: ['active', 'inactive', 'invalid'], description: '`active` while a sale would still be credited to the partner.' },
    expires_at: timestamp,
    converted: { type: 'boolean', description: 'Whether the visit led to a conversion.' },
  },
});

export const commissionsQuery = pageQuery(200, 50, { status: { enum: ['draft', 'flagged', 'hold', 'pending', 'complete', 'cancelled'] } });
export const commissionsSchema = pageOf(obligationSchema);
export const partnerPayoutsSchema = pageOf({ type: 'object', required: ['id', 'status', 'amount', 'currency'], properties: payoutSchema.properties });

const minor = { type: 'integer' } as const;
export const balanceSchema = {
  type: 'object',
  required: ['data'],
  properties: {
    data: {
      type: 'array',
      items: {
        type: 'object',
        required: ['currency', 'balance', 'draft', 'flagged', 'hold', 'pending', 'paid', 'clawed_back', 'clawback_outstanding', 'paid_out'],
        properties: { currency: { type: 'string' }, balance: minor, draft: minor, flagged: minor, hold: minor, pending: minor, paid: minor, clawed_back: minor, clawback_outstanding: minor, paid_out: minor },
      },
    },
  },
} as const;

export const pagingOnlyQuery = pageQuery(200, 50);
