import type { FastifyInstance } from 'fastify';
import { describeRoute, json, noContent, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { idPageQuery, pageOf, programSchema } from './api-schemas.ts';
import type { ProgramRow } from '../model/tables.ts';
import { pathId, workspaceOf } from './admin-scope.ts';
import { deleteUnlessReferenced } from './guarded-delete.ts';
import { createProgramBody, PROGRAM_DEFAULTS, programColumns, readProgramCreate, readProgramUpdate, updateProgramBody } from './program-input.ts';
import { toProgramResource } from './resources.ts';
import { activeInactivePage } from './status-list.ts';
import { getRow } from './rows.ts';
import type { Db } from '../../db/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

/** Programs: incentive rules, attribution window and model, trigger strategy, approval mode. */
export function registerProgramRoutes(scope: FastifyInstance, deps: Deps): void {
  const { db } = deps;

  scope.post('/programs', describeRoute({
      operationId: 'createProgram',
      summary: 'Create a program',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: createProgramBody,
      response: { 201: json('The program.', programSchema) },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const input = readProgramCreate(request.body);
    const now = Date.now();
    const row = await db.kysely
      .insertInto('attribution_programs')
      .values({
        ...PROGRAM_DEFAULTS,
        incentive_type: input.incentive.type,
        incentive_bps: null,
        incentive_amounts: null,
        ...programColumns(input),
        name: input.name,
        workspace_id: workspaceId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return reply.status(201).send(toProgramResource(row));
  });

  scope.get('/programs', describeRoute({
      operationId: 'listPrograms',
      summary: 'List programs',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: idPageQuery({ status: { type: 'string', enum: ['active', 'inactive'] } }),
      response: { 200: json('A page of programs, newest first.', pageOf(programSchema)) },
    }), (request) => activeInactivePage<ProgramRow>(db, 'attribution_programs', request, toProgramResource));

  scope.get('/programs/:programId', describeRoute({
      operationId: 'getProgram',
      summary: 'Get a program',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ programId: 'The program id.' }),
      response: { 200: json('The program.', programSchema) },
    }), async (request) => {
    const row = await getRow<ProgramRow>(db, 'attribution_programs', workspaceOf(request), pathId(request, 'programId', 'Program'), 'Program');
    return toProgramResource(row);
  });

  scope.patch('/programs/:programId', describeRoute({
      operationId: 'updateProgram',
      summary: 'Change a program',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ programId: 'The program id.' }),
      body: updateProgramBody,
      response: { 200: json('The program.', programSchema) },
    }), async (request) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'programId', 'Program');
    await getRow<ProgramRow>(db, 'attribution_programs', workspaceId, id, 'Program');
    const input = readProgramUpdate(request.body);
    const row = await db.kysely
      .updateTable('attribution_programs')
      .set({ ...programColumns(input), updated_at: Date.now() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toProgramResource(row);
  });

  scope.delete('/programs/:programId', describeRoute({
      operationId: 'deleteProgram',
      summary: 'Delete a program',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ programId: 'The program id.' }),
      description: 'Refused (409 `conflict`) once the program has engagements or conversions: set it inactive instead.',
      response: { 204: noContent },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'programId', 'Program');
    await getRow<ProgramRow>(db, 'attribution_programs', workspaceId, id, 'Program');
    // Engagements and conversions point at the program; deleting it would rewrite history.
    await deleteUnlessReferenced(
      db,
      async (trx) =>
        (await trx
          .selectFrom('engagements')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('program_id', '=', id)
          .union(trx.selectFrom('conversions').select('id').where('workspace_id', '=', workspaceId).where('program_id', '=', id))
          .limit(1)
          .executeTakeFirst()) !== undefined,
      async (trx) => {
        await trx.deleteFrom('attribution_programs').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
      },
      'The program has engagements or conversions; set its status to inactive instead.',
    );
    return reply.status(204).send();
  });
}
