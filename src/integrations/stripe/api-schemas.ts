import { HANDLED_EVENT_TYPES } from './stripe-event.ts';

/** Schemas of the Stripe routes: the settings handler validates its body with `stripeSettingsBody`; /openapi.json shows them all. */

const timestamp = { type: ['string', 'null'], format: 'date-time' } as const;

/** What `PUT …/integrations/stripe` takes. */
export const stripeSettingsBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // Stripe's secrets are `whsec_` and base62 text; the bound keeps a pasted paragraph out.
    signing_secret: {
      type: 'string',
      pattern: '^whsec_[A-Za-z0-9+/=]{8,200}$',
      description: "The endpoint's signing secret from Stripe's dashboard (`whsec_…`): required the first time, kept when omitted. Write-only.",
    },
    // Stripe metadata keys: up to 40 characters, no square brackets.
    metadata_key: {
      type: 'string',
      pattern: '^[^\\[\\]\\s]{1,40}$',
      description: 'The Checkout Session metadata key read for the opportunity id when `client_reference_id` has none (`tributary_oid` by default).',
    },
    match_leads_by_email: {
      type: 'boolean',
      description: "A checkout with no opportunity id is credited to the live opportunity with the customer's email (true by default).",
    },
  },
  examples: [{ signing_secret: 'whsec_YourEndpointSigningSecret', metadata_key: 'tributary_oid', match_leads_by_email: true }],
} as const;

/** The integration as the API shows it (the secret only by its last four characters). */
export const stripeIntegrationSchema = {
  type: 'object',
  required: ['workspace_id', 'configured', 'webhook_url', 'signing_secret_hint', 'metadata_key', 'match_leads_by_email', 'event_types', 'created_at', 'updated_at'],
  properties: {
    workspace_id: { type: 'string' },
    configured: { type: 'boolean', description: 'False until a signing secret is saved; the other fields then show the defaults.' },
    webhook_url: { type: 'string', format: 'uri', description: "The endpoint URL to add in Stripe's dashboard (under `PUBLIC_URL` when set)." },
    signing_secret_hint: { type: ['string', 'null'], description: 'The secret masked, `whsec_…a1b2`; null when not configured.' },
    metadata_key: { type: 'string' },
    match_leads_by_email: { type: 'boolean' },
    event_types: { type: 'array', items: { type: 'string' }, description: 'The event types to select when adding the endpoint in Stripe.' },
    created_at: timestamp,
    updated_at: timestamp,
  },
} as const;

/** One row of `GET …/integrations/stripe/events`: what a received Stripe event became. */
export const stripeEventSchema = {
  type: 'object',
  required: ['id', 'type', 'outcome', 'external_id', 'detail', 'livemode', 'incoming_id', 'created_at', 'processed_at'],
  properties: {
    id: { type: 'string', description: "Stripe's event id (`evt_…`)." },
    type: { type: 'string' },
    outcome: { type: 'string', enum: ['sale', 'payment_confirmed', 'renewal', 'refund', 'subscription_ended', 'unmatched', 'ignored', 'invalid'] },
    external_id: { type: ['string', 'null'], description: 'The sale (or renewal) the event was about.' },
    detail: { type: ['string', 'null'], description: 'Why it was unmatched, ignored or invalid; what a sale was credited to.' },
    livemode: { type: 'boolean' },
    incoming_id: { type: 'string', description: 'The incoming event it arrived as (its raw body is there).' },
    created_at: timestamp,
    processed_at: timestamp,
  },
} as const;

/** What Stripe posts: an Event object (https://docs.stripe.com/api/events/object), verified over its raw bytes. */
export const stripeWebhookBody = {
  type: 'object',
  required: ['id', 'type', 'data'],
  properties: {
    id: { type: 'string', pattern: '^evt_[A-Za-z0-9_]{1,250}$' },
    type: { type: 'string', maxLength: 200, description: `Acted on: ${[...HANDLED_EVENT_TYPES].map((type) => `\`${type}\``).join(', ')}; other types are acknowledged and dropped.` },
    data: { type: 'object', required: ['object'], properties: { object: { type: 'object' } } },
  },
} as const;

/** Stripe's signature over the raw body, `t=…,v1=…`, made with the endpoint's signing secret. */
export const stripeWebhookHeaders = {
  type: 'object',
  required: ['stripe-signature'],
  properties: {
    'stripe-signature': { type: 'string', description: "Stripe's signature of the body (`t=…,v1=…`) with the endpoint's signing secret; older than 5 minutes is refused." },
  },
} as const;

export const stripeWebhookAnswer = {
  type: 'object',
  required: ['received'],
  properties: {
    received: { const: true },
    duplicate: { const: true, description: 'The event id was received before; nothing new was stored.' },
    ignored: { const: true, description: 'A type the integration does not act on: acknowledged, not stored.' },
  },
  headers: {
    'x-event-id': { type: 'string', description: 'The incoming event the Stripe event was stored as (absent when ignored).' },
  },
} as const;
