import type { FastifyInstance } from 'fastify';
import { describeRoute, json, noContent, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { groupSchema, idPageQuery, pageOf } from './api-schemas.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { isoOrNull } from '../../lib/time.ts';
import type { ProgramGroupRow } from '../model/tables.ts';
import { pathId, workspaceOf } from './admin-scope.ts';
import { deleteUnlessReferenced } from './guarded-delete.ts';
import { readIdPage } from './id-pagination.ts';
import { createGroupBody, groupMemberBody, readGroupBody, readMemberBody, updateGroupBody, type GroupMemberInput } from './program-group-input.ts';
import { QueryReader, type Query } from './query-params.ts';
import type { Db } from '../../db/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

type Trx = Kysely<Database>;

async function findGroup(db: Trx, workspaceId: string, id: number): Promise<ProgramGroupRow> {
  const row = await db.selectFrom('program_groups').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('Program group');
  return row;
}

/** The group with its members, in the order the `priority` strategy ranks them. */
async function toGroupResource(db: Trx, group: ProgramGroupRow) {
  const members = await db
    .selectFrom('attribution_programs')
    .select(['id', 'name', 'status', 'group_priority'])
    .where('workspace_id', '=', group.workspace_id)
    .where('group_id', '=', group.id)
    .execute();
  const rank = (p: number | null) => p ?? Number.MAX_SAFE_INTEGER;
  members.sort((a, b) => rank(a.group_priority) - rank(b.group_priority) || a.id - b.id);
  return {
    id: group.id,
    name: group.name,
    strategy: group.strategy,
    programs: members.map((m) => ({ program_id: m.id, name: m.name, status: m.status, priority: m.group_priority })),
    created_at: isoOrNull(group.created_at),
    updated_at: isoOrNull(group.updated_at),
  };
}

/** Makes `members` the group's programs: others leave it, named ones join (moving from any other group). */
async function setMembers(trx: Trx, workspaceId: string, groupId: number, members: GroupMemberInput[], now: number): Promise<void> {
  let leaving = trx.updateTable('attribution_programs').set({ group_id: null, group_priority: null, updated_at: now }).where('workspace_id', '=', workspaceId).where('group_id', '=', groupId);
  if (members.length > 0) leaving = leaving.where('id', 'not in', members.map((m) => m.program_id));
  await leaving.execute();
  for (const member of members) await assign(trx, workspaceId, groupId, member, now);
}

async function assign(trx: Trx, workspaceId: string, groupId: number, member: GroupMemberInput, now: number): Promise<void> {
  await trx
    .updateTable('attribution_programs')
    .set({ group_id: groupId, group_priority: member.priority, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', member.program_id)
    .execute();
}

/**
 * Program groups: mutually exclusive programs and the strategy that picks the one that awards a
 * sale (see flows/program-groups.ts). A program belongs to at most one group; naming it in
 * another group moves it.
 */
export function registerProgramGroupRoutes(scope: FastifyInstance, deps: Deps): void {
  const { db } = deps;

  scope.post('/program-groups', describeRoute({
      operationId: 'createProgramGroup',
      summary: 'Create a program group',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      description: 'Programs in a group are mutually exclusive; `strategy` picks the one that attributes.',
      body: createGroupBody,
      response: { 201: json('The group with its programs.', groupSchema) },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const input = await readGroupBody(db.kysely, workspaceId, request.body, 'create');
    const now = Date.now();
    const group = await db.kysely.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('program_groups')
        .values({ workspace_id: workspaceId, name: input.name!, strategy: input.strategy!, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      for (const member of input.programs ?? []) await assign(trx, workspaceId, row.id, member, now);
      return row;
    });
    return reply.status(201).send(await toGroupResource(db.kysely, group));
  });

  scope.get('/program-groups', describeRoute({
      operationId: 'listProgramGroups',
      summary: 'List program groups',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: idPageQuery(),
      response: { 200: json('A page of groups.', pageOf(groupSchema)) },
    }), async (request) => {
    const query = request.query as Query;
    const page = readIdPage(query);
    const reader = new QueryReader(query);
    reader.rejectUnknown(['limit', 'cursor']);
    reader.done();
    const workspaceId = workspaceOf(request);
    let select = db.kysely.selectFrom('program_groups').selectAll().where('workspace_id', '=', workspaceId);
    if (page.before !== undefined) select = select.where('id', '<', page.before);
    const rows = await select.orderBy('id', 'desc').limit(page.limit + 1).execute();
    const hasMore = rows.length > page.limit;
    const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
    const data = [];
    for (const row of pageRows) data.push(await toGroupResource(db.kysely, row));
    return { data, has_more: hasMore, next_cursor: hasMore ? String(pageRows[pageRows.length - 1]!.id) : null };
  });

  scope.get('/program-groups/:groupId', describeRoute({
      operationId: 'getProgramGroup',
      summary: 'Get a program group',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ groupId: 'The program group id.' }),
      response: { 200: json('The group.', groupSchema) },
    }), async (request) => {
    const group = await findGroup(db.kysely, workspaceOf(request), pathId(request, 'groupId', 'Program group'));
    return toGroupResource(db.kysely, group);
  });

  scope.patch('/program-groups/:groupId', describeRoute({
      operationId: 'updateProgramGroup',
      summary: 'Change a program group',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ groupId: 'The program group id.' }),
      body: updateGroupBody,
      response: { 200: json('The group.', groupSchema) },
    }), async (request) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'groupId', 'Program group');
    await findGroup(db.kysely, workspaceId, id);
    const input = await readGroupBody(db.kysely, workspaceId, request.body, 'update');
    const now = Date.now();
    const group = await db.kysely.transaction().execute(async (trx) => {
      const columns = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.strategy !== undefined ? { strategy: input.strategy } : {}) };
      await trx.updateTable('program_groups').set({ ...columns, updated_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
      if (input.programs !== undefined) await setMembers(trx, workspaceId, id, input.programs, now);
      return findGroup(trx, workspaceId, id);
    });
    return toGroupResource(db.kysely, group);
  });

  scope.delete('/program-groups/:groupId', describeRoute({
      operationId: 'deleteProgramGroup',
      summary: 'Delete a program group',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ groupId: 'The program group id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'groupId', 'Program group');
    await findGroup(db.kysely, workspaceId, id);
    // Its decisions (which program won which sale) point at the group; deleting it would orphan them.
    await deleteUnlessReferenced(
      db,
      async (trx) => (await trx.selectFrom('program_group_resolutions').select('id').where('workspace_id', '=', workspaceId).where('group_id', '=', id).limit(1).executeTakeFirst()) !== undefined,
      async (trx) => {
        await setMembers(trx, workspaceId, id, [], Date.now());
        await trx.deleteFrom('program_groups').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
      },
      'The program group has decided conversions; remove its programs from it instead.',
    );
    return reply.status(204).send();
  });

  scope.put('/program-groups/:groupId/programs/:programId', describeRoute({
      operationId: 'addProgramToGroup',
      summary: 'Put a program in a group',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ groupId: 'The program group id.', programId: 'The program id.' }),
      body: groupMemberBody,
      response: { 200: json('The group.', groupSchema) },
    }), async (request) => {
    const workspaceId = workspaceOf(request);
    const groupId = pathId(request, 'groupId', 'Program group');
    const programId = pathId(request, 'programId', 'Program');
    await findGroup(db.kysely, workspaceId, groupId);
    const program = await db.kysely.selectFrom('attribution_programs').select('id').where('workspace_id', '=', workspaceId).where('id', '=', programId).executeTakeFirst();
    if (!program) throw AppError.notFound('Program');
    const { priority } = readMemberBody(request.body);
    await assign(db.kysely, workspaceId, groupId, { program_id: programId, priority }, Date.now());
    return toGroupResource(db.kysely, await findGroup(db.kysely, workspaceId, groupId));
  });

  scope.delete('/program-groups/:groupId/programs/:programId', describeRoute({
      operationId: 'removeProgramFromGroup',
      summary: 'Take a program out of a group',
      tags: ['Programs'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ groupId: 'The program group id.', programId: 'The program id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const groupId = pathId(request, 'groupId', 'Program group');
    const programId = pathId(request, 'programId', 'Program');
    await findGroup(db.kysely, workspaceId, groupId);
    const removed = await db.kysely
      .updateTable('attribution_programs')
      .set({ group_id: null, group_priority: null, updated_at: Date.now() })
      .where('workspace_id', '=', workspaceId)
      .where('group_id', '=', groupId)
      .where('id', '=', programId)
      .executeTakeFirst();
    if (Number(removed.numUpdatedRows) === 0) throw AppError.notFound('Program in this group');
    return reply.status(204).send();
  });
}
