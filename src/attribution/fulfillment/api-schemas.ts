/** Answer schemas of the fulfillment routes (resources.ts makes the answers). */

const timestamp = { type: ['string', 'null'], format: 'date-time' } as const;

export const payoutSchema = {
  type: 'object',
  required: ['id', 'fulfillment_id', 'collaborator_id', 'status', 'amount', 'currency', 'reference', 'paid_reference', 'failure_reason', 'obligation_ids', 'created_at', 'updated_at', 'paid_at', 'failed_at'],
  properties: {
    id: { type: 'integer' },
    fulfillment_id: { type: ['integer', 'null'] },
    collaborator_id: { type: 'integer' },
    status: { type: 'string' },
    amount: { type: 'integer', description: 'Integer minor units of `currency`.' },
    currency: { type: 'string' },
    reference: { type: 'string', description: 'The memo the transfer carries (`TRB-F{run}-P{payout}`).' },
    paid_reference: { type: ['string', 'null'] },
    failure_reason: { type: ['string', 'null'] },
    obligation_ids: { type: 'array', items: { type: 'integer' } },
    created_at: timestamp,
    updated_at: timestamp,
    paid_at: timestamp,
    failed_at: timestamp,
  },
} as const;

export const fulfillmentSchema = {
  type: 'object',
  required: ['id', 'status', 'currency', 'minimum_payout', 'payout_count', 'totals', 'inbound_event_id', 'created_at', 'updated_at', 'completed_at'],
  properties: {
    id: { type: 'integer' },
    status: { type: 'string' },
    currency: { type: ['string', 'null'] },
    minimum_payout: { type: ['integer', 'null'] },
    payout_count: { type: 'integer' },
    totals: {
      type: 'array',
      items: { type: 'object', required: ['currency', 'amount', 'paid'], properties: { currency: { type: 'string' }, amount: { type: 'integer' }, paid: { type: 'integer' } } },
    },
    inbound_event_id: { type: 'string', description: 'The domain-event flow the run was made in.' },
    created_at: timestamp,
    updated_at: timestamp,
    completed_at: timestamp,
  },
} as const;

/** A payout after an action, with the id of the domain-event flow the action ran in. */
export const payoutActionSchema = {
  ...payoutSchema,
  properties: { ...payoutSchema.properties, inbound_event_id: { type: ['string', 'null'] } },
} as const;

export const bulkPayoutActionSchema = {
  type: 'object',
  required: ['data', 'inbound_event_id'],
  properties: { data: { type: 'array', items: payoutSchema }, inbound_event_id: { type: ['string', 'null'] } },
} as const;
