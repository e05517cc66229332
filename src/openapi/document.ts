import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES, ERROR_DESCRIPTIONS, type ErrorCode } from '../errors/index.ts';
import { describeRoute, json, SECURITY, TAGS } from './route-docs.ts';
import { addSharedSchemas, errorBodyRef } from './shared-schemas.ts';

const ERROR_TABLE = (Object.keys(ERROR_CODES) as ErrorCode[])
  .map((code) => `| \`${code}\` | ${ERROR_CODES[code]} | ${ERROR_DESCRIPTIONS[code].replaceAll('|', '\\|')} |`)
  .join('\n');

const DESCRIPTION = `Tributary ingests events (Segment-compatible and its own APIs), processes them through contracts,
transformations and forwarding, and attributes sales and other domain events to collaborators.

## Authentication
- **Operator token** (\`TRIBUTARY_ADMIN_TOKEN\`): \`Authorization: Bearer …\`, every workspace.
- **API keys** (\`trb_…\`, created per workspace): \`Authorization: Bearer …\`, limited to their workspace and scopes
  (\`events:write\`, \`events:read\`, \`admin\`; \`admin\` implies the others). A key of another workspace gets 404.
- **Write keys** (per workspace, send only): the HTTP Basic username with an empty password, as Segment's SDKs send it,
  or \`writeKey\` in the body; the client events API also takes one as a bearer token.

## Errors
Every error answers \`{ "error": { "code", "message", "data"? } }\` (\`ErrorBody\`); \`code\` is stable.
A \`validation_failed\` (400) lists every invalid field in \`data.fields\`.

| code | status | meaning |
| --- | --- | --- |
${ERROR_TABLE}

## Pagination
Lists take \`limit\` and \`cursor\` and answer \`{ "data": [...], "has_more", "next_cursor" }\`; pass \`next_cursor\`
as \`cursor\` for the next page (null on the last one).`;

/**
 * Registers the API description: `@fastify/swagger` (which collects every route registered after
 * it, so this runs first), the shared schemas, and `GET /openapi.json`.
 *
 * Route schemas describe; they do not validate or serialise:
 * - Validation stays in the handlers, after authentication: a workspace's routes answer 401 to
 *   an anonymous caller and 404 to another workspace's key before they look at the body (the
 *   house rule), and Fastify validates before any handler runs. The handlers compile the very
 *   schema constants the routes declare (route-docs.ts), so the two cannot differ.
 * - Answers are serialised with JSON.stringify, as before: fast-json-stringify would drop any
 *   field a response schema forgot, so an incomplete schema would change what clients get.
 *   Instead the HTTP tests check every answer against the document (test/support/openapi-conformance.ts).
 */
/**
 * The error answers every route may give; the status says which codes (see `GET /api/v1/errors`).
 * Added to each operation in the document only: on the routes themselves a `$ref` to the shared
 * schema would need every Fastify that hosts a route module (tests build bare ones) to add it.
 */
const ERROR_RESPONSES = {
  '4xx': { description: 'A client error; `error.code` says which (400 `validation_failed` lists every field).', ...errorBodyRef },
  '5xx': { description: '`internal_error` or `service_unavailable`; the request can be retried.', ...errorBodyRef },
};

/**
 * Fastify's compilers for route schemas that describe only (see registerOpenApi): no validation
 * at the framework level, answers serialised by JSON.stringify. A bare Fastify that hosts route
 * modules (a capability's own tests) sets them too, to behave like the app.
 */
export function registerDescriptiveSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  registerDescriptiveSchemas(app);
  addSharedSchemas(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tributary API', version, description: DESCRIPTION },
      // Relative: the document describes the server that serves it, whatever its address.
      servers: [{ url: '/', description: 'This server' }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          operatorToken: { type: 'http', scheme: 'bearer', description: 'The operator token (`TRIBUTARY_ADMIN_TOKEN`).' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key; the requirement names the scope it needs.' },
          writeKeyBasic: { type: 'http', scheme: 'basic', description: 'A write key as the Basic username, empty password (Segment SDKs).' },
          writeKeyBearer: { type: 'http', scheme: 'bearer', description: 'A write key as a bearer token (sending events only).' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'The metrics token (`METRICS_TOKEN`).' },
          partnerSession: { type: 'http', scheme: 'bearer', description: 'A partner portal session (`trb_ps_…`), opened by redeeming a one-time login link at `POST /partner/v1/sessions`; it reads only its own collaborator\'s data.' },
        },
      },
    },
    transform: ({ schema, url }) => {
      const described = schema as { operationId?: string; response?: object } | undefined;
      if (!described?.operationId) return { schema, url };
      return { schema: { ...described, response: { ...described.response, ...ERROR_RESPONSES } } as typeof schema, url };
    },
    // Shared schemas keep their `$id` as their name under components.schemas.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });

  app.get(
    '/openapi.json',
    describeRoute({
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI 3.1 description',
      tags: ['Documentation'],
      security: SECURITY.public,
      response: { 200: json('The OpenAPI document.', { type: 'object' }) },
    }),
    async () => app.swagger(),
  );
}
