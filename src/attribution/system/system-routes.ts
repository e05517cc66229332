import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeRoute, json, noContent, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { idPageQuery, pageOf } from '../api/api-schemas.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import { pathId, workspaceOf } from '../api/admin-scope.ts';
import { readIdPage, toIdPage } from '../api/id-pagination.ts';
import type { ActionRunner } from '../api/index.ts';
import { QueryReader, type Query } from '../api/query-params.ts';
import { readRecipeRequest, recipeBody } from './recipe-input.ts';
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

const submissionBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { ...adminProperties, user_id: userId, approve: { type: 'boolean' } },
};
const readSubmission = compileValidator<Record<string, unknown> & { approve?: boolean }>(submissionBody);
const rejectBody = { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } } };
const readReject = compileValidator<{ reason?: string }>(rejectBody);
const lessonIncentiveBody = {
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: { amount: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, currency: { type: 'string', format: 'currency' } },
};
const readLessonIncentive = compileValidator<{ amount: number; currency: string }>(lessonIncentiveBody);

const submissionSchema = {
  type: 'object',
  required: ['id', 'name', 'status', 'fields'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    email: { type: ['string', 'null'] },
    user_id: { type: ['string', 'null'] },
    code: { type: ['string', 'null'] },
    fields: { type: 'object' },
    status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
    reason: { type: ['string', 'null'] },
    collaborator_id: { type: ['integer', 'null'] },
    referral_code: { type: ['string', 'null'] },
    inbound_event_id: { type: ['string', 'null'] },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
};

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

  scope.post('/collaborator-submissions', describeRoute({
      operationId: 'createCollaboratorSubmission',
      summary: 'Submit a collaborator application',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      description: '`approve: true` approves it at once (creating the collaborator and a referral code).',
      body: submissionBody,
      response: { 201: json('The submission.', { ...submissionSchema, properties: { ...submissionSchema.properties, action_event_id: { type: 'string' } } }) },
    }), async (request, reply) => {
    const body = readSubmission(request.body ?? {});
    const { approve, user_id, ...rest } = body;
    let inboundEventId = '';
    const outcome = await engine.runAction(deps.db, workspaceOf(request), (flow) => {
      inboundEventId = flow.inboundEventId;
      return receiveSubmission(flow, submissionOf({ ...rest, userId: user_id }, approve ? 'approved' : 'pending'));
    });
    return reply.status(201).send({ ...toSubmissionResource(outcome.submission, outcome.referralCode), action_event_id: inboundEventId });
  });

  scope.get('/collaborator-submissions', describeRoute({
      operationId: 'listCollaboratorSubmissions',
      summary: 'List collaborator applications',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: idPageQuery({ status: { type: 'string', enum: ['pending', 'approved', 'rejected'] } }),
      response: { 200: json('A page of submissions.', pageOf(submissionSchema)) },
    }), async (request) => {
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

  scope.post('/collaborator-submissions/:submissionId/approve', describeRoute({
      operationId: 'approveCollaboratorSubmission',
      summary: 'Approve an application',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ submissionId: 'The submission id.' }),
      response: { 200: json('The submission, with the collaborator and referral code it created.', { ...submissionSchema, properties: { ...submissionSchema.properties, action_event_id: { type: 'string' } } }) },
    }), async (request) => decide(request, 'approve', null));
  scope.post('/collaborator-submissions/:submissionId/reject', describeRoute({
      operationId: 'rejectCollaboratorSubmission',
      summary: 'Reject an application',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ submissionId: 'The submission id.' }),
      body: rejectBody,
      response: { 200: json('The submission.', { ...submissionSchema, properties: { ...submissionSchema.properties, action_event_id: { type: 'string' } } }) },
    }), async (request) => decide(request, 'reject', readReject(request.body ?? {}).reason ?? null));

  const findProgram = async (request: FastifyRequest) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'programId', 'Program');
    const program = await db.selectFrom('attribution_programs').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (!program) throw AppError.notFound('Program');
    return { workspaceId, programId: program.id };
  };

  scope.put('/programs/:programId/lesson-incentive', describeRoute({
      operationId: 'setLessonIncentive',
      summary: 'Set a program\'s lesson incentive',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ programId: 'The program id.' }),
      body: lessonIncentiveBody,
      response: { 200: json('The incentive.', { type: 'object', required: ['program_id', 'amount', 'currency'], properties: { program_id: { type: 'integer' }, amount: { type: 'integer' }, currency: { type: 'string' } } }) },
    }), async (request) => {
    const input = readLessonIncentive(request.body ?? {});
    const { workspaceId, programId } = await findProgram(request);
    await db.transaction().execute((trx) => setLessonIncentive({ trx, workspaceId, now: Date.now() }, programId, input));
    return { program_id: programId, amount: input.amount, currency: input.currency };
  });

  scope.delete('/programs/:programId/lesson-incentive', describeRoute({
      operationId: 'deleteLessonIncentive',
      summary: 'Remove a program\'s lesson incentive',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ programId: 'The program id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    const { workspaceId, programId } = await findProgram(request);
    await db.deleteFrom('lesson_incentives').where('workspace_id', '=', workspaceId).where('program_id', '=', programId).execute();
    return reply.status(204).send();
  });

  scope.post('/recipes/apply', describeRoute({
      operationId: 'applyRecipe',
      summary: 'Apply a recipe (groups, programs, settings) at once',
      tags: ['System'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      description: 'All or nothing; `dry_run: true` answers the changes without making them.',
      body: recipeBody,
      response: { 200: json('The changes made (or that would be).', { type: 'object', required: ['dry_run', 'inbound_event_id', 'changes'], properties: { dry_run: { type: 'boolean' }, inbound_event_id: { type: ['string', 'null'] }, changes: {} } }) },
    }), async (request) => {
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
