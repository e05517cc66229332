import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import { compileValidator } from '../http/validate.ts';
import { describeRoute, json, noContent, pageOf, SECURITY, workspaceParams } from '../openapi/index.ts';
import {
  createDestinationBody,
  destinationSchema,
  destinationTestSchema,
  destinationTypeListSchema,
  destinationWithSecretSchema,
  updateDestinationBody,
} from './api-schemas.ts';
import { headerErrors } from './destination-headers.ts';
import { mergeMaskedConfig, openConfig, typeOf } from './destination-config.ts';
import type { DestinationType } from './destination-types/destination-type.ts';
import { testDestination } from './destination-test.ts';
import type { DestinationRow } from './tables.ts';
import {
  createDestination,
  deleteDestination,
  getDestination,
  listDestinations,
  rotateSigningSecret,
  toDestinationResource,
  updateDestination,
  type DestinationInput,
} from './destinations.ts';
import { checkDestinationUrl, UrlRefused } from './ssrf-guard.ts';
import type { Db } from '../db/index.ts';
import type { Config } from '../config.ts';
import type { ForwardServices } from './forward-services.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly config: Config;
  readonly forward: ForwardServices;
}

/** A create or update body: a webhook's `url` and `headers` top-level (as before types), or `type` and `config`. */
type Body = Partial<Omit<DestinationInput, 'type' | 'config'>> & { type?: string; config?: Record<string, unknown> };

const readCreate = compileValidator<Body & { name: string }>(createDestinationBody);
const readUpdate = compileValidator<Body>(updateDestinationBody);

/** The SSRF guard's verdict on a URL, as a 400 naming the `url` field. */
async function checkUrl(deps: Deps, url: string, field = 'url'): Promise<void> {
  const allowPrivate = deps.config.forwardAllowPrivateTargets;
  try {
    await checkDestinationUrl(url, allowPrivate);
  } catch (error) {
    if (!(error instanceof UrlRefused)) throw error;
    // A self-hosted setup that forwards to its own network is refused only by a setting: say which.
    const hint = !allowPrivate && (await allowedWithPrivateTargets(url)) ? ` ${PRIVATE_TARGETS_HINT}` : '';
    throw new AppError('url_not_allowed', `The destination URL ${error.message}.${hint}`, {
      data: { fields: [{ field, message: `${error.message}${hint ? `;${hint}` : ''}` }] },
    });
  }
}

const PRIVATE_TARGETS_HINT = 'To forward to private or loopback addresses (a self-hosted receiver), start the server with FORWARD_ALLOW_PRIVATE_TARGETS=true.';

async function allowedWithPrivateTargets(url: string): Promise<boolean> {
  try {
    await checkDestinationUrl(url, true);
    return true;
  } catch {
    return false;
  }
}

/**
 * A destination that delivers a Siren webhook subscription is managed through `/siren/v1/webhooks`:
 * deleting it here would leave the subscription behind, and Siren's single-signature header cannot
 * carry an old and a new secret through a rotation.
 */
async function refuseSirenManaged(deps: Deps, workspaceId: string, destinationId: string): Promise<void> {
  const row = await getDestination(deps.db, workspaceId, destinationId);
  if (row.signature_scheme === 'siren') {
    throw new AppError('conflict', 'This destination delivers a Siren webhook subscription: delete the subscription (DELETE /siren/v1/webhooks/{id}), or create a new one for a new secret.');
  }
}

/**
 * Reads a create body (or an update's, merged onto the stored destination) into what is stored,
 * with every field error at once: the type's, its config's against the type's schema, the batch
 * size against the type's limit, then the URLs the SSRF guard checks.
 */
async function readDestination(deps: Deps, body: Body, current: DestinationRow | undefined): Promise<{ input: Partial<DestinationInput>; secretFields: readonly string[] }> {
  const { types, secrets } = deps.forward;
  const typeId = current ? typeOf(current) : (body.type ?? 'webhook');
  const errors: FieldError[] = [];
  const type = types.get(typeId);
  if (!type) errors.push({ field: 'type', message: `must be one of ${types.ids().join(', ')}` });
  else if (current && body.type !== undefined && body.type !== typeId) {
    errors.push({ field: 'type', message: `cannot change (this destination is a ${typeId}); create a new destination instead` });
  }
  if (!type || errors.length > 0) throw AppError.validation(errors);
  const input: Partial<DestinationInput> = { type: typeId };
  const secretFields = types.secretFields(typeId);
  const urls: Array<{ field: string; url: string }> = [];

  if (typeId === 'webhook') {
    // As before types: `url` and `headers` at the top level; a `config` with them is read the same.
    const config = body.config;
    if (config !== undefined) errors.push(...types.validate('webhook', config));
    const url = body.url ?? (config?.url as string | undefined);
    const headers = body.headers ?? (config?.headers as Record<string, string> | undefined);
    if (!current && url === undefined) errors.push({ field: 'url', message: 'is required' });
    if (url !== undefined) {
      input.url = url;
      urls.push({ field: 'url', url });
    }
    if (headers !== undefined) {
      // An update's masked values sent back are replaced by updateDestination, which checks them then.
      if (!current) errors.push(...headerErrors(headers));
      input.headers = headers;
    }
  } else {
    if (body.url !== undefined) errors.push({ field: 'url', message: `is set in config for a ${typeId} destination` });
    if (body.headers !== undefined) errors.push({ field: 'headers', message: `are not used by a ${typeId} destination` });
    if (body.config === undefined && !current) errors.push({ field: 'config', message: 'is required' });
    if (body.config !== undefined) {
      const stored = current ? openConfig(current, types, secrets) : {};
      const config = mergeMaskedConfig(stored, body.config, secretFields);
      const configErrors = types.validate(typeId, config);
      errors.push(...configErrors);
      if (configErrors.length === 0) {
        input.config = config;
        const publicUrl = config.url;
        input.url = typeof publicUrl === 'string' && !secretFields.includes('url') ? publicUrl : '';
        for (const field of type.urlFields ?? []) {
          if (typeof config[field] === 'string') urls.push({ field: `config.${field}`, url: config[field] });
        }
      }
    }
  }
  if (body.batch_size !== undefined && body.batch_size > type.limits.maxEvents) {
    errors.push({ field: 'batch_size', message: `must be at most ${type.limits.maxEvents} for a ${typeId} destination` });
  }
  if (errors.length > 0) throw AppError.validation(errors);
  for (const { field, url } of urls) await checkUrl(deps, url, field);
  if (body.name !== undefined) input.name = body.name;
  if (body.batch_size !== undefined) input.batch_size = body.batch_size;
  if (body.rate_limit !== undefined) input.rate_limit = body.rate_limit;
  if (body.enabled !== undefined) input.enabled = body.enabled;
  if (!current) {
    // A webhook sends one event per request unless asked (as before types); a vendor's batch is its documented maximum.
    input.batch_size ??= typeId === 'webhook' ? 1 : type.limits.maxEvents;
    input.rate_limit ??= type.limits.rateLimit;
    input.enabled ??= true;
    input.headers ??= {};
  }
  return { input, secretFields };
}

/** A destination type as `GET …/destination-types` lists it: enough for a client to build its form. */
function toTypeResource(type: DestinationType<any>) {
  return {
    id: type.id,
    title: type.title,
    description: type.description,
    transport: type.transport,
    config_schema: type.configSchema,
    secret_fields: Object.entries(type.configSchema.properties).flatMap(([name, schema]) => (schema['x-secret'] === true ? [name] : [])),
    limits: {
      max_events: type.limits.maxEvents,
      max_bytes: type.limits.maxBytes,
      max_wait_ms: type.limits.maxWaitMs,
      rate_limit: type.limits.rateLimit,
    },
  };
}

/**
 * Destinations of every registered type. A webhook's signing secret is in the creation answer
 * only; config secrets and header values under secret-looking names are masked in every answer.
 */
export function registerDestinationRoutes(app: FastifyInstance, deps: Deps): void {
  const base = '/api/v1/workspaces/:id/destinations';
  const { secrets, rules, types } = deps.forward;
  const show = (row: DestinationRow) => toDestinationResource(row, secrets, types);

  app.get<{ Params: { id: string } }>('/api/v1/workspaces/:id/destination-types', describeRoute({
      operationId: 'listDestinationTypes',
      summary: 'List destination types',
      description: 'Every registered type, with the JSON Schema of its config, its secret fields and its limits.',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      response: { 200: json('The destination types.', destinationTypeListSchema) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    return { data: types.list().map(toTypeResource) };
  });

  app.get<{ Params: { id: string } }>(base, describeRoute({
      operationId: 'listDestinations',
      summary: 'List destinations',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      response: { 200: json('The destinations.', { type: 'array', items: destinationSchema }) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    return (await listDestinations(deps.db, request.params.id)).map(show);
  });

  app.post<{ Params: { id: string } }>(base, describeRoute({
      operationId: 'createDestination',
      summary: 'Create a webhook destination',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: createDestinationBody,
      response: { 201: json('The destination, with its signing secret (shown once).', destinationWithSecretSchema) },
    }), async (request, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await assertWorkspaceExists(deps.db, request.params.id);
    const body = readCreate(request.body);
    const { input, secretFields } = await readDestination(deps, body, undefined);
    const { row, signingSecret } = await createDestination(deps.db, secrets, request.params.id, input as DestinationInput, { secretFields });
    rules.invalidate(request.params.id);
    return reply.status(201).send({ ...show(row), signing_secret: signingSecret });
  });

  app.get<{ Params: { id: string; destinationId: string } }>(`${base}/:destinationId`, describeRoute({
      operationId: 'getDestination',
      summary: 'Get a destination',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ destinationId: 'The destination id.' }),
      response: { 200: json('The destination.', destinationSchema) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    return show(await getDestination(deps.db, request.params.id, request.params.destinationId));
  });

  app.put<{ Params: { id: string; destinationId: string } }>(`${base}/:destinationId`, describeRoute({
      operationId: 'updateDestination',
      summary: 'Change a destination',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ destinationId: 'The destination id.' }),
      body: updateDestinationBody,
      response: { 200: json('The destination.', destinationSchema) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const body = readUpdate(request.body);
    const current = await getDestination(deps.db, request.params.id, request.params.destinationId);
    const { input, secretFields } = await readDestination(deps, body, current);
    const row = await updateDestination(deps.db, secrets, request.params.id, request.params.destinationId, input, { secretFields });
    rules.invalidate(request.params.id);
    if (row.enabled === 1) deps.forward.queued();
    return show(row);
  });

  app.post<{ Params: { id: string; destinationId: string } }>(`${base}/:destinationId/test`, describeRoute({
      operationId: 'testDestination',
      summary: 'Send a test event to a destination',
      description: "Sends one sample event (or runs the type's own connection check) now and answers what the destination said. Stores no event or delivery and changes nothing about the destination, even when the test fails.",
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ destinationId: 'The destination id.' }),
      response: { 200: json('How the test went.', destinationTestSchema) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    const row = await getDestination(deps.db, request.params.id, request.params.destinationId);
    return testDestination(row, { types, secrets, config: deps.config });
  });

  app.post<{ Params: { id: string; destinationId: string } }>(`${base}/:destinationId/rotate-secret`, describeRoute({
      operationId: 'rotateDestinationSecret',
      summary: 'Rotate the signing secret',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ destinationId: 'The destination id.' }),
      description: 'The previous secret keeps signing for a while (`previous_secret_expires_at`), so receivers can switch.',
      response: { 200: json('The destination with its new secret (shown once).', destinationWithSecretSchema) },
    }), async (request) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await refuseSirenManaged(deps, request.params.id, request.params.destinationId);
    const { row, signingSecret } = await rotateSigningSecret(deps.db, secrets, request.params.id, request.params.destinationId);
    return { ...show(row), signing_secret: signingSecret };
  });

  app.delete<{ Params: { id: string; destinationId: string } }>(`${base}/:destinationId`, describeRoute({
      operationId: 'deleteDestination',
      summary: 'Delete a destination',
      tags: ['Forwarding'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ destinationId: 'The destination id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    await requireWorkspaceAccess(deps.auth, request, request.params.id, 'admin');
    await refuseSirenManaged(deps, request.params.id, request.params.destinationId);
    await deleteDestination(deps.db, request.params.id, request.params.destinationId);
    rules.invalidate(request.params.id);
    return reply.status(204).send();
  });
}
