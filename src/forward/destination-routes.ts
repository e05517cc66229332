import type { FastifyInstance } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../auth/index.ts';
import { AppError } from '../errors/index.ts';
import { compileValidator } from '../http/validate.ts';
import { describeRoute, json, noContent, pageOf, SECURITY, workspaceParams } from '../openapi/index.ts';
import { createDestinationBody, destinationSchema, destinationWithSecretSchema, updateDestinationBody } from './api-schemas.ts';
import { headerErrors } from './destination-headers.ts';
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

const readCreate = compileValidator<Partial<DestinationInput> & { name: string; url: string; type?: 'webhook' }>(createDestinationBody);
const readUpdate = compileValidator<Partial<DestinationInput> & { type?: 'webhook' }>(updateDestinationBody);

/** The SSRF guard's verdict on a URL, as a 400 naming the `url` field. */
async function checkUrl(deps: Deps, url: string): Promise<void> {
  const allowPrivate = deps.config.forwardAllowPrivateTargets;
  try {
    await checkDestinationUrl(url, allowPrivate);
  } catch (error) {
    if (!(error instanceof UrlRefused)) throw error;
    // A self-hosted setup that forwards to its own network is refused only by a setting: say which.
    const hint = !allowPrivate && (await allowedWithPrivateTargets(url)) ? ` ${PRIVATE_TARGETS_HINT}` : '';
    throw new AppError('url_not_allowed', `The destination URL ${error.message}.${hint}`, {
      data: { fields: [{ field: 'url', message: `${error.message}${hint ? `;${hint}` : ''}` }] },
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

function checkHeaders(headers: Record<string, string> | undefined): void {
  if (headers === undefined) return;
  const errors = headerErrors(headers);
  if (errors.length > 0) throw AppError.validation(errors);
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
 * Webhook destinations. The signing secret is in the creation answer only; header values under
 * secret-looking names are masked in every answer.
 */
export function registerDestinationRoutes(app: FastifyInstance, deps: Deps): void {
  const base = '/api/v1/workspaces/:id/destinations';
  const { secrets, rules } = deps.forward;

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
    return (await listDestinations(deps.db, request.params.id)).map((row) => toDestinationResource(row, secrets));
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
    const input = readCreate(request.body);
    checkHeaders(input.headers);
    await checkUrl(deps, input.url);
    const { row, signingSecret } = await createDestination(deps.db, secrets, request.params.id, {
      name: input.name,
      url: input.url,
      headers: input.headers ?? {},
      batch_size: input.batch_size ?? 1,
      rate_limit: input.rate_limit ?? null,
      enabled: input.enabled ?? true,
    });
    rules.invalidate(request.params.id);
    return reply.status(201).send({ ...toDestinationResource(row, secrets), signing_secret: signingSecret });
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
    return toDestinationResource(await getDestination(deps.db, request.params.id, request.params.destinationId), secrets);
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
    const input = readUpdate(request.body);
    // Headers are checked by updateDestination, once masked values sent back are replaced.
    await getDestination(deps.db, request.params.id, request.params.destinationId);
    if (input.url !== undefined) await checkUrl(deps, input.url);
    const row = await updateDestination(deps.db, secrets, request.params.id, request.params.destinationId, input);
    rules.invalidate(request.params.id);
    if (row.enabled === 1) deps.forward.queued();
    return toDestinationResource(row, secrets);
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
    return { ...toDestinationResource(row, secrets), signing_secret: signingSecret };
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
