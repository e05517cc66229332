/** Schemas of the rate-limit settings routes: the handler validates the PUT body with these; /openapi.json shows them. */

/** Bounds of the API, wide enough for any one server and narrow enough to catch a typo. */
export const MAX_PER_SECOND = 100_000;
export const MAX_BURST = 1_000_000;

const kindInput = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['per_second'],
  description: "This workspace's own limit for the kind of key, or null for the server's default.",
  properties: {
    per_second: { type: 'integer', minimum: 0, maximum: MAX_PER_SECOND, description: 'Requests per second; 0 means not limited.' },
    burst: { type: 'integer', minimum: 1, maximum: MAX_BURST, description: "Requests at once; one second's worth when absent." },
  },
} as const;

/** PUT replaces both kinds, as the other workspace settings do: each is a limit or null. */
export const rateLimitsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['write_key', 'api_key'],
  properties: { write_key: kindInput, api_key: kindInput },
  examples: [{ write_key: { per_second: 2000, burst: 4000 }, api_key: null }],
} as const;

const kindLimit = {
  type: 'object',
  required: ['per_second', 'burst', 'source'],
  properties: {
    per_second: { type: 'integer', minimum: 0, description: 'Requests per second; 0 means not limited.' },
    burst: { type: 'integer', minimum: 0 },
    source: { enum: ['workspace', 'default'], description: "`workspace`: set for this workspace; `default`: the server's setting." },
  },
} as const;

/** The limits that apply in a workspace, and when its own were last changed (null: never). */
export const rateLimitsSchema = {
  type: 'object',
  required: ['write_key', 'api_key', 'updated_at'],
  properties: {
    write_key: kindLimit,
    api_key: kindLimit,
    updated_at: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;
