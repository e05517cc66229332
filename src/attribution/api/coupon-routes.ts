import type { FastifyInstance } from 'fastify';
import { describeRoute, json, noContent, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { couponSchema, idPageQuery, pageOf } from './api-schemas.ts';
import { ROW_ID_SCHEMA, type Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { compileValidator } from '../../http/validate.ts';
import type { CouponRow } from '../model/tables.ts';
import { pathId, workspaceOf } from './admin-scope.ts';
import { CODE_PATTERN, insertUnique } from './codes.ts';
import { readIdPage, toIdPage } from './id-pagination.ts';
import { QueryReader, type Query } from './query-params.ts';
import { toCouponResource } from './resources.ts';
import { getRow, listRows } from './rows.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

const createBody = {
  type: 'object',
  examples: [{ code: 'ADA10', collaborator_id: 1 }],
  required: ['code', 'collaborator_id'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: CODE_PATTERN },
    collaborator_id: ROW_ID_SCHEMA,
    status: { enum: ['active', 'inactive'] },
  },
};
const readCreate = compileValidator<{ code: string; collaborator_id: number; status?: 'active' | 'inactive' }>(createBody);

/** Coupons: a checkout code that credits its collaborator even without a referral visit. */
export function registerCouponRoutes(scope: FastifyInstance, deps: Deps): void {
  const { db } = deps;

  scope.post('/coupons', describeRoute({
      operationId: 'createCoupon',
      summary: 'Create a coupon',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: createBody,
      response: { 201: json('The coupon.', couponSchema) },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const input = readCreate(request.body ?? {});
    const owner = await db.kysely
      .selectFrom('collaborators')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.collaborator_id)
      .executeTakeFirst();
    // A body field naming a missing (or another workspace's) collaborator is an invalid field.
    if (!owner) throw AppError.validation([{ field: 'collaborator_id', message: 'is not a collaborator of this workspace' }]);
    const code = input.code;
    const row = await insertUnique(db, 'coupons', workspaceId, code, () =>
      db.kysely
        .insertInto('coupons')
        .values({ workspace_id: workspaceId, collaborator_id: owner.id, code, status: input.status ?? 'active', created_at: Date.now() })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return reply.status(201).send(toCouponResource(row));
  });

  scope.get('/coupons', describeRoute({
      operationId: 'listCoupons',
      summary: 'List coupons',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: idPageQuery({ collaborator_id: { type: 'integer' }, status: { type: 'string', enum: ['active', 'inactive'] }, code: { type: 'string' } }),
      response: { 200: json('A page of coupons.', pageOf(couponSchema)) },
    }), async (request) => {
    const query = request.query as Query;
    const page = readIdPage(query);
    const reader = new QueryReader(query);
    const code = reader.text('code', 64);
    const filters = {
      collaborator_id: reader.id('collaborator_id'),
      status: reader.oneOf('status', ['active', 'inactive'] as const),
      code,
    };
    reader.rejectUnknown(['limit', 'cursor', 'collaborator_id', 'status', 'code']);
    reader.done();
    return toIdPage(await listRows<CouponRow>(db, 'coupons', workspaceOf(request), filters, page), page, toCouponResource);
  });

  scope.get('/coupons/:couponId', describeRoute({
      operationId: 'getCoupon',
      summary: 'Get a coupon',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ couponId: 'The coupon id.' }),
      response: { 200: json('The coupon.', couponSchema) },
    }), async (request) =>
    toCouponResource(await getRow<CouponRow>(db, 'coupons', workspaceOf(request), pathId(request, 'couponId', 'Coupon'), 'Coupon')),
  );

  scope.delete('/coupons/:couponId', describeRoute({
      operationId: 'deleteCoupon',
      summary: 'Delete a coupon',
      tags: ['Collaborators'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ couponId: 'The coupon id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'couponId', 'Coupon');
    // Opportunities keep the coupon id they came from as history; the code stops working at once.
    const deleted = await db.kysely.deleteFrom('coupons').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw AppError.notFound('Coupon');
    return reply.status(204).send();
  });
}
