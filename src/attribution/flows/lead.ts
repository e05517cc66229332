import { awardLead } from './award.ts';
import { ok, type FlowContext, type FlowResult } from './flow-context.ts';
import { findOpportunity, isLive, liveOpportunityOfUser } from './opportunities.ts';

export interface Lead {
  source: string | null;
  externalId: string | null;
  trackingId: number | null;
  userId: string | null;
  email: string | null;
}

/**
 * Seed 002's lead flow after the visit: LeadTriggered, ConversionInitialized, then per program
 * with a lead incentive ConversionsAwarded and ObligationIssued. No money changes hands, so there
 * is no transaction and no approval on payment: an admin approves leads. A lead is credited once
 * per program (its award key is the lead's external id, else the opportunity).
 */
export async function recordLead(flow: FlowContext, lead: Lead): Promise<FlowResult> {
  let opportunity;
  for (const id of [lead.trackingId, flow.hints.opportunityId]) {
    const found = await findOpportunity(flow, id);
    if (isLive(found, flow.now)) {
      opportunity = found;
      break;
    }
  }
  opportunity ??= await liveOpportunityOfUser(flow, lead.userId);
  if (!opportunity) return ok(null);
  const awardKey = lead.externalId !== null ? `lead:${lead.source ?? ''}:${lead.externalId}` : `lead:opportunity:${opportunity.id}`;
  const seen = await flow.trx
    .selectFrom('conversions')
    .select('id')
    .where('workspace_id', '=', flow.workspaceId)
    .where('award_key', '=', awardKey)
    .executeTakeFirst();
  if (seen) return ok(opportunity.id);
  // The lead's email on its opportunity: a later checkout that carries no opportunity id (Stripe
  // Checkout opened from an email link) is credited by the customer's email (integrations/stripe).
  if (lead.email !== null && opportunity.email === null) {
    await flow.trx.updateTable('opportunities').set({ email: lead.email }).where('workspace_id', '=', flow.workspaceId).where('id', '=', opportunity.id).execute();
  }
  await flow.dispatcher.dispatch('LeadTriggered', { opportunityId: opportunity.id, source: lead.source, externalId: lead.externalId, userId: lead.userId, email: lead.email });
  await awardLead(flow, opportunity, awardKey, lead.userId);
  return ok(opportunity.id);
}
