import { enrolledOnly } from '../partners/enrollment.ts';
import { flagConversion } from '../partners/fraud-review.ts';
import { judgesBannedCollaborators, screenSale } from '../partners/fraud-screen.ts';
import { issueObligationRow } from '../ledger/obligation-transitions.ts';
import { bannedCollaboratorIds } from '../model/payable-collaborators.ts';
import { PreparedQuery } from '../model/prepared-query.ts';
import { saleIncentive } from '../model/programs.ts';
import type { Insertable } from 'kysely';
import type { ConversionTable, EngagementRow, OpportunityRow, ProgramRow, TransactionRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';
import { resolveProgramGroups, type Qualifying } from './program-groups.ts';

/** The columns a candidate query filters on; `statuses` is fixed per prepared variant. */
type CandidateParams = { workspaceId: string; opportunityId: number; userId: string; now: number };

/** The opportunity's own engagements, or with a known customer, those of all the customer's live opportunities too. */
function candidateQuery(statuses: Array<EngagementRow['status']>, withCustomer: boolean) {
  return new PreparedQuery((db, p: CandidateParams) => {
    const query = db
      .selectFrom('engagements')
      .selectAll('engagements')
      .where('engagements.workspace_id', '=', p.workspaceId)
      .where('engagements.status', 'in', statuses)
      .where('engagements.expires_at', '>', p.now)
      // Kept, marked: a program whose fraud rules judge banned collaborators may count them.
      .select((eb) => eb('engagements.collaborator_id', 'in', bannedCollaboratorIds(eb, p.workspaceId)).as('collaborator_banned'))
      .orderBy('engagements.id');
    if (!withCustomer) return query.where('engagements.opportunity_id', '=', p.opportunityId);
    return query
      .innerJoin('opportunities', 'opportunities.id', 'engagements.opportunity_id')
      .where((eb) =>
        eb.or([
          eb('engagements.opportunity_id', '=', p.opportunityId),
          eb.and([eb('opportunities.workspace_id', '=', p.workspaceId), eb('opportunities.user_id', '=', p.userId), eb('opportunities.status', '=', 'active')]),
        ]),
      );
  });
}

const CANDIDATES = {
  sale: { own: candidateQuery(['active'], false), customer: candidateQuery(['active'], true) },
  lead: { own: candidateQuery(['active', 'completed'], false), customer: candidateQuery(['active', 'completed'], true) },
};

/**
 * The engagements that may earn credit: the opportunity's own, plus, when the customer is known,
 * those of the customer's other opportunities, so first- and last-touch can choose between
 * collaborators. Only engagements inside their attribution window count: for a sale, active ones
 * (a sale uses its engagement up); for a lead, completed ones too, since a sign-up and the order
 * that follows may be reported in either order. A banned collaborator's engagements are marked
 * (see groupByProgram for where they count). They are left as they are, so an unban lets them
 * earn again.
 */
async function candidateEngagements(flow: FlowContext, opportunity: OpportunityRow, userId: string | null, kind: 'sale' | 'lead'): Promise<Candidate[]> {
  const variants = CANDIDATES[kind];
  const params = { workspaceId: flow.workspaceId, opportunityId: opportunity.id, now: flow.now };
  const rows = await (userId === null ? variants.own.execute(flow.trx, { ...params, userId: '' }) : variants.customer.execute(flow.trx, { ...params, userId }));
  // SQLite answers the boolean as 0 or 1, PostgreSQL as true or false.
  return rows.map(({ collaborator_banned, ...engagement }) => ({ engagement, banned: Boolean(collaborator_banned) }));
}

/** An engagement that may earn credit, and whether its collaborator is banned. */
interface Candidate {
  engagement: EngagementRow;
  banned: boolean;
}

/** Per program, the engagement its attribution model picks (the others are passed over). */
function choose(program: ProgramRow, engagements: EngagementRow[]): EngagementRow {
  const sorted = [...engagements].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
  return program.attribution_model === 'first_touch' ? sorted[0]! : sorted[sorted.length - 1]!;
}

/**
 * The candidates per active program, as its attribution model will see them: a banned
 * collaborator's engagements count only in a sale's program whose fraud rules judge banned
 * collaborators (partners/fraud-screen.ts); elsewhere, the default, the model passes them over
 * (model/payable-collaborators.ts). Leads have no fraud rules: banned collaborators never earn one.
 */
async function groupByProgram(flow: FlowContext, candidates: Candidate[], kind: 'sale' | 'lead'): Promise<Array<{ program: ProgramRow; engagements: EngagementRow[] }>> {
  const programs = await flow.programs.byIds(flow.trx, flow.workspaceId, candidates.map((c) => c.engagement.program_id));
  const groups: Array<{ program: ProgramRow; engagements: EngagementRow[] }> = [];
  for (const program of [...programs.values()].sort((a, b) => a.id - b.id)) {
    if (program.status !== 'active') continue;
    const countsBanned = kind === 'sale' && judgesBannedCollaborators(program);
    const engagements = candidates.filter((c) => c.engagement.program_id === program.id && (countsBanned || !c.banned)).map((c) => c.engagement);
    // Only collaborators enrolled in the program earn in it (partners/enrollment.ts).
    const enrolled = await enrolledOnly(flow, program, engagements);
    if (enrolled.length > 0) groups.push({ program, engagements: enrolled });
  }
  return groups;
}

/** What tells one new conversion from another: each starts `pending`, unreviewed, at the flow's time. */
export type NewConversion = Pick<
  Insertable<ConversionTable>,
  'kind' | 'program_id' | 'collaborator_id' | 'opportunity_id' | 'engagement_id' | 'transaction_id' | 'award_key' | 'amount' | 'currency'
>;

const conversionInsert = new PreparedQuery((db, p: Omit<Insertable<ConversionTable>, 'id'>) =>
  db
    .insertInto('conversions')
    .values({
      workspace_id: p.workspace_id,
      kind: p.kind,
      program_id: p.program_id,
      collaborator_id: p.collaborator_id,
      opportunity_id: p.opportunity_id,
      engagement_id: p.engagement_id,
      transaction_id: p.transaction_id,
      award_key: p.award_key,
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      created_at: p.created_at,
      reviewed_at: p.reviewed_at,
    })
    .returning('id'),
);

/** Stores a pending conversion (every flow that awards one: sale, lead, renewal, lesson, by hand); its id. */
export async function insertPendingConversion(flow: Pick<FlowContext, 'trx' | 'workspaceId' | 'now'>, values: NewConversion): Promise<number> {
  const row = await conversionInsert.first(flow.trx, { ...values, workspace_id: flow.workspaceId, status: 'pending', created_at: flow.now, reviewed_at: null });
  return row!.id;
}

/** A conversion for the engagement an attribution model chose. */
function insertConversion(
  flow: FlowContext,
  values: { kind: 'sale' | 'lead'; program: ProgramRow; engagement: EngagementRow; transactionId: number | null; awardKey: string; amount: number; currency: string },
): Promise<number> {
  return insertPendingConversion(flow, {
    kind: values.kind,
    program_id: values.program.id,
    collaborator_id: values.engagement.collaborator_id,
    opportunity_id: values.engagement.opportunity_id,
    engagement_id: values.engagement.id,
    transaction_id: values.transactionId,
    award_key: values.awardKey,
    amount: values.amount,
    currency: values.currency,
  });
}

/** Stores a draft obligation for a conversion and fires ObligationIssued; the obligation's id. */
export async function issueObligation(flow: FlowContext, conversionId: number, collaboratorId: number, amount: number, currency: string): Promise<number> {
  const issued = await issueObligationRow(flow, { conversionId, collaboratorId, kind: 'commission', status: 'draft', amount, currency });
  await flow.dispatcher.dispatch('ObligationIssued', { obligationId: issued.id, conversionId, collaboratorId, amount, currency, status: 'draft' }, [issued.change]);
  return issued.id;
}

const engagementComplete = new PreparedQuery((db, p: { id: number; now: number }) =>
  db.updateTable('engagements').set({ status: 'completed', completed_at: p.now }).where('id', '=', p.id),
);

/**
 * Steps 6–11 of the standard sale: ConversionInitialized, ProgramGroupConversionTriggered when
 * programs of one group compete, then per awarding program ConversionsAwarded → EngagementAwarded
 * → EngagementCompleted → ObligationIssued.
 */
export async function awardSale(flow: FlowContext, opportunity: OpportunityRow, transaction: TransactionRow): Promise<void> {
  await flow.dispatcher.dispatch('ConversionInitialized', { kind: 'sale', opportunityId: opportunity.id, transactionId: transaction.id });
  const engagements = await candidateEngagements(flow, opportunity, transaction.user_id, 'sale');
  const qualifying: Qualifying[] = [];
  for (const { program, engagements: programEngagements } of await groupByProgram(flow, engagements, 'sale')) {
    const incentive = saleIncentive(program, transaction.total, transaction.currency);
    if (incentive) qualifying.push({ program, engagements: programEngagements, chosen: choose(program, programEngagements), incentive });
  }
  for (const { program, engagements: programEngagements, chosen, incentive } of await resolveProgramGroups(flow, qualifying, transaction.id)) {
    const winner = chosen ?? choose(program, programEngagements);
    // The program's fraud rules (partners/fraud-screen.ts): a blocked commission is never created.
    const verdict = await screenSale(flow, program, winner, transaction);
    if (verdict.action === 'block') {
      await flow.dispatcher.dispatch('CommissionBlocked', { programId: program.id, collaboratorId: winner.collaborator_id, engagementId: winner.id, transactionId: transaction.id, reasons: verdict.reasons });
      continue;
    }
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
    await engagementComplete.run(flow.trx, { id: winner.id, now: flow.now });
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
    if (verdict.action === 'flag') await flagConversion(flow, conversionId, program.id, winner.collaborator_id, verdict.reasons);
  }
}

/**
 * The lead flow's conversion steps: ConversionInitialized, then per program with a lead incentive
 * ConversionsAwarded → ObligationIssued. A lead does not use up the engagement: the same referral
 * can still earn the sale that follows.
 */
export async function awardLead(flow: FlowContext, opportunity: OpportunityRow, awardKey: string, userId: string | null): Promise<void> {
  await flow.dispatcher.dispatch('ConversionInitialized', { kind: 'lead', opportunityId: opportunity.id, transactionId: null });
  const engagements = await candidateEngagements(flow, opportunity, userId, 'lead');
  for (const { program, engagements: programEngagements } of await groupByProgram(flow, engagements, 'lead')) {
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
