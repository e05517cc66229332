import type { FastifyInstance } from 'fastify';
import { describeRoute, json, noContent, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { collaboratorSchema, idPageQuery, pageOf, referralCodeSchema } from './api-schemas.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import type { CollaboratorRow, CollaboratorStatus, ReferralCodeRow } from '../model/tables.ts';
import { pathId, workspaceOf } from './admin-scope.ts';
import { deleteUnlessReferenced } from './guarded-delete.ts';
import { CODE_PATTERN, generateCode, insertUnique } from './codes.ts';
import { readIdPage, toIdPage } from './id-pagination.ts';
import { QueryReader, type Query } from './query-params.ts';
import { toCollaboratorResource, toReferralCodeResource } from './resources.ts';
import { getRow, listRows } from './rows.ts';
import type { Db } from '../../db/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

const STATUSES = ['active', 'pending', 'inactive', 'banned'] as const satisfies readonly CollaboratorStatus[];

interface CollaboratorInput {
  name?: string;
  email?: string | null;
  user_id?: string | null;
  status?: CollaboratorStatus;
}

const properties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  email: { type: ['string', 'null'], maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' },
  user_id: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
  status: { enum: STATUSES },
};
const createBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties,
  examples: [{ name: 'Ada Lovelace', email: 'ada@example.com' }],
};
const updateBody = { type: 'object', additionalProperties: false, properties };
const codeBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: CODE_PATTERN, description: 'Generated when left out.' },
    expires_at: { type: ['string', 'null'], minLength: 1, description: 'ISO-8601; null or absent: never.' },
  },
};
const readCreate = compileValidator<CollaboratorInput & { name: string }>(createBody);
const readUpdate = compileValidator<CollaboratorInput>(updateBody);
const readCodeCreate = compileValidator<{ code?: string; expires_at?: string | null }>(codeBody);

function expiryOf(value: string | null | undefined): number | null {
  if (value === undefined || value === null) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw AppError.validation([{ field: 'expires_at', message: 'must be an ISO-8601 date-time' }]);
  return ms;
}

/** Collaborators (partners) and their referral codes. */
export function registerCollaboratorRoutes(scope: FastifyInstance, deps: Deps): void {
  const { db } = deps;
  const collaborator = (workspaceId: string, id: number) => getRow<CollaboratorRow>(db, 'collaborators', workspaceId, id, 'Collaborator');

  scope.post('/collaborators', describeRoute({
      operationId: 'createCollaborator',
      summary: 'Create a collaborator',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: createBody,
      response: { 201: json('The collaborator.', collaboratorSchema) },
    }), async (request, reply) => {
    const input = readCreate(request.body ?? {});
    const now = Date.now();
    const row = await db.kysely
      .insertInto('collaborators')
      .values({
        workspace_id: workspaceOf(request),
        name: input.name,
        email: input.email ?? null,
        user_id: input.user_id ?? null,
        status: input.status ?? 'active',
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return reply.status(201).send(toCollaboratorResource(row));
  });

  scope.get('/collaborators', describeRoute({
      operationId: 'listCollaborators',
      summary: 'List collaborators',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: idPageQuery({ status: { type: 'string', enum: [...STATUSES] }, email: { type: 'string' } }),
      response: { 200: json('A page of collaborators.', pageOf(collaboratorSchema)) },
    }), async (request) => {
    const query = request.query as Query;
    const page = readIdPage(query);
    const reader = new QueryReader(query);
    const filters = { status: reader.oneOf('status', STATUSES), email: reader.text('email') };
    reader.rejectUnknown(['limit', 'cursor', 'status', 'email']);
    reader.done();
    return toIdPage(await listRows<CollaboratorRow>(db, 'collaborators', workspaceOf(request), filters, page), page, toCollaboratorResource);
  });

  scope.get('/collaborators/:collaboratorId', describeRoute({
      operationId: 'getCollaborator',
      summary: 'Get a collaborator',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ collaboratorId: 'The collaborator id.' }),
      response: { 200: json('The collaborator.', collaboratorSchema) },
    }), async (request) =>
    toCollaboratorResource(await collaborator(workspaceOf(request), pathId(request, 'collaboratorId', 'Collaborator'))),
  );

  scope.patch('/collaborators/:collaboratorId', describeRoute({
      operationId: 'updateCollaborator',
      summary: 'Change a collaborator',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ collaboratorId: 'The collaborator id.' }),
      body: updateBody,
      response: { 200: json('The collaborator.', collaboratorSchema) },
    }), async (request) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'collaboratorId', 'Collaborator');
    await collaborator(workspaceId, id);
    const input = readUpdate(request.body ?? {});
    const row = await db.kysely
      .updateTable('collaborators')
      .set({ ...input, updated_at: Date.now() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCollaboratorResource(row);
  });

  scope.delete('/collaborators/:collaboratorId', describeRoute({
      operationId: 'deleteCollaborator',
      summary: 'Delete a collaborator',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ collaboratorId: 'The collaborator id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'collaboratorId', 'Collaborator');
    await collaborator(workspaceId, id);
    // What a collaborator referred, earned or was paid is history the ledger must keep.
    await deleteUnlessReferenced(
      db,
      async (trx) =>
        (await trx
          .selectFrom('opportunities')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('collaborator_id', '=', id)
          .union(trx.selectFrom('conversions').select('id').where('workspace_id', '=', workspaceId).where('collaborator_id', '=', id))
          .union(trx.selectFrom('obligations').select('id').where('workspace_id', '=', workspaceId).where('collaborator_id', '=', id))
          .union(trx.selectFrom('payouts').select('id').where('workspace_id', '=', workspaceId).where('collaborator_id', '=', id))
          .limit(1)
          .executeTakeFirst()) !== undefined,
      async (trx) => {
        await trx.deleteFrom('referral_codes').where('workspace_id', '=', workspaceId).where('collaborator_id', '=', id).execute();
        await trx.deleteFrom('coupons').where('workspace_id', '=', workspaceId).where('collaborator_id', '=', id).execute();
        await trx.deleteFrom('collaborator_addresses').where('workspace_id', '=', workspaceId).where('collaborator_id', '=', id).execute();
        await trx.deleteFrom('collaborators').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
      },
      'The collaborator has referrals, earnings or payouts; set their status to inactive instead.',
    );
    return reply.status(204).send();
  });

  scope.post('/collaborators/:collaboratorId/referral-codes', describeRoute({
      operationId: 'createReferralCode',
      summary: 'Give a collaborator a referral code',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ collaboratorId: 'The collaborator id.' }),
      body: codeBody,
      response: { 201: json('The code.', referralCodeSchema) },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const owner = await collaborator(workspaceId, pathId(request, 'collaboratorId', 'Collaborator'));
    const input = readCodeCreate(request.body ?? {});
    const code = input.code ?? generateCode();
    const expiresAt = expiryOf(input.expires_at);
    const row = await insertUnique(db, 'referral_codes', workspaceId, code, () =>
      db.kysely
        .insertInto('referral_codes')
        .values({ workspace_id: workspaceId, collaborator_id: owner.id, code, expires_at: expiresAt, created_at: Date.now() })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return reply.status(201).send(toReferralCodeResource(row));
  });

  scope.get('/collaborators/:collaboratorId/referral-codes', describeRoute({
      operationId: 'listReferralCodes',
      summary: 'List a collaborator\'s referral codes',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ collaboratorId: 'The collaborator id.' }),
      querystring: idPageQuery(),
      response: { 200: json('A page of codes.', pageOf(referralCodeSchema)) },
    }), async (request) => {
    const workspaceId = workspaceOf(request);
    const owner = await collaborator(workspaceId, pathId(request, 'collaboratorId', 'Collaborator'));
    const query = request.query as Query;
    const page = readIdPage(query);
    const reader = new QueryReader(query);
    reader.rejectUnknown(['limit', 'cursor']);
    reader.done();
    const rows = await listRows<ReferralCodeRow>(db, 'referral_codes', workspaceId, { collaborator_id: owner.id }, page);
    return toIdPage(rows, page, toReferralCodeResource);
  });

  scope.delete('/collaborators/:collaboratorId/referral-codes/:codeId', describeRoute({
      operationId: 'deleteReferralCode',
      summary: 'Delete a referral code',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ collaboratorId: 'The collaborator id.', codeId: 'The code id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const owner = await collaborator(workspaceId, pathId(request, 'collaboratorId', 'Collaborator'));
    const codeId = pathId(request, 'codeId', 'Referral code');
    const deleted = await db.kysely
      .deleteFrom('referral_codes')
      .where('workspace_id', '=', workspaceId)
      .where('collaborator_id', '=', owner.id)
      .where('id', '=', codeId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw AppError.notFound('Referral code');
    return reply.status(204).send();
  });
}
