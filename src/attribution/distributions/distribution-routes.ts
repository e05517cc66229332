import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/index.ts';
import { pathId, workspaceOf } from '../api/admin-scope.ts';
import type { ActionRunner } from '../api/index.ts';
import { getRow } from '../api/rows.ts';
import { activeInactivePage } from '../api/status-list.ts';
import type { DistributionRow } from './tables.ts';
import { readDistributionCreate, readDistributionUpdate, readRunRequest } from './distribution-input.ts';
import { runHeartbeat } from './heartbeat.ts';
import { outcomeResource, toDistributionResource, toRunResource } from './resources.ts';
import type { Db } from '../../db/index.ts';

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

  scope.post('/distributions', async (request, reply) => {
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

  scope.get('/distributions', (request) => activeInactivePage<DistributionRow>(deps.db, 'distributions', request, toDistributionResource));

  scope.get('/distributions/:distributionId', async (request) => toDistributionResource(await find(request)));

  scope.patch('/distributions/:distributionId', async (request) => {
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

  scope.delete('/distributions/:distributionId', async (request, reply) => {
    const existing = await find(request);
    const ran = await db.selectFrom('distribution_runs').select('id').where('workspace_id', '=', existing.workspace_id).where('distribution_id', '=', existing.id).executeTakeFirst();
    // Its runs issued obligations that point back at it; deleting would orphan that history.
    if (ran) throw new AppError('conflict', 'The distribution has processed periods; set its status to inactive instead.', { data: { distribution_id: existing.id } });
    await db.deleteFrom('distributions').where('workspace_id', '=', existing.workspace_id).where('id', '=', existing.id).execute();
    return reply.status(204).send();
  });

  scope.get('/distributions/:distributionId/runs', async (request) => {
    const distribution = await find(request);
    const runs = await db.selectFrom('distribution_runs').selectAll().where('workspace_id', '=', distribution.workspace_id).where('distribution_id', '=', distribution.id).orderBy('id', 'desc').limit(200).execute();
    const allocations =
      runs.length === 0
        ? []
        : await db.selectFrom('allocations').selectAll().where('workspace_id', '=', distribution.workspace_id).where('run_id', 'in', runs.map((r) => r.id)).orderBy('id').execute();
    return { data: runs.map((run) => toRunResource(run, allocations.filter((a) => a.run_id === run.id))) };
  });

  scope.post('/distributions/run', async (request) => {
    const { at } = readRunRequest(request.body);
    const outcomes = await runHeartbeat(deps.db, engine, at, workspaceOf(request));
    return { data: outcomes.map(outcomeResource) };
  });
}
