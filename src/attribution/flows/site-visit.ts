import type { CollaboratorRow } from '../model/tables.ts';
import { ok, type FlowContext, type FlowResult } from './flow-context.ts';
import { createOpportunity, findOpportunity, isLive } from './opportunities.ts';
import { codeMatches } from '../model/code-match.ts';

/** What a visit says about its referrer; one of the three identifies the collaborator. */
export interface SiteVisit {
  collaboratorId?: number | undefined;
  referralCode?: string | undefined;
  landingUrl?: string | undefined;
  userId?: string | undefined;
  email?: string | undefined;
}

/** The referral code in a landing URL: `?ref=` as Rewardful, FirstPromoter and Dub links carry it. */
export function refFromUrl(landingUrl: string | undefined): string | undefined {
  if (!landingUrl) return undefined;
  try {
    return new URL(landingUrl).searchParams.get('ref') ?? undefined;
  } catch {
    return undefined;
  }
}

type Resolved = { collaborator: CollaboratorRow } | { reason: 'invalid' | 'expired'; detail: string };

async function resolveCollaborator(flow: FlowContext, visit: SiteVisit): Promise<Resolved> {
  const { trx, workspaceId, now } = flow;
  let collaboratorId = visit.collaboratorId;
  if (collaboratorId === undefined) {
    const code = (visit.referralCode ?? refFromUrl(visit.landingUrl))?.trim();
    if (!code) return { reason: 'invalid', detail: 'no referral code in the visit' };
    const row = await trx.selectFrom('referral_codes').selectAll().where('workspace_id', '=', workspaceId).where(codeMatches(code)).executeTakeFirst();
    if (!row) return { reason: 'invalid', detail: `unknown referral code ${code}` };
    if (row.expires_at !== null && row.expires_at <= now) return { reason: 'expired', detail: `referral code ${code} has expired` };
    collaboratorId = row.collaborator_id;
  }
  const collaborator = await trx.selectFrom('collaborators').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', collaboratorId).executeTakeFirst();
  if (!collaborator) return { reason: 'invalid', detail: `unknown collaborator ${collaboratorId}` };
  if (collaborator.status !== 'active') return { reason: 'invalid', detail: `collaborator ${collaboratorId} is ${collaborator.status}` };
  return { collaborator };
}

/**
 * Seed 002's first two steps: a referred visitor becomes an opportunity (OpportunityTriggered) with
 * one engagement per program its trigger strategy accepts (EngagementsTriggered). A visit that
 * cannot be credited fires OpportunityInvalidated and stops: unknown or inactive referrer,
 * expired code, the referrer visiting through their own link, or a repeat visit while the
 * visitor's opportunity with that referrer is still live (answered with the existing id).
 */
export async function siteVisit(flow: FlowContext, visit: SiteVisit): Promise<FlowResult> {
  const resolved = await resolveCollaborator(flow, visit);
  const hinted = await findOpportunity(flow, flow.hints.opportunityId);
  const current = isLive(hinted, flow.now) ? hinted : undefined;
  if ('reason' in resolved) {
    await flow.dispatcher.dispatch('OpportunityInvalidated', { reason: resolved.reason, collaboratorId: visit.collaboratorId ?? null, opportunityId: null, detail: resolved.detail });
    return ok(current?.id ?? null);
  }
  const { collaborator } = resolved;
  const userId = visit.userId ?? null;
  if (userId !== null && collaborator.user_id === userId) {
    await flow.dispatcher.dispatch('OpportunityInvalidated', { reason: 'self_referral', collaboratorId: collaborator.id, opportunityId: null, detail: 'the visitor is the referring collaborator' });
    return ok(current?.id ?? null);
  }
  let duplicate = current && current.collaborator_id === collaborator.id ? current : undefined;
  if (!duplicate && userId !== null) {
    duplicate = await flow.trx
      .selectFrom('opportunities')
      .selectAll()
      .where('workspace_id', '=', flow.workspaceId)
      .where('user_id', '=', userId)
      .where('collaborator_id', '=', collaborator.id)
      .where('status', '=', 'active')
      .where('expires_at', '>', flow.now)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }
  if (duplicate) {
    await flow.dispatcher.dispatch('OpportunityInvalidated', { reason: 'duplicate', collaboratorId: collaborator.id, opportunityId: duplicate.id, detail: 'the visitor already has a live opportunity with this collaborator' });
    return ok(duplicate.id);
  }
  const { opportunity, create } = await createOpportunity(flow, {
    collaborator,
    origin: 'referral',
    userId,
    email: visit.email ?? null,
    landingUrl: visit.landingUrl ?? null,
    couponId: null,
  });
  await flow.dispatcher.dispatch('OpportunityTriggered', {
    opportunityId: opportunity.id,
    collaboratorId: collaborator.id,
    userId,
    landingUrl: opportunity.landing_url,
    expiresAt: new Date(opportunity.expires_at).toISOString(),
  });
  const { engagementIds, programIds } = await create();
  await flow.dispatcher.dispatch('EngagementsTriggered', { opportunityId: opportunity.id, collaboratorId: collaborator.id, trigger: 'referral', engagementIds, programIds });
  return ok(opportunity.id);
}
