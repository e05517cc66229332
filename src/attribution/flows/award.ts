import { programsById, saleIncentive } from '../model/programs.ts';
import type { EngagementRow, OpportunityRow, ProgramRow, TransactionRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';
import { resolveProgramGroups, type Qualifying } from './program-groups.ts';

/**
 * The engagements that may earn credit: the opportunity's own, plus, when the customer is known,
 * those of the customer's other opportunities, so first- and last-touch can choose between
 * collaborators. Only engagements inside their attribution window count: for a sale, active ones
 * (a sale uses its engagement up); for a lead, completed ones too, since a sign-up and the order
 * that follows may be reported in either order.
 */
async function candidateEngagements(flow: FlowContext, opportunity: OpportunityRow, userId: string | null, statuses: Array<EngagementRow['status']> = ['active']): Promise<EngagementRow[]> {
  const { trx, workspaceId, now } = flow;
  let query = trx
    .selectFrom('engagements')
    .selectAll('engagements')
    .where('engagements.workspace_id', '=', workspaceId)
    .where('engagements.status', 'in', statuses)
    .where('engagements.expires_at', '>', now);
  if (userId !== null) {
    query = query
      .innerJoin('opportunities', 'opportunities.id', 'engagements.opportunity_id')
      .where((eb) =>
        eb.or([
          eb('engagements.opportunity_id', '=', opportunity.id),
          eb.and([eb('opportunities.workspace_id', '=', workspaceId), eb('opportunities.user_id', '=', userId), eb('opportunities.status', '=', 'active')]),
        ]),
      );
  } else {
    query = query.where('engagements.opportunity_id', '=', opportunity.id);
  }
  return query.orderBy('engagements.id').execute();
}

/** Per program, the engagement its attribution model picks (the others are passed over). */
function choose(program: ProgramRow, engagements: EngagementRow[]): EngagementRow {
  const sorted = [...engagements].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
  return program.attribution_model === 'first_touch' ? sorted[0]! : sorted[sorted.length - 1]!;
}

async function groupByProgram(flow: FlowContext, engagements: EngagementRow[]): Promise<Array<{ program: ProgramRow; engagements: EngagementRow[] }>> {
  const programs = await programsById(flow.trx, flow.workspaceId, [...new Set(engagements.map((e) => e.program_id))]);
  const groups: Array<{ program: ProgramRow; engagements: EngagementRow[] }> = [];
  for (const program of [...programs.values()].sort((a, b) => a.id - b.id)) {
    if (program.status !== 'active') continue;
    groups.push({ program, engagements: engagements.filter((e) => e.program_id === program.id) });
  }
  return groups;
}

async function insertConversion(
  flow: FlowContext,
  values: { kind: 'sale' | 'lead'; program: ProgramRow; engagement: EngagementRow; transactionId: number | null; awardKey: string; amount: number; currency: string },
): Promise<number> {
  const row = await flow.trx
    .insertInto('conversions')
    .values({
      workspace_id: flow.workspaceId,
      kind: values.kind,
      program_id: values.program.id,
      collaborator_id: values.engagement.collaborator_id,
      opportunity_id: values.engagement.opportunity_id,
      engagement_id: values.engagement.id,
      transaction_id: values.transactionId,
      award_key: values.awardKey,
      status: 'pending',
      amount: values.amount,
      currency: values.currency,
      created_at: flow.now,
      reviewed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Stores a draft obligation for a conversion and fires ObligationIssued. */
export async function issueObligation(flow: FlowContext, conversionId: number, collaboratorId: number, amount: number, currency: string): Promise<void> {
  const row = await flow.trx
    .insertInto('obligations')
    .values({
      workspace_id: flow.workspaceId,
      conversion_id: conversionId,
      collaborator_id: collaboratorId,
      kind: 'commission',
      status: 'draft',
      amount,
      original_amount: amount,
      currency,
      created_at: flow.now,
      updated_at: flow.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await flow.dispatcher.dispatch('ObligationIssued', { obligationId: row.id, conversionId, collaboratorId, amount, currency, status: 'draft' });
}

/**
 * Steps 6–11 of the standard sale: ConversionInitialized, ProgramGroupConversionTriggered when
 * programs of one group compete, then per awarding program ConversionsAwarded → EngagementAwarded
 * → EngagementCompleted → ObligationIssued.
 */
export async function awardSale(flow: FlowContext, opportunity: OpportunityRow, transaction: TransactionRow): Promise<void> {
  await flow.dispatcher.dispatch('ConversionInitialized', { kind: 'sale', opportunityId: opportunity.id, transactionId: transaction.id });
  const engagements = await candidateEngagements(flow, opportunity, transaction.user_id);
  const qualifying: Qualifying[] = [];
  for (const { program, engagements: programEngagements } of await groupByProgram(flow, engagements)) {
    const incentive = saleIncentive(program, transaction.total, transaction.currency);
    if (incentive) qualifying.push({ program, engagements: programEngagements, chosen: choose(program, programEngagements), incentive });
  }
  for (const { program, engagements: programEngagements, chosen, incentive } of await resolveProgramGroups(flow, qualifying, transaction.id)) {
    const winner = chosen ?? choose(program, programEngagements);
    const others = programEngagements.filter((e) => e.id !== winner.id).sort((a, b) => a.created_at - b.created_at || a.id - b.id);
    const conversionId = await insertConversion(flow, {
      kind: 'sale',
      program,
      engagement: winner,
      transactionId: transaction.id,
      awardKey: `tx:${transaction.id}`,
      amount: incentive.amount,
      currency: transaction.currency,
    });
    await flow.dispatcher.dispatch('ConversionsAwarded', {
      programId: program.id,
      collaboratorId: winner.collaborator_id,
      conversionIds: [conversionId],
      amount: incentive.amount,
      currency: transaction.currency,
      incentive: incentive.incentive,
    });
    await flow.dispatcher.dispatch('EngagementAwarded', { engagementId: winner.id, programId: program.id, conversionId });
    await flow.trx.updateTable('engagements').set({ status: 'completed', completed_at: flow.now }).where('id', '=', winner.id).execute();
    if (others.length > 0) {
      await flow.trx
        .updateTable('engagements')
        .set({ status: 'superseded', completed_at: flow.now })
        .where('workspace_id', '=', flow.workspaceId)
        .where('id', 'in', others.map((e) => e.id))
        .execute();
    }
    await flow.dispatcher.dispatch('EngagementCompleted', { programId: program.id, completedIds: [winner.id], supersededIds: others.map((e) => e.id) });
    await issueObligation(flow, conversionId, winner.collaborator_id, incentive.amount, transaction.currency);
  }
}

/**
 * The lead flow's conversion steps: ConversionInitialized, then per program with a lead incentive
 * ConversionsAwarded → ObligationIssued. A lead does not use up the engagement: the same referral
 * can still earn the sale that follows.
 */
export async function awardLead(flow: FlowContext, opportunity: OpportunityRow, awardKey: string, userId: string | null): Promise<void> {
  await flow.dispatcher.dispatch('ConversionInitialized', { kind: 'lead', opportunityId: opportunity.id, transactionId: null });
  const engagements = await candidateEngagements(flow, opportunity, userId, ['active', 'completed']);
  for (const { program, engagements: programEngagements } of await groupByProgram(flow, engagements)) {
    if (program.lead_amount === null || program.lead_currency === null) continue;
    const winner = choose(program, programEngagements);
    const conversionId = await insertConversion(flow, {
      kind: 'lead',
      program,
      engagement: winner,
      transactionId: null,
      awardKey,
      amount: program.lead_amount,
      currency: program.lead_currency,
    });
    await flow.dispatcher.dispatch('ConversionsAwarded', {
      programId: program.id,
      collaboratorId: winner.collaborator_id,
      conversionIds: [conversionId],
      amount: program.lead_amount,
      currency: program.lead_currency,
      incentive: { type: 'lead', amount: program.lead_amount },
    });
    await issueObligation(flow, conversionId, winner.collaborator_id, program.lead_amount, program.lead_currency);
  }
}
