import { ROW_ID_SCHEMA } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import type { FulfillmentRequest } from './fulfillment-run.ts';

const REFERENCE = { type: 'string', minLength: 1, maxLength: 200 };

export const createFulfillmentBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    currency: { type: 'string', format: 'currency' },
    minimum_payout: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    mark_paid: { type: 'boolean' },
    paid_reference: REFERENCE,
  },
};
const readCreate = compileValidator<{ currency?: string; minimum_payout?: number; mark_paid?: boolean; paid_reference?: string }>(createFulfillmentBody);

/** `POST …/fulfillments`: every field optional; a minimum needs the currency it is counted in. */
export function readFulfillmentRequest(body: unknown): FulfillmentRequest {
  const input = readCreate(body ?? {});
  const fields = [];
  // Minor units mean nothing without their currency: 5000 is $50 but ¥5000.
  if (input.minimum_payout !== undefined && input.currency === undefined) {
    fields.push({ field: 'currency', message: 'is required with minimum_payout (the minimum is in its minor units)' });
  }
  if (input.paid_reference !== undefined && input.mark_paid !== true) {
    fields.push({ field: 'paid_reference', message: 'is only recorded with mark_paid: true' });
  }
  if (fields.length > 0) throw AppError.validation(fields);
  return {
    currency: input.currency ?? null,
    minimumPayout: input.minimum_payout ?? null,
    markPaid: input.mark_paid ?? false,
    paidReference: input.paid_reference ?? null,
  };
}

/** `POST …/payouts/{id}/processing`: no fields. */
export const processingBody = { type: 'object', additionalProperties: false, properties: {} };
export const readProcessing = compileValidator<Record<string, never>>(processingBody);

/** `POST …/payouts/processing`: the payouts handed over for payment. */
export const bulkProcessingBody = {
  type: 'object',
  additionalProperties: false,
  required: ['payout_ids'],
  properties: { payout_ids: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: ROW_ID_SCHEMA } },
};
export const readBulkProcessing = compileValidator<{ payout_ids: number[] }>(bulkProcessingBody);

/** `POST …/payouts/{id}/paid`: an optional reference of the transfer. */
export const paidBody = { type: 'object', additionalProperties: false, properties: { reference: REFERENCE } };
export const readPaid = compileValidator<{ reference?: string }>(paidBody);

/** `POST …/payouts/{id}/failed`: an optional reason. */
export const failedBody = {
  type: 'object',
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } },
};
export const readFailed = compileValidator<{ reason?: string }>(failedBody);

/** `POST …/payouts/paid`: several payouts at once, all or none. */
export const bulkPaidBody = {
  type: 'object',
  required: ['payout_ids'],
  additionalProperties: false,
  properties: {
    payout_ids: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: ROW_ID_SCHEMA },
    reference: REFERENCE,
  },
};
export const readBulkPaid = compileValidator<{ payout_ids: number[]; reference?: string }>(bulkPaidBody);

/** `POST …/transactions/{id}/attribute`. */
export const attributionBody = {
  type: 'object',
  required: ['collaborator_id'],
  additionalProperties: false,
  properties: {
    collaborator_id: ROW_ID_SCHEMA,
    program_id: ROW_ID_SCHEMA,
    replace: { type: 'boolean' },
  },
};
export const readAttribution = compileValidator<{ collaborator_id: number; program_id?: number; replace?: boolean }>(attributionBody);
