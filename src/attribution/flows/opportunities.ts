import { PreparedQuery } from '../model/prepared-query.ts';
import { DAY_MS, programsTriggeredBy } from '../model/programs.ts';
import type { CollaboratorRow, OpportunityRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';

/** How long an opportunity lives when no program says otherwise (Rewardful's and Dub's default cookie). */
const DEFAULT_WINDOW_DAYS = 30;

const opportunityById = new PreparedQuery((db, p: { workspaceId: string; id: number }) =>
  db.selectFrom('opportunities').selectAll().where('workspace_id', '=', p.workspaceId).where('id', '=', p.id),
);

export async function findOpportunity(flow: Pick<FlowContext, 'trx' | 'workspaceId'>, id: number | null): Promise<OpportunityRow | undefined> {
  if (id === null) return undefined;
  return opportunityById.first(flow.trx, { workspaceId: flow.workspaceId, id });
}

/** An opportunity that can still be credited: active and inside its window. */
export function isLive(opportunity: OpportunityRow | undefined, now: number): opportunity is OpportunityRow {
  return opportunity !== undefined && opportunity.status === 'active' && opportunity.expires_at > now;
}

/** The customer's newest live opportunity: how a sale or lead from a back end (no cookie, no header) finds its referrer. */
export async function liveOpportunityOfUser(flow: Pick<FlowContext, 'trx' | 'workspaceId' | 'now'>, userId: string | null): Promise<OpportunityRow | undefined> {
  if (userId === null) return undefined;
  return flow.trx
    .selectFrom('opportunities')
    .selectAll()
    .where('workspace_id', '=', flow.workspaceId)
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .where('expires_at', '>', flow.now)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * Stores the opportunity and its engagements: one per active program whose trigger strategy
 * accepts the signal, each expiring after that program's attribution window. Dispatching is the
 * caller's, since the referral and coupon flows fire different events around it.
 */
export async function createOpportunity(
  flow: FlowContext,
  input: { collaborator: CollaboratorRow; origin: 'referral' | 'coupon'; userId: string | null; email: string | null; landingUrl: string | null; couponId: number | null },
): Promise<{ opportunity: OpportunityRow; create: () => Promise<{ engagementIds: number[]; programIds: number[] }> }> {
  const { trx, workspaceId, now } = flow;
  const programs = await programsTriggeredBy(trx, workspaceId, input.origin);
  const windowDays = programs.length > 0 ? Math.max(...programs.map((p) => p.attribution_window_days)) : DEFAULT_WINDOW_DAYS;
  const opportunity = await trx
    .insertInto('opportunities')
    .values({
      workspace_id: workspaceId,
      collaborator_id: input.collaborator.id,
      status: 'active',
      origin: input.origin,
      user_id: input.userId,
      email: input.email,
      landing_url: input.landingUrl,
      coupon_id: input.couponId,
      inbound_event_id: flow.inboundEventId,
      // For the self-referral rule: the referred visitor's address, as a keyed hash.
      ip_hash: flow.clientIpHash(),
      created_at: now,
      expires_at: now + windowDays * DAY_MS,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const create = async () => {
    const engagementIds: number[] = [];
    for (const program of programs) {
      const row = await trx
        .insertInto('engagements')
        .values({
          workspace_id: workspaceId,
          opportunity_id: opportunity.id,
          program_id: program.id,
          collaborator_id: input.collaborator.id,
          status: 'active',
          created_at: now,
          expires_at: now + program.attribution_window_days * DAY_MS,
          completed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      engagementIds.push(row.id);
    }
    return { engagementIds, programIds: programs.map((p) => p.id) };
  };
  return { opportunity, create };
}
