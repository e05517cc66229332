import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import { isoOrNull } from '../../lib/time.ts';
import { pathId, workspaceOf } from '../api/admin-scope.ts';
import type { ActionRunner } from '../api/conversion-review.ts';
import { readIdPage, toIdPage } from '../api/id-pagination.ts';
import { QueryReader, type Query } from '../api/query-params.ts';
import { getRow, listRows } from '../api/rows.ts';
import { toConversionResource } from '../api/resources.ts';
import type { CollaboratorRow, ProgramRow } from '../model/tables.ts';
import { cameFromForm, settleApplication } from './applications.ts';
import { releaseDueHoldsEverywhere } from './hold-release.ts';
import { portalUrl } from './partner-sessions.ts';
import { conversionSchema } from '../api/api-schemas.ts';
import { describeRoute, json, pageOf, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { createEnrollmentBody, decidedEnrollmentSchema, enrollmentListQuery, enrollmentSchema, fraudReviewQuery, updateEnrollmentBody } from './api-schemas.ts';
import type { EnrollmentStatus, ProgramEnrollmentRow } from './tables.ts';

interface Deps {
  readonly db: Db;
  /** Where the portal is reached (`PUBLIC_URL`), for the login link sent when an application is approved. */
  readonly publicUrl: string | undefined;
}

const STATUSES = ['applied', 'invited', 'approved', 'rejected', 'removed'] as const satisfies readonly EnrollmentStatus[];

/** Which statuses each status may move to; the same status again is a no-op. */
const NEXT: Record<EnrollmentStatus, readonly EnrollmentStatus[]> = {
  applied: ['approved', 'rejected'],
  invited: ['approved', 'removed'],
  approved: ['removed'],
  rejected: ['approved'],
  removed: ['approved', 'invited'],
};

const readCreate = compileValidator<{ collaborator_id: number; status?: 'applied' | 'invited' | 'approved' }>(createEnrollmentBody);

const readUpdate = compileValidator<{ status: EnrollmentStatus }>(updateEnrollmentBody);

export function toEnrollmentResource(row: ProgramEnrollmentRow) {
  return {
    id: row.id,
    program_id: row.program_id,
    collaborator_id: row.collaborator_id,
    status: row.status,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}

/**
 * Enrollments under `/api/v1/workspaces/{id}`: who takes part in a program whose `enrollment` is
 * `approval` (collaborators apply, an admin approves) or `invite` (an admin invites, then
 * approves). In an `open` program every active collaborator earns, enrolled or not; its
 * enrollments are kept (they matter again if the program closes). Also
 * `POST …/obligations/release-holds`: release every hold whose period has ended, now.
 */
export function registerPartnerProgramRoutes(scope: FastifyInstance, deps: Deps, engine: ActionRunner): void {
  const { db } = deps;
  const program = (workspaceId: string, id: number) => getRow<ProgramRow>(db, 'attribution_programs', workspaceId, id, 'Program');
  const enrollment = async (workspaceId: string, programId: number, id: number) => {
    const row = await db.kysely
      .selectFrom('program_enrollments')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('program_id', '=', programId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw AppError.notFound('Enrollment');
    return row;
  };

  const list = async (workspaceId: string, query: Query, where: { program_id?: number; collaborator_id?: number }) => {
    const reader = new QueryReader(query);
    const status = reader.oneOf('status', STATUSES);
    const collaboratorId = where.collaborator_id ?? reader.id('collaborator_id');
    reader.rejectUnknown(where.collaborator_id === undefined ? ['status', 'collaborator_id', 'limit', 'cursor'] : ['status', 'limit', 'cursor']);
    reader.done();
    const page = readIdPage(query);
    const rows = await listRows<ProgramEnrollmentRow>(db, 'program_enrollments', workspaceId, { program_id: where.program_id, collaborator_id: collaboratorId, status }, page);
    return toIdPage(rows, page, toEnrollmentResource);
  };

  scope.get<{ Querystring: Query }>('/programs/:programId/enrollments', describeRoute({
    operationId: 'listProgramEnrollments',
    summary: 'List a program\'s enrollments',
    tags: ['Partner programs'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams({ programId: 'The program id.' }),
    querystring: enrollmentListQuery(true),
    response: { 200: json('One page of enrollments, newest first.', pageOf(enrollmentSchema)) },
  }), async (request) => {
    const workspaceId = workspaceOf(request);
    const programId = pathId(request, 'programId', 'Program');
    await program(workspaceId, programId);
    return list(workspaceId, request.query, { program_id: programId });
  });

  scope.get<{ Querystring: Query }>('/collaborators/:collaboratorId/enrollments', describeRoute({
    operationId: 'listCollaboratorEnrollments',
    summary: 'List a collaborator\'s enrollments',
    tags: ['Partner programs'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams({ collaboratorId: 'The collaborator id.' }),
    querystring: enrollmentListQuery(false),
    response: { 200: json('One page of enrollments, newest first.', pageOf(enrollmentSchema)) },
  }), async (request) => {
    const workspaceId = workspaceOf(request);
    const collaboratorId = pathId(request, 'collaboratorId', 'Collaborator');
    await getRow<CollaboratorRow>(db, 'collaborators', workspaceId, collaboratorId, 'Collaborator');
    return list(workspaceId, request.query, { collaborator_id: collaboratorId });
  });

  scope.post('/programs/:programId/enrollments', describeRoute({
    operationId: 'createEnrollment',
    summary: 'Enroll, invite or add an applicant to a program',
    tags: ['Partner programs'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams({ programId: 'The program id.' }),
    body: createEnrollmentBody,
    response: { 201: json('The enrollment.', enrollmentSchema) },
  }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const programId = pathId(request, 'programId', 'Program');
    const input = readCreate(request.body ?? {});
    const target = await program(workspaceId, programId);
    const collaborator = await db.kysely
      .selectFrom('collaborators')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.collaborator_id)
      .executeTakeFirst();
    if (!collaborator) throw AppError.validation([{ field: 'collaborator_id', message: 'is not a collaborator of this workspace' }]);
    // An invite program's admin invites; elsewhere adding someone by hand enrolls them.
    const status = input.status ?? (target.enrollment === 'invite' ? 'invited' : 'approved');
    const now = engine.clock.now();
    const inserted = await db.kysely
      .insertInto('program_enrollments')
      .values({ workspace_id: workspaceId, program_id: programId, collaborator_id: input.collaborator_id, status, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['workspace_id', 'program_id', 'collaborator_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      throw new AppError('conflict', 'The collaborator already has an enrollment in this program; change its status instead.', {
        data: { fields: [{ field: 'collaborator_id', message: 'is already enrolled (PATCH the enrollment to change its status)' }] },
      });
    }
    return reply.status(201).send(toEnrollmentResource(inserted));
  });

  scope.patch('/programs/:programId/enrollments/:enrollmentId', describeRoute({
    operationId: 'updateEnrollment',
    summary: 'Approve, reject or remove an enrollment',
    tags: ['Partner programs'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams({ programId: 'The program id.', enrollmentId: 'The enrollment id.' }),
    description: 'Approving an application from the portal\'s sign-up form also activates the applicant\'s account and sends them a login link (see docs/partner-portal.md).',
    body: updateEnrollmentBody,
    response: { 200: json('The enrollment.', decidedEnrollmentSchema) },
  }), async (request) => {
    const workspaceId = workspaceOf(request);
    const programId = pathId(request, 'programId', 'Program');
    const id = pathId(request, 'enrollmentId', 'Enrollment');
    const input = readUpdate(request.body ?? {});
    await program(workspaceId, programId);
    const current = await enrollment(workspaceId, programId, id);
    if (current.status === input.status) return toEnrollmentResource(current);
    if (!NEXT[current.status].includes(input.status)) {
      throw new AppError('conflict', `An enrollment that is ${current.status} cannot become ${input.status}.`, {
        data: { fields: [{ field: 'status', message: `must be one of ${NEXT[current.status].join(', ')} from ${current.status}` }] },
      });
    }
    // Guarded on the status read: a concurrent change makes this one a conflict, not an overwrite.
    const move = async (trx: Kysely<Database>, now: number) => {
      const updated = await trx
        .updateTable('program_enrollments')
        .set({ status: input.status, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('status', '=', current.status)
        .returningAll()
        .executeTakeFirst();
      if (!updated) throw new AppError('conflict', 'The enrollment changed meanwhile; read it again.');
      return updated;
    };
    // Deciding an application (applied, or rejected and reconsidered), not re-admitting a removed partner.
    const decidesApplication = (current.status === 'applied' || current.status === 'rejected') && (input.status === 'approved' || input.status === 'rejected');
    if (!decidesApplication || !(await cameFromForm({ trx: db.kysely, workspaceId }, current))) return toEnrollmentResource(await move(db.kysely, engine.clock.now()));
    // An application from the portal's sign-up form: the applicant's account and login link go with the decision, in one action.
    const { updated, loginLink } = await engine.runAction(db, workspaceId, async (flow) => {
      const moved = await move(flow.trx, flow.now);
      return { updated: moved, loginLink: await settleApplication(flow, moved, portalUrl(deps.publicUrl, request)) };
    });
    return { ...toEnrollmentResource(updated), ...(loginLink ? { login_link: loginLink } : {}) };
  });

  // The fraud review queue: flagged conversions awaiting an admin (oldest first, as a queue is worked).
  scope.get<{ Querystring: Query }>('/fraud-review', describeRoute({
    operationId: 'listFraudReview',
    summary: 'List conversions flagged by fraud rules, awaiting review',
    tags: ['Partner programs'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams(),
    querystring: fraudReviewQuery,
    response: { 200: json('One page of flagged conversions, newest first.', pageOf(conversionSchema)) },
  }), async (request) => {
    const workspaceId = workspaceOf(request);
    const reader = new QueryReader(request.query);
    const programId = reader.id('program_id');
    const collaboratorId = reader.id('collaborator_id');
    reader.rejectUnknown(['program_id', 'collaborator_id', 'limit', 'cursor']);
    reader.done();
    const page = readIdPage(request.query);
    let rows = db.kysely
      .selectFrom('conversions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'pending')
      .where('fraud_reasons', 'is not', null);
    if (programId !== undefined) rows = rows.where('program_id', '=', programId);
    if (collaboratorId !== undefined) rows = rows.where('collaborator_id', '=', collaboratorId);
    if (page.before !== undefined) rows = rows.where('id', '<', page.before);
    return toIdPage(await rows.orderBy('id', 'desc').limit(page.limit + 1).execute(), page, toConversionResource);
  });

  scope.post('/obligations/release-holds', describeRoute({
    operationId: 'releaseHolds',
    summary: 'Release every hold whose period has ended, now',
    tags: ['Partner programs'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams(),
    response: { 200: json('How many obligations became payable.', { type: 'object', required: ['released'], properties: { released: { type: 'integer' } } }) },
  }), async (request) => {
    const released = await releaseDueHoldsEverywhere(db, engine, workspaceOf(request));
    return { released };
  });
}
