import { publicBaseUrl } from '../../http/public-base-url.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.ts';
import { compileValidator } from '../../http/validate.ts';
import type { Authenticator } from '../../auth/index.ts';
import { pathId, registerAdminScope, workspaceOf } from '../api/admin-scope.ts';
import type { ActionRunner } from '../api/conversion-review.ts';
import { readIdPage, toIdPage } from '../api/id-pagination.ts';
import { QueryReader, type Query } from '../api/query-params.ts';
import { toConversionResource, toObligationResource, toReferralCodeResource } from '../api/resources.ts';
import { getRow, listRows } from '../api/rows.ts';
import type { PayoutRow } from '../api/tables.ts';
import { toPayoutResource } from '../fulfillment/resources.ts';
import type { CollaboratorRow, ConversionRow, ObligationRow, ObligationStatus, OpportunityRow } from '../model/tables.ts';
import { convertedVisits, toPartnerVisit } from './partner-visits.ts';
import { collaboratorBalance } from '../reports/ledger.ts';
import { describeRoute, json, noContent, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { balanceSchema, commissionsQuery, commissionsSchema, loginLinkBody, loginLinkSchema, pagingOnlyQuery, partnerConversionsSchema, partnerLinksSchema, partnerMeSchema, partnerPayoutsSchema, partnerVisitsSchema, sessionBody, sessionSchema } from './api-schemas.ts';
import type { ApplicationLimits } from './application-limiter.ts';
import type { IpHasher } from './ip-hasher.ts';
import { registerApplicationRoutes } from './application-routes.ts';
import { registerPartnerProgramRoutes } from './partner-program-routes.ts';
import { authenticatePartner, issueLoginLink, portalUrl, redeemLoginLink, revokePartnerSession, type PartnerPrincipal } from './partner-sessions.ts';

export interface PartnerApiDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  /** Where the portal is reached (`PUBLIC_URL`); the request's own origin when unset. */
  readonly publicUrl: string | undefined;
  /** The public sign-up form's rate limits. */
  readonly applicationLimits: ApplicationLimits;
  /** Hashes the address a partner signs in from, for the self-referral rule; null: none kept. */
  readonly ipHasher: IpHasher | null;
}

const MINUTE = 60_000;

const readLoginLink = compileValidator<{ expires_in_minutes?: number }>(loginLinkBody);

const readSessionRequest = compileValidator<{ token: string }>(sessionBody);

const COMMISSION_STATUSES = ['draft', 'flagged', 'hold', 'pending', 'complete', 'cancelled'] as const satisfies readonly ObligationStatus[];

/** A list that takes no filters refuses any (a partner cannot name another collaborator). */
function onlyPaging(query: Query): void {
  const reader = new QueryReader(query);
  reader.rejectUnknown(['limit', 'cursor']);
  reader.done();
}

/**
 * The partner side (issue 18 §2). Admins create one-time login links under the admin API
 * (`POST …/collaborators/{id}/login-links`, also announced as the Siren webhook
 * `collaborator.login_link_created` so the shop can mail it). The link opens `/partners` with the
 * token in the URL's fragment (never sent to a server or a Referer); the portal redeems it at
 * `POST /partner/v1/sessions` for a collaborator-scoped session token, which reads that
 * collaborator's data under `/partner/v1/…` and nothing else: every query is filtered by the
 * session's workspace and collaborator, never by anything the request names.
 */
export function registerPartnerApi(app: FastifyInstance, deps: PartnerApiDeps, engine: ActionRunner): void {
  const { db } = deps;

  registerAdminScope(app, deps, (adminScope) => {
    registerPartnerProgramRoutes(adminScope, deps, engine);
    adminScope.post('/collaborators/:collaboratorId/login-links', describeRoute({
      operationId: 'createLoginLink',
      summary: 'Create a one-time partner portal sign-in link',
      description: 'Also sent as the Siren webhook `collaborator.login_link_created`.',
      tags: ['Partner programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ collaboratorId: 'The collaborator id.' }),
      body: loginLinkBody,
      response: { 201: json('The link and when it expires.', loginLinkSchema) },
    }), async (request, reply) => {
      const workspaceId = workspaceOf(request);
      const collaboratorId = pathId(request, 'collaboratorId', 'Collaborator');
      const input = readLoginLink(request.body ?? {});
      await getRow<CollaboratorRow>(db, 'collaborators', workspaceId, collaboratorId, 'Collaborator');
      const link = await engine.runAction(db, workspaceId, (flow) => issueLoginLink(flow, collaboratorId, (input.expires_in_minutes ?? 60) * MINUTE, portalUrl(deps.publicUrl, request)));
      return reply.status(201).send(link);
    });
  });

  app.register(
    async (partner) => {
      registerApplicationRoutes(partner, deps, engine);

      partner.post('/sessions', describeRoute({
        operationId: 'createPartnerSession',
        summary: 'Redeem a login link for a partner session',
        tags: ['Partner portal'],
        security: SECURITY.public,
        body: sessionBody,
        response: { 201: json('The session.', sessionSchema) },
      }), async (request, reply) => {
        const { token } = readSessionRequest(request.body ?? {});
        const session = await redeemLoginLink(db, token, engine.clock.now(), deps.ipHasher?.hash(request.ip) ?? null);
        return reply.status(201).send({ token: session.token, expires_at: new Date(session.expiresAt).toISOString(), collaborator_id: session.principal.collaboratorId });
      });

      // Everything else needs the session; `request.partner` is who it belongs to.
      const principals = new WeakMap<FastifyRequest, PartnerPrincipal>();
      const who = (request: FastifyRequest) => principals.get(request)!;
      partner.register(async (scope) => {
        scope.addHook('onRequest', async (request) => {
          principals.set(request, await authenticatePartner(db, request, engine.clock.now()));
        });

        scope.delete('/session', describeRoute({
          operationId: 'deletePartnerSession',
          summary: 'Sign out',
          tags: ['Partner portal'],
          security: SECURITY.partner,
          response: { 204: noContent },
        }), async (request, reply) => {
          await revokePartnerSession(db, request, engine.clock.now());
          return reply.status(204).send();
        });

        scope.get('/me', describeRoute({
          operationId: 'getPartnerMe',
          summary: 'Who the session belongs to',
          tags: ['Partner portal'],
          security: SECURITY.partner,
          response: { 200: json('The collaborator.', partnerMeSchema) },
        }), async (request) => {
          const { workspaceId, collaboratorId } = who(request);
          const row = await getRow<CollaboratorRow>(db, 'collaborators', workspaceId, collaboratorId, 'Collaborator');
          return { id: row.id, name: row.name, email: row.email, status: row.status, workspace_id: workspaceId };
        });

        scope.get('/links', describeRoute({
          operationId: 'listPartnerLinks',
          summary: 'The partner\'s referral links',
          tags: ['Partner portal'],
          security: SECURITY.partner,
          response: { 200: json('Codes with their link URLs.', partnerLinksSchema) },
        }), async (request) => {
          const { workspaceId, collaboratorId } = who(request);
          const codes = await db.kysely
            .selectFrom('referral_codes')
            .selectAll()
            .where('workspace_id', '=', workspaceId)
            .where('collaborator_id', '=', collaboratorId)
            .orderBy('id')
            .execute();
          const origin = publicBaseUrl(deps.publicUrl, request);
          return { data: codes.map((code) => ({ ...toReferralCodeResource(code), url: `${origin}/r/${encodeURIComponent(code.code)}` })) };
        });

        scope.get<{ Querystring: Query }>('/conversions', describeRoute({
          operationId: 'listPartnerConversions',
          summary: 'The partner\'s conversions',
          tags: ['Partner portal'],
          security: SECURITY.partner,
          querystring: pagingOnlyQuery,
          response: { 200: json('One page of conversions, newest first.', partnerConversionsSchema) },
        }), async (request) => {
          const { workspaceId, collaboratorId } = who(request);
          onlyPaging(request.query);
          const page = readIdPage(request.query);
          const rows = await listRows<ConversionRow>(db, 'conversions', workspaceId, { collaborator_id: collaboratorId }, page);
          // What a partner sees of a conversion: no customer fields, which belong to the shop.
          return toIdPage(rows, page, (row) => {
            const { opportunity_id: _o, engagement_id: _e, transaction_id: _t, ...visible } = toConversionResource(row);
            return visible;
          });
        });

        scope.get<{ Querystring: Query }>('/visits', describeRoute({
          operationId: 'listPartnerVisits',
          summary: 'The visits the partner referred',
          description: 'Each visit the engine recorded for the partner (a `site-visited` event, the snippet after a click on their link, a coupon): the opportunity that ties a visitor to them.',
          tags: ['Partner portal'],
          security: SECURITY.partner,
          querystring: pagingOnlyQuery,
          response: { 200: json('One page of visits, newest first.', partnerVisitsSchema) },
        }), async (request) => {
          const { workspaceId, collaboratorId } = who(request);
          onlyPaging(request.query);
          const page = readIdPage(request.query);
          const rows = await listRows<OpportunityRow>(db, 'opportunities', workspaceId, { collaborator_id: collaboratorId }, page);
          const converted = await convertedVisits(db, workspaceId, rows.map((row) => row.id));
          return toIdPage(rows, page, (row) => toPartnerVisit(row, converted.has(row.id)));
        });

        scope.get<{ Querystring: Query }>('/commissions', describeRoute({
          operationId: 'listPartnerCommissions',
          summary: 'The partner\'s commissions by status',
          tags: ['Partner portal'],
          security: SECURITY.partner,
          querystring: commissionsQuery,
          response: { 200: json('One page of obligations, newest first.', commissionsSchema) },
        }), async (request) => {
          const { workspaceId, collaboratorId } = who(request);
          const reader = new QueryReader(request.query);
          const status = reader.oneOf('status', COMMISSION_STATUSES);
          reader.rejectUnknown(['status', 'limit', 'cursor']);
          reader.done();
          const page = readIdPage(request.query);
          const rows = await listRows<ObligationRow>(db, 'obligations', workspaceId, { collaborator_id: collaboratorId, status }, page);
          return toIdPage(rows, page, toObligationResource);
        });

        scope.get<{ Querystring: Query }>('/payouts', describeRoute({
          operationId: 'listPartnerPayouts',
          summary: 'The partner\'s payouts',
          tags: ['Partner portal'],
          security: SECURITY.partner,
          querystring: pagingOnlyQuery,
          response: { 200: json('One page of payouts, newest first.', partnerPayoutsSchema) },
        }), async (request) => {
          const { workspaceId, collaboratorId } = who(request);
          onlyPaging(request.query);
          const page = readIdPage(request.query);
          const rows = await listRows<PayoutRow>(db, 'payouts', workspaceId, { collaborator_id: collaboratorId }, page);
          return toIdPage(rows, page, (row) => {
            const { obligation_ids: _ids, failure_reason: _reason, ...visible } = toPayoutResource(row, []);
            return visible;
          });
        });

        scope.get('/balance', describeRoute({
          operationId: 'getPartnerBalance',
          summary: 'The partner\'s balance per currency',
          tags: ['Partner portal'],
          security: SECURITY.partner,
          response: { 200: json('Per currency: owed, held, under review, payable and paid out.', balanceSchema) },
        }), async (request) => {
          const { workspaceId, collaboratorId } = who(request);
          return { data: await collaboratorBalance(db.kysely, workspaceId, collaboratorId) };
        });
      });
    },
    { prefix: '/partner/v1' },
  );
}
