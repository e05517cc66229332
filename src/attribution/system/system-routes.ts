import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import { pathId, workspaceOf } from '../api/admin-scope.ts';
import { readIdPage, toIdPage } from '../api/id-pagination.ts';
import type { ActionRunner } from '../api/index.ts';
import { QueryReader, type Query } from '../api/query-params.ts';
import { readRecipeRequest } from './recipe-input.ts';
import { applyRecipe, RecipeDryRun, setLessonIncentive } from './recipes.ts';
import { SUBMISSION_PROPERTIES, submissionOf } from './submission-input.ts';
import { decideSubmission, receiveSubmission, type SubmissionOutcome } from './submissions.ts';
import type { CollaboratorSubmissionRow } from './tables.ts';
import type { Db } from '../../db/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

const { userId, ...adminProperties } = SUBMISSION_PROPERTIES;

const readSubmission = compileValidator<Record<string, unknown> & { approve?: boolean }>({
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { ...adminProperties, user_id: userId, approve: { type: 'boolean' } },
});
const readReject = compileValidator<{ reason?: string }>({ type: 'object', additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } } });
const readLessonIncentive = compileValidator<{ amount: number; currency: string }>({
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: { amount: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, currency: { type: 'string', format: 'currency' } },
});

function toSubmissionResource(row: CollaboratorSubmissionRow, referralCode: string | null = null) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    user_id: row.user_id,
    code: row.code,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    status: row.status,
    reason: row.reason,
    collaborator_id: row.collaborator_id,
    referral_code: referralCode,
    inbound_event_id: row.inbound_event_id,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

/**
 * System events under `/api/v1/workspaces/{id}`: collaborator applications (submit, list,
 * approve, reject), a program's lesson incentive, and recipes. Writes run as engine actions: one
 * transaction, domain events logged under the `inbound_event_id` the answer carries.
 */
export function registerSystemRoutes(scope: FastifyInstance, deps: Deps, engine: ActionRunner): void {
  const db = deps.db.kysely;

  scope.post('/collaborator-submissions', async (request, reply) => {
    const body = readSubmission(request.body ?? {});
    const { approve, user_id, ...rest } = body;
    let inboundEventId = '';
    const outcome = await engine.runAction(deps.db, workspaceOf(request), (flow) => {
      inboundEventId = flow.inboundEventId;
      return receiveSubmission(flow, submissionOf({ ...rest, userId: user_id }, approve ? 'approved' : 'pending'));
    });
    return reply.status(201).send({ ...toSubmissionResource(outcome.submission, outcome.referralCode), action_event_id: inboundEventId });
  });

  scope.get('/collaborator-submissions', async (request) => {
    const query = request.query as Query;
    const page = readIdPage(query);
    const reader = new QueryReader(query);
    const status = reader.oneOf('status', ['pending', 'approved', 'rejected'] as const);
    reader.rejectUnknown(['limit', 'cursor', 'status']);
    reader.done();
    let select = db.selectFrom('collaborator_submissions').selectAll().where('workspace_id', '=', workspaceOf(request));
    if (status !== undefined) select = select.where('status', '=', status);
    if (page.before !== undefined) select = select.where('id', '<', page.before);
    return toIdPage(await select.orderBy('id', 'desc').limit(page.limit + 1).execute(), page, (row) => toSubmissionResource(row));
  });

  const decide = async (request: FastifyRequest, decision: 'approve' | 'reject', reason: string | null) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'submissionId', 'Collaborator submission');
    const existing = await db.selectFrom('collaborator_submissions').select('status').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (!existing) throw AppError.notFound('Collaborator submission');
    let inboundEventId = '';
    const outcome: SubmissionOutcome | undefined = await engine.runAction(deps.db, workspaceId, (flow) => {
      inboundEventId = flow.inboundEventId;
      return decideSubmission(flow, id, decision, reason);
    });
    if (!outcome) throw new AppError('conflict', `The submission is ${existing.status}, not pending.`, { data: { submission_id: id, status: existing.status } });
    return { ...toSubmissionResource(outcome.submission, outcome.referralCode), action_event_id: inboundEventId };
  };

  scope.post('/collaborator-submissions/:submissionId/approve', async (request) => decide(request, 'approve', null));
  scope.post('/collaborator-submissions/:submissionId/reject', async (request) => decide(request, 'reject', readReject(request.body ?? {}).reason ?? null));

  const findProgram = async (request: FastifyRequest) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'programId', 'Program');
    const program = await db.selectFrom('attribution_programs').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (!program) throw AppError.notFound('Program');
    return { workspaceId, programId: program.id };
  };

  scope.put('/programs/:programId/lesson-incentive', async (request) => {
    const input = readLessonIncentive(request.body ?? {});
    const { workspaceId, programId } = await findProgram(request);
    await db.transaction().execute((trx) => setLessonIncentive({ trx, workspaceId, now: Date.now() }, programId, input));
    return { program_id: programId, amount: input.amount, currency: input.currency };
  });

  scope.delete('/programs/:programId/lesson-incentive', async (request, reply) => {
    const { workspaceId, programId } = await findProgram(request);
    await db.deleteFrom('lesson_incentives').where('workspace_id', '=', workspaceId).where('program_id', '=', programId).execute();
    return reply.status(204).send();
  });

  scope.post('/recipes/apply', async (request) => {
    const recipe = readRecipeRequest(request.body);
    let inboundEventId = '';
    try {
      const changes = await engine.runAction(deps.db, workspaceOf(request), (flow) => {
        inboundEventId = flow.inboundEventId;
        return applyRecipe(flow, recipe);
      });
      return { dry_run: false, inbound_event_id: inboundEventId, changes };
    } catch (error) {
      if (error instanceof RecipeDryRun) return { dry_run: true, inbound_event_id: null, changes: error.changes };
      throw error;
    }
  });
}
