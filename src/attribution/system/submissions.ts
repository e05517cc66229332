import { CODE_PATTERN, generateCode } from '../api/codes.ts';
import { AppError } from '../../errors/index.ts';
import { codeMatches } from '../model/code-match.ts';

const CODE = new RegExp(CODE_PATTERN);
import type { FlowContext } from '../flows/flow-context.ts';
import type { CollaboratorSubmissionRow, SubmissionStatus } from './tables.ts';

/** A collaborator application as it arrives (slug body or admin request). */
export interface SubmissionInput {
  name: string;
  email: string | null;
  userId: string | null;
  code: string | null;
  fields: Record<string, unknown>;
  decision: 'approved' | 'pending';
}

export interface SubmissionOutcome {
  submission: CollaboratorSubmissionRow;
  referralCode: string | null;
}

/** A referral code nobody in the workspace holds: the one asked for if free, else a generated one. */
async function freeCode(flow: FlowContext, wanted: string | null): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = attempt === 0 && wanted ? wanted : generateCode();
    const taken = await flow.trx.selectFrom('referral_codes').select('id').where('workspace_id', '=', flow.workspaceId).where(codeMatches(code)).executeTakeFirst();
    if (!taken) return code;
  }
  throw new Error('could not find a free referral code');
}

/**
 * The collaborator an approved application becomes. An application from the partner portal's
 * sign-up form already holds a `pending` collaborator (its program enrollment needs someone to
 * name): that one is activated. Otherwise one is created.
 */
async function activeCollaborator(flow: FlowContext, submission: CollaboratorSubmissionRow): Promise<{ id: number }> {
  const person = { name: submission.name, email: submission.email, user_id: submission.user_id, status: 'active' as const, updated_at: flow.now };
  if (submission.collaborator_id === null) {
    return flow.trx.insertInto('collaborators').values({ ...person, workspace_id: flow.workspaceId, created_at: flow.now }).returning('id').executeTakeFirstOrThrow();
  }
  const activated = await flow.trx
    .updateTable('collaborators')
    .set(person)
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', submission.collaborator_id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  // An admin banned or deactivated the applicant meanwhile: approving must not undo that.
  if (!activated) throw new AppError('conflict', `The applicant's collaborator ${submission.collaborator_id} is no longer pending; change its status first.`);
  return activated;
}

/**
 * Makes an approved application an active collaborator with a referral code and fires
 * CollaboratorAccountReady. A requested code another collaborator holds is replaced by a
 * generated one rather than failing the whole application.
 */
export async function createAccount(flow: FlowContext, submission: CollaboratorSubmissionRow): Promise<SubmissionOutcome> {
  const collaborator = await activeCollaborator(flow, submission);
  const code = await freeCode(flow, submission.code);
  await flow.trx.insertInto('referral_codes').values({ workspace_id: flow.workspaceId, collaborator_id: collaborator.id, code, expires_at: null, created_at: flow.now }).execute();
  const updated = await flow.trx
    .updateTable('collaborator_submissions')
    .set({ status: 'approved', collaborator_id: collaborator.id, updated_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', submission.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await flow.dispatcher.dispatch('CollaboratorAccountReady', { submissionId: submission.id, collaboratorId: collaborator.id, referralCode: code });
  return { submission: updated, referralCode: code };
}

/**
 * System events: CollaboratorSubmissionReceived (mutable: a listener may edit the application or
 * decide it) → CollaboratorAccountReady when it ends approved. The row is stored first so the
 * event carries its id; it is then updated with what the listeners left.
 */
export async function receiveSubmission(flow: FlowContext, input: SubmissionInput): Promise<SubmissionOutcome> {
  const row = await flow.trx
    .insertInto('collaborator_submissions')
    .values({
      workspace_id: flow.workspaceId,
      name: input.name,
      email: input.email,
      user_id: input.userId,
      code: input.code,
      fields: JSON.stringify(input.fields),
      status: 'pending',
      reason: null,
      collaborator_id: null,
      inbound_event_id: flow.inboundEventId,
      created_at: flow.now,
      updated_at: flow.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const final = await flow.dispatcher.dispatch('CollaboratorSubmissionReceived', {
    submissionId: row.id,
    name: input.name,
    email: input.email,
    userId: input.userId,
    code: input.code,
    fields: input.fields,
    decision: input.decision,
    reason: null,
  });
  const status: SubmissionStatus = final.decision === 'approved' || final.decision === 'rejected' ? final.decision : 'pending';
  const stored = await flow.trx
    .updateTable('collaborator_submissions')
    .set({
      name: String(final.name).slice(0, 200) || input.name,
      email: final.email ?? null,
      user_id: final.userId ?? null,
      // A listener's code that is not a valid code is dropped; approval then generates one.
      code: typeof final.code === 'string' && CODE.test(final.code) ? final.code : null,
      fields: JSON.stringify(final.fields ?? {}),
      status: status === 'approved' ? 'pending' : status,
      reason: final.reason ?? null,
      updated_at: flow.now,
    })
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (status === 'approved') return createAccount(flow, stored);
  return { submission: stored, referralCode: null };
}

/**
 * An admin decides a pending application: approve (CollaboratorAccountReady) or reject. Returns
 * undefined when the application is no longer pending; the row is locked by a no-op update first
 * so two concurrent decisions cannot both see it pending.
 */
export async function decideSubmission(flow: FlowContext, id: number, decision: 'approve' | 'reject', reason: string | null): Promise<SubmissionOutcome | undefined> {
  const locked = await flow.trx
    .updateTable('collaborator_submissions')
    .set({ updated_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (!locked) return undefined;
  if (decision === 'approve') return createAccount(flow, locked);
  const rejected = await flow.trx
    .updateTable('collaborator_submissions')
    .set({ status: 'rejected', reason, updated_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { submission: rejected, referralCode: null };
}
