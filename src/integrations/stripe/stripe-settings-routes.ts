import { publicBaseUrl } from '../../http/public-base-url.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertWorkspaceExists, requireWorkspaceAccess, type Authenticator } from '../../auth/index.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { SecretBox } from '../../forward/index.ts';
import { readLimit } from '../../http/pagination.ts';
import { isoOrNull } from '../../lib/time.ts';
import { describeRoute, json, noContent, pageOf, pageQuery, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { stripeEventSchema, stripeIntegrationSchema, stripeSettingsBody } from './api-schemas.ts';
import type { StripeSecrets } from './stripe-secrets.ts';
import { findStripeIntegration, readStripeSettingsInput, saveStripeIntegration, toStripeResource } from './stripe-settings.ts';

/** What these routes use. */
interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly config: Config;
  readonly secrets: SecretBox;
  readonly signingSecrets: StripeSecrets;
}

type Params = { Params: { id: string } };

async function guard(deps: Deps, request: FastifyRequest<Params>): Promise<string> {
  const workspaceId = request.params.id;
  const principal = await requireWorkspaceAccess(deps.auth, request, workspaceId, 'admin');
  if (principal.kind === 'operator') await assertWorkspaceExists(deps.db, workspaceId);
  return workspaceId;
}

/** `stripe_events` cursors: `processed_at` and `event_id` of the last row, base64url. */
function readCursor(raw: unknown): { at: number; id: string } | undefined {
  if (raw === undefined || raw === '') return undefined;
  const text = typeof raw === 'string' && /^[A-Za-z0-9_-]{1,400}$/.test(raw) ? Buffer.from(raw, 'base64url').toString('utf8') : '';
  const match = /^(\d{1,16})\.(evt_[A-Za-z0-9_]{1,250})$/.exec(text);
  if (!match) throw AppError.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
  return { at: Number(match[1]), id: match[2]! };
}

/**
 * `GET|PUT|DELETE /api/v1/workspaces/{id}/integrations/stripe` (admin): the webhook URL to paste
 * into Stripe, the signing secret (write-only, shown by its last four characters) and the mapping
 * options; `GET …/integrations/stripe/events` lists what each received Stripe event became.
 */
export function registerStripeSettingsRoutes(app: FastifyInstance, deps: Deps): void {
  const path = '/api/v1/workspaces/:id/integrations/stripe';

  app.get<Params>(
    path,
    describeRoute({
      operationId: 'getStripeIntegration',
      summary: 'The Stripe integration',
      description: 'The webhook URL to add in Stripe, the signing secret by its last four characters and the mapping options; the defaults (`configured: false`) before it is set up.',
      tags: ['Integrations'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      response: { 200: json('The integration.', stripeIntegrationSchema) },
    }),
    async (request) => {
      const workspaceId = await guard(deps, request);
      return toStripeResource(workspaceId, await findStripeIntegration(deps.db.kysely, workspaceId), publicBaseUrl(deps.config.publicUrl, request));
    },
  );

  app.put<Params>(
    path,
    describeRoute({
      operationId: 'setStripeIntegration',
      summary: 'Set up or change the Stripe integration',
      description: 'The signing secret is required the first time and kept when omitted; it is sealed at rest and never returned.',
      tags: ['Integrations'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: stripeSettingsBody,
      response: { 200: json('The integration as saved.', stripeIntegrationSchema) },
    }),
    async (request) => {
      const workspaceId = await guard(deps, request);
      const input = readStripeSettingsInput(request.body ?? {});
      const row = await saveStripeIntegration(deps.db.kysely, deps.secrets, workspaceId, input, Date.now());
      deps.signingSecrets.invalidate(workspaceId);
      return toStripeResource(workspaceId, row, publicBaseUrl(deps.config.publicUrl, request));
    },
  );

  app.delete<Params>(
    path,
    describeRoute({
      operationId: 'deleteStripeIntegration',
      summary: 'Remove the Stripe integration',
      description: 'Forgets the signing secret: the webhook endpoint answers 404 from then on. Events already received are kept.',
      tags: ['Integrations'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      response: { 204: noContent },
    }),
    async (request, reply) => {
      const workspaceId = await guard(deps, request);
      const deleted = await deps.db.kysely.deleteFrom('stripe_integrations').where('workspace_id', '=', workspaceId).executeTakeFirst();
      deps.signingSecrets.invalidate(workspaceId);
      if (deleted.numDeletedRows === 0n) throw AppError.notFound('Stripe integration');
      return reply.status(204).send();
    },
  );

  app.get<Params>(
    `${path}/events`,
    describeRoute({
      operationId: 'listStripeEvents',
      summary: 'Received Stripe events and what each became',
      tags: ['Integrations'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: pageQuery(200),
      response: { 200: json('One page of events, the most recently processed first.', pageOf(stripeEventSchema)) },
    }),
    async (request) => {
      const workspaceId = await guard(deps, request);
      const query = request.query as Record<string, unknown>;
      const limit = readLimit(query.limit, 50, 200);
      if (limit === undefined) throw AppError.validation([{ field: 'limit', message: 'must be an integer from 1 to 200' }]);
      const cursor = readCursor(query.cursor);
      let rows = deps.db.kysely
        .selectFrom('stripe_events')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('processed_at', 'desc')
        .orderBy('event_id', 'desc')
        .limit(limit + 1);
      if (cursor) {
        rows = rows.where((eb) => eb.or([eb('processed_at', '<', cursor.at), eb.and([eb('processed_at', '=', cursor.at), eb('event_id', '<', cursor.id)])]));
      }
      const found = await rows.execute();
      const page = found.slice(0, limit);
      const last = page[page.length - 1];
      return {
        data: page.map((row) => ({
          id: row.event_id,
          type: row.type,
          outcome: row.outcome,
          external_id: row.external_id,
          detail: row.detail,
          livemode: row.livemode === 1,
          incoming_id: row.inbox_id,
          created_at: isoOrNull(row.stripe_created_at),
          processed_at: isoOrNull(row.processed_at),
        })),
        has_more: found.length > limit,
        next_cursor: found.length > limit && last ? Buffer.from(`${last.processed_at}.${last.event_id}`).toString('base64url') : null,
      };
    },
  );
}
