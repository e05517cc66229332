import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeRoute, json, noContent, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { idPageQuery, pageOf } from '../api/api-schemas.ts';
import { AppError } from '../../errors/index.ts';
import { pathId, workspaceOf } from '../api/admin-scope.ts';
import type { ActionRunner } from '../api/index.ts';
import { getRow } from '../api/rows.ts';
import { activeInactivePage } from '../api/status-list.ts';
import type { DistributionRow } from './tables.ts';
import {
  createDistributionBody,
  readDistributionCreate,
  readDistributionUpdate,
  readRunRequest,
  runDistributionsBody,
  updateDistributionBody,
} from './distribution-input.ts';
import { runHeartbeat } from './heartbeat.ts';
import { outcomeResource, toDistributionResource, toRunResource } from './resources.ts';
import type { Db } from '../../db/index.ts';

const timestamp = { type: ['string', 'null'], format: 'date-time' };
const distributionSchema = {
  type: 'object',
  required: ['id', 'name', 'metric', 'pool', 'period', 'status'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    metric: { type: 'string' },
    pool: { type: 'object', required: ['type', 'currency'], properties: { type: { enum: ['fixed', 'metric_share'] }, currency: { type: 'string' } } },
    period: { type: 'string', enum: ['daily', 'weekly', 'monthly'] },
    status: { type: 'string', enum: ['active', 'inactive'] },
    created_at: timestamp,
    updated_at: timestamp,
  },
};
const runSchema = {
  type: 'object',
  required: ['id', 'distribution_id', 'period_start', 'period_end', 'pool', 'currency', 'allocations'],
  properties: {
    id: { type: 'integer' },
    distribution_id: { type: 'integer' },
    period_start: timestamp,
    period_end: timestamp,
    pool: { type: 'integer', description: 'Minor units shared out in this period.' },
    currency: { type: 'string' },
    metric_total: {},
    inbound_event_id: { type: ['string', 'null'] },
    created_at: timestamp,
    allocations: { type: 'array', items: { type: 'object', required: ['collaborator_id', 'amount'], properties: { collaborator_id: { type: 'integer' }, amount: { type: 'integer' } } } },
  },
};

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

/**
 * Distributions under `/api/v1/workspaces/{id}`: CRUD, their processed periods, and
 * `POST …/distributions/run`, the heartbeat run by hand for this workspace.
 */
export function registerDistributionRoutes(scope: FastifyInstance, deps: Deps, engine: ActionRunner): void {
  const db = deps.db.kysely;

  const find = (request: FastifyRequest) =>
    getRow<DistributionRow>(deps.db, 'distributions', workspaceOf(request), pathId(request, 'distributionId', 'Distribution'), 'Distribution');

  scope.post('/distributions', describeRoute({
      operationId: 'createDistribution',
      summary: 'Create a distribution',
      tags: ['Distributions'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: createDistributionBody,
      response: { 201: json('The distribution.', distributionSchema) },
    }), async (request, reply) => {
    const input = readDistributionCreate(request.body);
    const now = Date.now();
    const row = await db
      .insertInto('distributions')
      .values({
        pool_amount: null,
        pool_basis_points: null,
        pool_metric: null,
        status: 'active',
        ...input,
        workspace_id: workspaceOf(request),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return reply.status(201).send(toDistributionResource(row));
  });

  scope.get('/distributions', describeRoute({
      operationId: 'listDistributions',
      summary: 'List distributions',
      tags: ['Distributions'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: idPageQuery({ status: { type: 'string', enum: ['active', 'inactive'] } }),
      response: { 200: json('A page of distributions.', pageOf(distributionSchema)) },
    }), (request) => activeInactivePage<DistributionRow>(deps.db, 'distributions', request, toDistributionResource));

  scope.get('/distributions/:distributionId', describeRoute({
      operationId: 'getDistribution',
      summary: 'Get a distribution',
      tags: ['Distributions'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ distributionId: 'The distribution id.' }),
      response: { 200: json('The distribution.', distributionSchema) },
    }), async (request) => toDistributionResource(await find(request)));

  scope.patch('/distributions/:distributionId', describeRoute({
      operationId: 'updateDistribution',
      summary: 'Change a distribution',
      tags: ['Distributions'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ distributionId: 'The distribution id.' }),
      body: updateDistributionBody,
      response: { 200: json('The distribution.', distributionSchema) },
    }), async (request) => {
    const existing = await find(request);
    const input = readDistributionUpdate(request.body);
    const row = await db
      .updateTable('distributions')
      .set({ ...input, updated_at: Date.now() })
      .where('workspace_id', '=', existing.workspace_id)
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDistributionResource(row);
  });

  scope.delete('/distributions/:distributionId', describeRoute({
      operationId: 'deleteDistribution',
      summary: 'Delete a distribution',
      tags: ['Distributions'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ distributionId: 'The distribution id.' }),
      response: { 204: noContent },
    }), async (request, reply) => {
    const existing = await find(request);
    const ran = await db.selectFrom('distribution_runs').select('id').where('workspace_id', '=', existing.workspace_id).where('distribution_id', '=', existing.id).executeTakeFirst();
    // Its runs issued obligations that point back at it; deleting would orphan that history.
    if (ran) throw new AppError('conflict', 'The distribution has processed periods; set its status to inactive instead.', { data: { distribution_id: existing.id } });
    await db.deleteFrom('distributions').where('workspace_id', '=', existing.workspace_id).where('id', '=', existing.id).execute();
    return reply.status(204).send();
  });

  scope.get('/distributions/:distributionId/runs', describeRoute({
      operationId: 'listDistributionRuns',
      summary: 'List a distribution\'s runs',
      tags: ['Distributions'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ distributionId: 'The distribution id.' }),
      response: { 200: json('The runs with their allocations.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: runSchema } } }) },
    }), async (request) => {
    const distribution = await find(request);
    const runs = await db.selectFrom('distribution_runs').selectAll().where('workspace_id', '=', distribution.workspace_id).where('distribution_id', '=', distribution.id).orderBy('id', 'desc').limit(200).execute();
    const allocations =
      runs.length === 0
        ? []
        : await db.selectFrom('allocations').selectAll().where('workspace_id', '=', distribution.workspace_id).where('run_id', 'in', runs.map((r) => r.id)).orderBy('id').execute();
    return { data: runs.map((run) => toRunResource(run, allocations.filter((a) => a.run_id === run.id))) };
  });

  scope.post('/distributions/run', describeRoute({
      operationId: 'runDistributions',
      summary: 'Run the periods that have ended',
      tags: ['Distributions'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      description: 'What the heartbeat does on its own; runs each ended period once.',
      body: runDistributionsBody,
      response: { 200: json('The runs this call made.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: runSchema } } }) },
    }), async (request) => {
    const { at } = readRunRequest(request.body);
    const outcomes = await runHeartbeat(deps.db, engine, at, workspaceOf(request));
    return { data: outcomes.map(outcomeResource) };
  });
}
