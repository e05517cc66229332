import { insertPendingConversion, issueObligation } from '../flows/award.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import { findOpportunity, isLive, liveOpportunityOfUser } from '../flows/opportunities.ts';
import { bannedCollaboratorIds } from '../model/payable-collaborators.ts';

export interface LessonInput {
  userId: string;
  lessonId: string;
  courseId: string | null;
  trackingId: number | null;
}

/**
 * StudentCompletedLesson, then per active program with a lesson incentive in which the student's
 * referral has an engagement: ConversionsAwarded → ObligationIssued (draft; an admin approves it, as
 * for a lead: no payment confirms a lesson). The student's referral is the opportunity named by
 * `trackingId`, else their newest live one. Lesson conversions are stored with kind `lead` (an
 * action without a sale) and award key `lesson:{userId}:{lessonId}`, so a lesson earns once.
 */
export async function completeLesson(flow: FlowContext, lesson: LessonInput): Promise<number | null> {
  const named = await findOpportunity(flow, lesson.trackingId);
  const opportunity = isLive(named, flow.now) ? named : await liveOpportunityOfUser(flow, lesson.userId);
  await flow.dispatcher.dispatch('StudentCompletedLesson', {
    lessonId: lesson.lessonId,
    courseId: lesson.courseId,
    userId: lesson.userId,
    opportunityId: opportunity?.id ?? null,
    collaboratorId: opportunity?.collaborator_id ?? null,
  });
  if (!opportunity) return null;
  const earning = await flow.trx
    .selectFrom('engagements')
    .innerJoin('attribution_programs', (join) => join.onRef('attribution_programs.id', '=', 'engagements.program_id').onRef('attribution_programs.workspace_id', '=', 'engagements.workspace_id'))
    .innerJoin('lesson_incentives', (join) => join.onRef('lesson_incentives.program_id', '=', 'attribution_programs.id').onRef('lesson_incentives.workspace_id', '=', 'attribution_programs.workspace_id'))
    .select(['engagements.id as engagement_id', 'engagements.program_id', 'lesson_incentives.amount', 'lesson_incentives.currency'])
    .where('engagements.workspace_id', '=', flow.workspaceId)
    .where('engagements.opportunity_id', '=', opportunity.id)
    .where('engagements.status', 'in', ['active', 'completed'])
    .where('engagements.expires_at', '>', flow.now)
    // A banned referrer earns nothing new (payable-collaborators.ts).
    .where((eb) => eb('engagements.collaborator_id', 'not in', bannedCollaboratorIds(eb, flow.workspaceId)))
    .where('attribution_programs.status', '=', 'active')
    .orderBy('engagements.program_id')
    .orderBy('lesson_incentives.currency')
    .execute();
  const awardKey = `lesson:${lesson.userId}:${lesson.lessonId}`;
  const seen = new Set<number>();
  for (const row of earning) {
    // One award per program: its first currency (a program normally has one lesson incentive).
    if (seen.has(row.program_id)) continue;
    seen.add(row.program_id);
    const already = await flow.trx
      .selectFrom('conversions')
      .select('id')
      .where('workspace_id', '=', flow.workspaceId)
      .where('program_id', '=', row.program_id)
      .where('award_key', '=', awardKey)
      .executeTakeFirst();
    if (already) continue;
    const conversionId = await insertPendingConversion(flow, {
      kind: 'lead',
      program_id: row.program_id,
      collaborator_id: opportunity.collaborator_id,
      opportunity_id: opportunity.id,
      engagement_id: row.engagement_id,
      transaction_id: null,
      award_key: awardKey,
      amount: row.amount,
      currency: row.currency,
    });
    await flow.dispatcher.dispatch('ConversionsAwarded', {
      programId: row.program_id,
      collaboratorId: opportunity.collaborator_id,
      conversionIds: [conversionId],
      amount: row.amount,
      currency: row.currency,
      incentive: { type: 'flat', amount: row.amount },
    });
    await issueObligation(flow, conversionId, opportunity.collaborator_id, row.amount, row.currency);
  }
  return opportunity.id;
}
