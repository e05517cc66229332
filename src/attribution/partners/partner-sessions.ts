import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { FlowContext } from '../flows/flow-context.ts';
import type { Database, Db } from '../../db/index.ts';
import { publicBaseUrl } from '../../http/public-base-url.ts';
import { AppError } from '../../errors/index.ts';
import { generateSecret, hashSecret } from '../../lib/secrets.ts';
import { rememberCollaboratorAddress } from './collaborator-addresses.ts';

export const LOGIN_LINK_PREFIX = 'trb_pl_';
export const PARTNER_SESSION_PREFIX = 'trb_ps_';
/** How long a partner stays signed in: long enough to check earnings now and then, like a shop account. */
export const PARTNER_SESSION_MS = 30 * 86_400_000;

/** Who a partner session belongs to: one collaborator of one workspace, and nothing else. */
export interface PartnerPrincipal {
  workspaceId: string;
  collaboratorId: number;
}

/**
 * Creates a one-time login link token for a collaborator, valid until `expiresAt`. Only its hash
 * is stored; the token is in the answer (and the webhook that lets the shop mail it) once.
 */
async function createLoginLink(trx: Kysely<Database>, principal: PartnerPrincipal, now: number, ttlMs: number): Promise<{ token: string; expiresAt: number }> {
  const token = generateSecret(LOGIN_LINK_PREFIX);
  const expiresAt = now + ttlMs;
  await trx
    .insertInto('partner_login_links')
    .values({ token_hash: hashSecret(token), workspace_id: principal.workspaceId, collaborator_id: principal.collaboratorId, expires_at: expiresAt, used_at: null, created_at: now })
    .execute();
  return { token, expiresAt };
}

/** Where a login link's token goes: the portal's URL with the token in its fragment. */
export type PortalUrl = (token: string) => string;

/** `/partners#login=…` on the base URL the world reaches us at (`PUBLIC_URL`, or this request's host). */
export function portalUrl(publicUrl: string | undefined, request: FastifyRequest): PortalUrl {
  const base = publicBaseUrl(publicUrl, request);
  return (token) => `${base}/partners#login=${token}`;
}

/**
 * Creates a one-time login link in the flow's transaction and announces it as
 * CollaboratorLoginLinkCreated (the Siren webhook `collaborator.login_link_created`, which lets the
 * shop mail it): the link and its announcement exist together or not at all.
 */
export async function issueLoginLink(flow: FlowContext, collaboratorId: number, ttlMs: number, portalUrl: PortalUrl): Promise<{ url: string; expires_at: string }> {
  const { token, expiresAt } = await createLoginLink(flow.trx, { workspaceId: flow.workspaceId, collaboratorId }, flow.now, ttlMs);
  const url = portalUrl(token);
  const expires_at = new Date(expiresAt).toISOString();
  await flow.dispatcher.dispatch('CollaboratorLoginLinkCreated', { collaboratorId, url, expiresAt: expires_at });
  return { url, expires_at };
}

/**
 * Redeems a login link for a session token: the link works once (a guarded update marks it used,
 * so two tabs opening it at once get one session between them) and only before it expires. The
 * address it was redeemed from (`ipHash`, a keyed hash; null for none) is remembered as one the
 * collaborator uses, for the self-referral rule.
 */
export async function redeemLoginLink(db: Db, token: string, now: number, ipHash: string | null): Promise<{ token: string; expiresAt: number; principal: PartnerPrincipal }> {
  return db.kysely.transaction().execute(async (trx) => {
    const link = await trx
      .updateTable('partner_login_links')
      .set({ used_at: now })
      .where('token_hash', '=', hashSecret(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['workspace_id', 'collaborator_id'])
      .executeTakeFirst();
    if (!link) throw new AppError('unauthorized', 'The login link is unknown, already used or expired; ask for a new one.');
    const session = generateSecret(PARTNER_SESSION_PREFIX);
    const expiresAt = now + PARTNER_SESSION_MS;
    await trx
      .insertInto('partner_sessions')
      .values({ token_hash: hashSecret(session), workspace_id: link.workspace_id, collaborator_id: link.collaborator_id, expires_at: expiresAt, revoked_at: null, created_at: now })
      .execute();
    await rememberCollaboratorAddress(trx, { workspaceId: link.workspace_id, collaboratorId: link.collaborator_id, ipHash, source: 'portal_sign_in', now });
    return { token: session, expiresAt, principal: { workspaceId: link.workspace_id, collaboratorId: link.collaborator_id } };
  });
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * The collaborator a partner request speaks for. Only partner session tokens are accepted here
 * (an admin key is not a partner), looked up by hash; a revoked or expired session, or one whose
 * collaborator was deleted, is 401.
 */
export async function authenticatePartner(db: Db, request: FastifyRequest, now: number): Promise<PartnerPrincipal> {
  const token = bearerToken(request);
  if (token === undefined || !token.startsWith(PARTNER_SESSION_PREFIX)) {
    throw new AppError('unauthorized', 'Send the partner session token as `Authorization: Bearer trb_ps_…` (sign in with a login link).');
  }
  const session = await db.kysely
    .selectFrom('partner_sessions')
    .innerJoin('collaborators', (join) => join.onRef('collaborators.id', '=', 'partner_sessions.collaborator_id').onRef('collaborators.workspace_id', '=', 'partner_sessions.workspace_id'))
    .select(['partner_sessions.workspace_id', 'partner_sessions.collaborator_id'])
    .where('partner_sessions.token_hash', '=', hashSecret(token))
    .where('partner_sessions.revoked_at', 'is', null)
    .where('partner_sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!session) throw new AppError('unauthorized', 'The partner session is unknown, signed out or expired; sign in with a new login link.');
  return { workspaceId: session.workspace_id, collaboratorId: session.collaborator_id };
}

/** Signs a session out (the portal's sign-out button). */
export async function revokePartnerSession(db: Db, request: FastifyRequest, now: number): Promise<void> {
  const token = bearerToken(request);
  if (token === undefined) return;
  await db.kysely.updateTable('partner_sessions').set({ revoked_at: now }).where('token_hash', '=', hashSecret(token)).where('revoked_at', 'is', null).execute();
}
