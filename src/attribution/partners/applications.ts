import { rememberCollaboratorAddress } from './collaborator-addresses.ts';
import { sql } from 'kysely';
import type { FlowContext } from '../flows/flow-context.ts';
import type { ProgramRow } from '../model/tables.ts';
import { createAccount, decideSubmission, receiveSubmission } from '../system/index.ts';
import { issueLoginLink, type PortalUrl } from './partner-sessions.ts';
import type { ProgramEnrollmentRow } from './tables.ts';

/** How long the login link sent on approval works: it goes by e-mail, which is read later than an admin's link. */
export const APPROVAL_LINK_MS = 3 * 86_400_000;

/** What the portal's sign-up form sends, validated (application-schemas.ts). */
export interface ApplicationForm {
  name: string;
  email: string;
  /** The referral code asked for. */
  code: string | null;
  /** "How will you promote us?" */
  promotion: string | null;
  /**
   * Keyed hash of the address the form was sent from (ip-hasher.ts); null when it is not public or
   * no hasher is configured. Kept as the new applicant's address for the self-referral rule.
   */
  ipHash: string | null;
}

/**
 * The applicant's identity for the dedupe: the address as typed, trimmed, in Unicode NFC and lower
 * case. Only the case of the domain is insignificant by the RFCs, but no mail provider in use
 * tells `Ada@` from `ada@`, and one person must not apply twice by changing a letter's case.
 * Sub-addresses (`ada+2@`) stay distinct: whether they reach one mailbox is the provider's rule.
 */
export function emailKey(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/**
 * Records one application to `program` from the portal's sign-up form (issue 18 §2), in the
 * flow's transaction. The applicant learns nothing from the outcome, so the caller answers the
 * same whatever happens here:
 *
 * - the same email applied to this program before: nothing is written (the unique key of
 *   `program_applications` decides, so two racing requests make one application);
 * - the email belongs to a collaborator already: that collaborator gets an `applied` enrollment
 *   (unless they have one in this program) and no submission, so no second account. Nothing reaches
 *   the applicant: the login link sent on approval goes to the collaborator's own address;
 * - otherwise: a collaborator submission exactly like the `collaborator-submission` slug's
 *   (CollaboratorSubmissionReceived, Siren's `collaborator.registered`), with `fields.program_id`
 *   naming the program. While it is pending its collaborator exists as `pending` (no referral
 *   code, earns nothing) so the enrollment has someone to name; approving the enrollment
 *   activates it. A listener that approves or rejects the submission at once decides the
 *   enrollment with it.
 */
export async function receiveApplication(flow: FlowContext, program: ProgramRow, form: ApplicationForm, portalUrl: PortalUrl): Promise<void> {
  const { trx, workspaceId, now } = flow;
  const key = emailKey(form.email);
  const application = await trx
    .insertInto('program_applications')
    .values({ workspace_id: workspaceId, program_id: program.id, email_key: key, submission_id: null, collaborator_id: null, created_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'program_id', 'email_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!application) return;
  const record = (values: { submission_id?: number; collaborator_id?: number }) =>
    trx.updateTable('program_applications').set(values).where('workspace_id', '=', workspaceId).where('id', '=', application.id).execute();

  const existing = await trx
    .selectFrom('collaborators')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where(sql<string>`lower(email)`, '=', key)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (existing) {
    await enroll(flow, program.id, existing.id, 'applied');
    await record({ collaborator_id: existing.id });
    return;
  }

  const fields: Record<string, unknown> = { program_id: program.id, source: 'partner_portal' };
  if (form.promotion !== null) fields.promotion = form.promotion;
  const { submission } = await receiveSubmission(flow, { name: form.name, email: key, userId: null, code: form.code, fields, decision: 'pending' });
  if (submission.status === 'rejected') {
    await record({ submission_id: submission.id });
    return;
  }
  if (submission.status === 'approved') {
    const collaboratorId = submission.collaborator_id!;
    await rememberApplicant(flow, collaboratorId, form.ipHash);
    await enroll(flow, program.id, collaboratorId, 'approved');
    await record({ submission_id: submission.id, collaborator_id: collaboratorId });
    await issueLoginLink(flow, collaboratorId, APPROVAL_LINK_MS, portalUrl);
    return;
  }
  const pending = await trx
    .insertInto('collaborators')
    .values({ workspace_id: workspaceId, name: submission.name, email: submission.email, user_id: submission.user_id, status: 'pending', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('collaborator_submissions').set({ collaborator_id: pending.id }).where('workspace_id', '=', workspaceId).where('id', '=', submission.id).execute();
  await rememberApplicant(flow, pending.id, form.ipHash);
  await enroll(flow, program.id, pending.id, 'applied');
  await record({ submission_id: submission.id, collaborator_id: pending.id });
}

/**
 * The address a new applicant applied from is theirs, as a sign-in's is. An application naming an
 * existing collaborator's email is not: anyone who knows the email can send it, so those are not
 * recorded.
 */
function rememberApplicant(flow: FlowContext, collaboratorId: number, ipHash: string | null): Promise<void> {
  return rememberCollaboratorAddress(flow.trx, { workspaceId: flow.workspaceId, collaboratorId, ipHash, source: 'application', now: flow.now });
}

async function enroll(flow: FlowContext, programId: number, collaboratorId: number, status: 'applied' | 'approved'): Promise<void> {
  await flow.trx
    .insertInto('program_enrollments')
    .values({ workspace_id: flow.workspaceId, program_id: programId, collaborator_id: collaboratorId, status, created_at: flow.now, updated_at: flow.now })
    // A collaborator already enrolled, invited or turned down keeps that status.
    .onConflict((oc) => oc.columns(['workspace_id', 'program_id', 'collaborator_id']).doNothing())
    .execute();
}

/** Whether the enrollment's collaborator applied to its program through the sign-up form. */
export async function cameFromForm(flow: Pick<FlowContext, 'trx' | 'workspaceId'>, enrollment: ProgramEnrollmentRow): Promise<boolean> {
  const row = await flow.trx
    .selectFrom('program_applications')
    .select('id')
    .where('workspace_id', '=', flow.workspaceId)
    .where('program_id', '=', enrollment.program_id)
    .where('collaborator_id', '=', enrollment.collaborator_id)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The rest of an admin's decision on an enrollment that came from the sign-up form, after the
 * enrollment itself moved (the caller's guarded update):
 * - approved: a pending applicant's submission is approved (their collaborator becomes active
 *   with a referral code: CollaboratorAccountReady), then a login link is issued
 *   (CollaboratorLoginLinkCreated, Siren's `collaborator.login_link_created`) for the shop to mail;
 * - rejected: a pending applicant's submission is rejected too, unless they still have another
 *   open application or enrollment (an account is refused only when nothing wants it).
 * Answers the login link on approval.
 */
export async function settleApplication(flow: FlowContext, enrollment: ProgramEnrollmentRow, portalUrl: PortalUrl): Promise<{ url: string; expires_at: string } | null> {
  const { trx, workspaceId } = flow;
  const submission = await trx
    .selectFrom('collaborator_submissions')
    .innerJoin('collaborators', (join) => join.onRef('collaborators.id', '=', 'collaborator_submissions.collaborator_id').onRef('collaborators.workspace_id', '=', 'collaborator_submissions.workspace_id'))
    .selectAll('collaborator_submissions')
    .where('collaborator_submissions.workspace_id', '=', workspaceId)
    .where('collaborator_submissions.collaborator_id', '=', enrollment.collaborator_id)
    .where('collaborator_submissions.status', '!=', 'approved')
    .where('collaborators.status', '=', 'pending')
    .orderBy('collaborator_submissions.id', 'desc')
    .executeTakeFirst();
  if (enrollment.status === 'approved') {
    // A rejected application approved later still gets its account.
    if (submission?.status === 'pending') await decideSubmission(flow, submission.id, 'approve', null);
    else if (submission) await createAccount(flow, submission);
    return issueLoginLink(flow, enrollment.collaborator_id, APPROVAL_LINK_MS, portalUrl);
  }
  if (enrollment.status === 'rejected' && submission?.status === 'pending') {
    const open = await trx
      .selectFrom('program_enrollments')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('collaborator_id', '=', enrollment.collaborator_id)
      .where('id', '!=', enrollment.id)
      .where('status', 'in', ['applied', 'invited', 'approved'])
      .executeTakeFirst();
    if (!open) await decideSubmission(flow, submission.id, 'reject', null);
  }
  return null;
}
