import { pageQuery } from '../openapi/index.ts';
import { DELIVERY_STATUSES, REPLAYABLE } from './delivery-reader.ts';

/** Schemas of the forwarding routes: the handlers validate bodies with these; /openapi.json shows them. */

const timestamp = { type: ['string', 'null'], format: 'date-time' } as const;

const destinationFields = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  type: { type: 'string', minLength: 1, maxLength: 40, description: 'A registered destination type (`GET …/destination-types`); `webhook` when absent.' },
  url: { type: 'string', minLength: 1, maxLength: 2048, description: "A webhook's URL: http(s); private addresses are refused unless the server allows them." },
  headers: { type: 'object', additionalProperties: { type: 'string' }, description: "A webhook's headers, sent with every delivery; secret-looking values are masked in answers." },
  config: { type: 'object', description: "The type's config, validated by the type's JSON Schema; secret fields are write-only." },
  batch_size: { type: 'integer', minimum: 1, maximum: 1000 },
  rate_limit: { type: ['integer', 'null'], minimum: 1, maximum: 10_000, description: 'Requests per second at most.' },
  enabled: { type: 'boolean' },
};

export const createDestinationBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: destinationFields,
  examples: [
    { name: 'Order service', url: 'https://orders.example.com/hooks/tributary', batch_size: 10 },
    { name: 'Amplitude', type: 'amplitude', config: { api_key: 'your-amplitude-api-key' } },
  ],
};

export const updateDestinationBody = { type: 'object', additionalProperties: false, properties: destinationFields };

export const destinationSchema = {
  type: 'object',
  required: ['id', 'workspace_id', 'type', 'name', 'url', 'headers', 'batch_size', 'rate_limit', 'enabled', 'disabled_reason', 'previous_secret_expires_at', 'created_at', 'updated_at'],
  properties: {
    id: { type: 'string' },
    workspace_id: { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string' },
    config: { type: 'object' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    batch_size: { type: 'integer' },
    rate_limit: { type: ['integer', 'null'] },
    enabled: { type: 'boolean' },
    disabled_reason: { type: ['string', 'null'] },
    previous_secret_expires_at: timestamp,
    created_at: timestamp,
    updated_at: timestamp,
  },
};

/** With the signing secret: in the creation and rotation answers only. */
export const destinationWithSecretSchema = {
  ...destinationSchema,
  required: [...destinationSchema.required, 'signing_secret'],
  properties: { ...destinationSchema.properties, signing_secret: { type: 'string', description: 'The `whsec_` secret (Standard Webhooks); shown once.' } },
};

const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'];

const ruleFields = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  destination_id: { type: 'string', minLength: 1, maxLength: 100 },
  event_types: { type: 'array', maxItems: EVENT_TYPES.length, uniqueItems: true, items: { enum: EVENT_TYPES }, description: 'Empty: every type.' },
  event_names: { type: 'array', maxItems: 500, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Empty: every name.' },
  transformation_id: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
  enabled: { type: 'boolean' },
};

export const createRuleBody = {
  type: 'object',
  required: ['name', 'destination_id'],
  additionalProperties: false,
  properties: ruleFields,
  examples: [{ name: 'Orders to the order service', destination_id: '0190f0c2-…', event_types: ['track'], event_names: ['Order Completed'] }],
};

export const updateRuleBody = { type: 'object', additionalProperties: false, properties: ruleFields };

export const ruleSchema = {
  type: 'object',
  required: ['id', 'workspace_id', 'name', 'destination_id', 'event_types', 'event_names', 'transformation_id', 'enabled', 'created_at', 'updated_at'],
  properties: {
    id: { type: 'string' },
    workspace_id: { type: 'string' },
    name: { type: 'string' },
    destination_id: { type: 'string' },
    event_types: { type: 'array', items: { type: 'string' } },
    event_names: { type: 'array', items: { type: 'string' } },
    transformation_id: { type: ['string', 'null'] },
    enabled: { type: 'boolean' },
    created_at: timestamp,
    updated_at: timestamp,
  },
};

export const replayBody = {
  type: 'object',
  additionalProperties: false,
  description: 'Which deliveries to send again; by default every dead letter.',
  properties: {
    status: { enum: REPLAYABLE, default: 'dead' },
    destination_id: { type: 'string', minLength: 1, maxLength: 100 },
    event_id: { type: 'string', minLength: 1, maxLength: 100 },
  },
};

export const deliverySchema = {
  type: 'object',
  required: [
    'id', 'destination_id', 'rule_id', 'event_id', 'transformation_id', 'status', 'webhook_id', 'attempt_count', 'last_status_code',
    'last_error', 'next_attempt_at', 'retry_deadline', 'created_at', 'updated_at', 'delivered_at', 'attempts',
  ],
  properties: {
    id: { type: 'string' },
    destination_id: { type: 'string' },
    rule_id: { type: ['string', 'null'] },
    event_id: { type: 'string' },
    transformation_id: { type: ['string', 'null'] },
    status: { type: 'string', enum: [...DELIVERY_STATUSES] },
    webhook_id: { type: ['string', 'null'], description: 'The `webhook-id` header, the same on every retry.' },
    attempt_count: { type: 'integer' },
    last_status_code: { type: ['integer', 'null'] },
    last_error: { type: ['string', 'null'] },
    next_attempt_at: timestamp,
    retry_deadline: timestamp,
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
    delivered_at: timestamp,
    attempts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['attempted_at', 'status_code', 'latency_ms', 'error'],
        properties: { attempted_at: timestamp, status_code: { type: ['integer', 'null'] }, latency_ms: { type: ['number', 'null'] }, error: { type: ['string', 'null'] } },
      },
    },
  },
};

export const deliveriesQuery = pageQuery(500, 50, {
  status: { type: 'string', enum: [...DELIVERY_STATUSES] },
  destination_id: { type: 'string' },
  event_id: { type: 'string' },
});

/** A destination type as `GET …/destination-types` lists it: enough for a client to build its form. */
export const destinationTypeSchema = {
  type: 'object',
  required: ['id', 'title', 'description', 'transport', 'config_schema', 'secret_fields', 'limits'],
  properties: {
    id: { type: 'string', description: 'What a destination\'s `type` names.' },
    title: { type: 'string' },
    description: { type: 'string' },
    transport: { enum: ['http', 'connection'], description: '`http`: requests to a URL; `connection`: a connection the server keeps (a warehouse, a queue).' },
    config_schema: { type: 'object', description: "The JSON Schema of the type's `config`; secret fields carry `x-secret: true` and `writeOnly`." },
    secret_fields: { type: 'array', items: { type: 'string' }, description: 'The config fields that are write-only and masked in answers.' },
    limits: {
      type: 'object',
      required: ['max_events', 'max_bytes', 'max_wait_ms', 'rate_limit'],
      properties: {
        max_events: { type: 'integer', description: 'Most events in one request.' },
        max_bytes: { type: 'integer', description: 'Most bytes in one request.' },
        max_wait_ms: { type: 'integer', description: 'How long a partial batch may wait for more events.' },
        rate_limit: { type: ['integer', 'null'], description: 'Default requests per second for new destinations; null: none.' },
      },
    },
  },
};

export const destinationTypeListSchema = {
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'array', items: destinationTypeSchema } },
};

/** What `POST …/destinations/{id}/test` answers: how one sample event (or the type's own check) went. */
export const destinationTestSchema = {
  type: 'object',
  required: ['ok', 'verdict', 'classification', 'status_code', 'latency_ms', 'response', 'error', 'retry_after_ms'],
  properties: {
    ok: { type: 'boolean', description: 'True only when the destination accepted the event.' },
    verdict: { enum: ['delivered', 'retry', 'final', 'gone'], description: 'What deliveries would do with this answer.' },
    classification: { type: 'string', description: 'The verdict in words.' },
    status_code: { type: ['integer', 'null'], description: 'The HTTP status; null for non-HTTP peers and when no answer came.' },
    latency_ms: { type: 'integer', minimum: 0 },
    response: { type: ['string', 'null'], description: 'What the destination answered, shortened.' },
    error: { type: ['string', 'null'] },
    retry_after_ms: { type: ['integer', 'null'] },
  },
};
