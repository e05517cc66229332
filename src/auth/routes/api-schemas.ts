import { SCOPES } from '../scopes.ts';

/** Request and answer schemas of the admin API: handlers validate with these, /openapi.json shows them. */

const timestamp = { type: ['string', 'null'], format: 'date-time' } as const;

export const createWorkspaceBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    slug: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$', description: 'Derived from the name when left out.' },
  },
  examples: [{ name: 'Acme shop', slug: 'acme' }],
} as const;

export const workspaceSchema = {
  type: 'object',
  required: ['id', 'name', 'slug', 'created_at', 'updated_at'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, slug: { type: 'string' }, created_at: timestamp, updated_at: timestamp },
} as const;

export const createApiKeyBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    label: { type: 'string', minLength: 1, maxLength: 200 },
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'Same as `label` (Siren\'s name for it).' },
    scopes: { type: 'array', items: { enum: [...SCOPES] }, maxItems: SCOPES.length, description: 'Leave out for full access; never empty.' },
    sync_mode: { type: 'boolean', description: 'Event calls wait until the event is processed.' },
    expires_at: { type: 'string', minLength: 1, description: 'An ISO-8601 time in the future.' },
  },
  examples: [{ label: 'Checkout server', scopes: ['events:write'] }],
} as const;

export const apiKeySchema = {
  type: 'object',
  required: ['id', 'workspace_id', 'label', 'key_prefix', 'scopes', 'status', 'sync_mode', 'created_at', 'expires_at', 'last_used_at'],
  properties: {
    id: { type: 'integer' },
    workspace_id: { type: 'string' },
    label: { type: 'string' },
    key_prefix: { type: 'string' },
    keyPrefix: { type: 'string' },
    scopes: { type: 'array', items: { enum: [...SCOPES] } },
    status: { type: 'string', enum: ['active', 'revoked'] },
    sync_mode: { type: 'boolean' },
    created_at: timestamp,
    createdAt: timestamp,
    expires_at: timestamp,
    expiresAt: timestamp,
    last_used_at: timestamp,
    lastUsedAt: timestamp,
  },
} as const;

/** The creation answer: the only time the secret is shown. */
export const createdApiKeySchema = {
  ...apiKeySchema,
  required: [...apiKeySchema.required, 'key'],
  properties: { ...apiKeySchema.properties, key: { type: 'string', description: 'The secret; shown once.' }, rawKey: { type: 'string' } },
} as const;

export const createWriteKeyBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    environment: { enum: ['production', 'development'], default: 'production' },
  },
  examples: [{ name: 'Web site', environment: 'production' }],
} as const;

export const writeKeySchema = {
  type: 'object',
  required: ['id', 'workspace_id', 'name', 'key_prefix', 'environment', 'status', 'pubsub_topic', 'last_used_at', 'created_by', 'created_at', 'updated_at'],
  properties: {
    id: { type: 'string' },
    workspace_id: { type: 'string' },
    name: { type: 'string' },
    key_prefix: { type: 'string' },
    environment: { type: 'string', enum: ['production', 'development'] },
    status: { type: 'string', enum: ['active', 'revoked'] },
    pubsub_topic: { type: 'string' },
    last_used_at: timestamp,
    created_by: { type: ['string', 'null'] },
    created_at: timestamp,
    updated_at: timestamp,
  },
} as const;

export const createdWriteKeySchema = {
  ...writeKeySchema,
  required: [...writeKeySchema.required, 'key'],
  properties: { ...writeKeySchema.properties, key: { type: 'string', description: 'The full write key; shown once.' } },
} as const;
