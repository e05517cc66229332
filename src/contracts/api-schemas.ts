import { pageQuery } from '../openapi/index.ts';
import { CONTRACT_STATUSES, ENFORCEMENT_MODES } from './tables.ts';

/** Schemas of the contract routes: the handlers validate bodies with these; /openapi.json shows them. */

/** The canonical event types a contract can name. */
export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
const timestamp = { type: ['string', 'null'], format: 'date-time' } as const;

const contractFields = {
  name: text(200),
  description: { type: ['string', 'null'], maxLength: 2000 },
  event_type: { enum: [...EVENT_TYPES] },
  event_name: { type: ['string', 'null'], maxLength: 200, description: 'Empty, `*` or null: every event of the type.' },
  schema_definition: { type: 'object', description: 'A JSON Schema (draft-07 or 2020-12) for the event.' },
  enforcement_mode: { enum: [...ENFORCEMENT_MODES], description: 'What a violation does; default `warn`.' },
  undeclared_fields: { enum: [...ENFORCEMENT_MODES], description: 'What a field the schema does not declare does; default `allow`.' },
  status: { enum: [...CONTRACT_STATUSES] },
};

export const createContractBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'event_type', 'schema_definition'],
  properties: contractFields,
  examples: [
    {
      name: 'Order Completed',
      event_type: 'track',
      event_name: 'Order Completed',
      schema_definition: { type: 'object', required: ['properties'], properties: { properties: { type: 'object', required: ['order_id'] } } },
      enforcement_mode: 'block',
    },
  ],
} as const;

export const updateContractBody = { type: 'object', additionalProperties: false, properties: contractFields, minProperties: 1 } as const;

export const contractSchema = {
  type: 'object',
  required: ['id', 'workspace_id', 'name', 'event_type', 'event_name', 'schema_definition', 'enforcement_mode', 'undeclared_fields', 'status'],
  properties: {
    id: { type: 'string' },
    workspace_id: { type: 'string' },
    name: { type: 'string' },
    description: { type: ['string', 'null'] },
    event_type: { type: 'string', enum: [...EVENT_TYPES] },
    event_name: { type: ['string', 'null'] },
    schema_definition: { type: 'object' },
    enforcement_mode: { type: 'string', enum: [...ENFORCEMENT_MODES] },
    undeclared_fields: { type: 'string', enum: [...ENFORCEMENT_MODES] },
    status: { type: 'string', enum: [...CONTRACT_STATUSES] },
    created_at: timestamp,
    updated_at: timestamp,
  },
} as const;

export const listContractsQuery = {
  type: 'object',
  properties: { status: { type: 'string', enum: [...CONTRACT_STATUSES] }, event_type: { type: 'string' }, event_name: { type: 'string' } },
} as const;

export const violationSchema = {
  type: 'object',
  required: ['id', 'contract_id', 'event_id', 'action', 'message'],
  properties: {
    id: { type: 'string' },
    contract_id: { type: 'string' },
    event_id: { type: ['string', 'null'] },
    event_type: { type: ['string', 'null'] },
    event_name: { type: ['string', 'null'] },
    action: { type: 'string', enum: ['warn', 'block'] },
    rule: { type: ['string', 'null'] },
    path: { type: ['string', 'null'] },
    value_type: { type: ['string', 'null'] },
    message: { type: 'string' },
    created_at: timestamp,
  },
} as const;

export const violationsQuery = pageQuery(500, 50, {
  rule: { type: 'string' },
  event_id: { type: 'string' },
  path: { type: 'string' },
  action: { type: 'string', enum: ['warn', 'block'] },
  from: { type: 'string', format: 'date-time' },
  to: { type: 'string', format: 'date-time' },
});
