import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from '../errors/index.ts';

/**
 * Schemas many routes share, added once with `app.addSchema` and referenced as `{ $ref: 'Name#' }`.
 * `@fastify/swagger` lists each under `components.schemas` by its `$id` (document.ts), so a client
 * generator names them once (`components['schemas']['ErrorBody']`).
 */
export const ERROR_BODY = {
  $id: 'ErrorBody',
  type: 'object',
  description:
    'The error body of every endpoint. `code` is stable and machine-readable (the catalogue is at `GET /api/v1/errors`); ' +
    '`data.fields` lists every invalid field of a `validation_failed` or `url_not_allowed` answer.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_CODES) },
        message: { type: 'string' },
        data: {
          type: 'object',
          properties: {
            fields: {
              type: 'array',
              items: {
                type: 'object',
                required: ['field', 'message'],
                properties: { field: { type: 'string', description: 'Dotted path, e.g. `batch.3.event`' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    // The Segment routes repeat `code` and `message` at the top for Segment's Python SDK.
    code: { type: 'string', description: 'Segment routes only: the same code as `error.code`.' },
    message: { type: 'string', description: 'Segment routes only: the same message as `error.message`.' },
  },
  examples: [{ error: { code: 'validation_failed', message: 'The request has invalid fields.', data: { fields: [{ field: 'name', message: 'is required' }] } } }],
} as const;

/** Every shared schema, in the order they are added. */
export const SHARED_SCHEMAS: readonly object[] = [ERROR_BODY];

export function addSharedSchemas(app: FastifyInstance): void {
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
}

/** A reference to the error body, for a response entry. */
export const errorBodyRef = { $ref: 'ErrorBody#' } as const;
