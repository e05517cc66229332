import type { FastifyInstance } from 'fastify';
import { pathId, workspaceOf } from '../attribution/api/index.ts';
import { authenticatePartner } from '../attribution/partners/index.ts';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { Clock } from '../lib/clock.ts';
import { describeRoute, json, SECURITY, workspaceParams } from '../openapi/index.ts';
import { clickRangeQuery, clickReportSchema, partnerClickReportSchema } from './api-schemas.ts';
import { clickReport, readDayRange } from './click-counts.ts';

/** What these routes use. */
interface Deps {
  readonly db: Db;
  readonly clock: Clock;
}

const RANGE_ONLY = ['from', 'to'];

function rejectOthers(query: Record<string, unknown>): void {
  const unknown = Object.keys(query).filter((key) => !RANGE_ONLY.includes(key));
  if (unknown.length > 0) throw AppError.validation(unknown.map((field) => ({ field, message: 'is not a parameter of this report (known: from, to)' })), 'The query has invalid parameters.');
}

async function assertIn(db: Db, table: 'collaborators' | 'attribution_programs', workspaceId: string, id: number, what: string): Promise<void> {
  const row = await db.kysely.selectFrom(table).select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound(what);
}

/**
 * Click counts under the admin scope (`/api/v1/workspaces/{id}`): the workspace's, one
 * collaborator's and one program's, per UTC day over `?from=&to=` (default the last 30 days).
 */
export function registerClickRoutes(scope: FastifyInstance, deps: Deps): void {
  const { db, clock } = deps;
  scope.get(
    '/clicks',
    describeRoute({
      operationId: 'getWorkspaceClicks',
      summary: "The workspace's link clicks per day",
      tags: ['Links'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: clickRangeQuery,
      response: { 200: json('Clicks over the range: totals, per day, per collaborator and per program.', clickReportSchema) },
    }),
    async (request) => {
      const query = request.query as Record<string, unknown>;
      rejectOthers(query);
      return clickReport(db.kysely, workspaceOf(request), readDayRange(query, clock.now()), {});
    },
  );
  scope.get(
    '/collaborators/:collaboratorId/clicks',
    describeRoute({
      operationId: 'getCollaboratorClicks',
      summary: "A collaborator's link clicks per day",
      tags: ['Links'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ collaboratorId: 'The collaborator id.' }),
      querystring: clickRangeQuery,
      response: { 200: json("The collaborator's clicks over the range.", clickReportSchema) },
    }),
    async (request) => {
      const workspaceId = workspaceOf(request);
      const collaboratorId = pathId(request, 'collaboratorId', 'Collaborator');
      await assertIn(db, 'collaborators', workspaceId, collaboratorId, 'Collaborator');
      const query = request.query as Record<string, unknown>;
      rejectOthers(query);
      return clickReport(db.kysely, workspaceId, readDayRange(query, clock.now()), { collaboratorId });
    },
  );
  scope.get(
    '/programs/:programId/clicks',
    describeRoute({
      operationId: 'getProgramClicks',
      summary: "A program's link clicks per day",
      tags: ['Links'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ programId: 'The program id.' }),
      querystring: clickRangeQuery,
      response: { 200: json("The program's clicks over the range.", clickReportSchema) },
    }),
    async (request) => {
      const workspaceId = workspaceOf(request);
      const programId = pathId(request, 'programId', 'Program');
      await assertIn(db, 'attribution_programs', workspaceId, programId, 'Program');
      const query = request.query as Record<string, unknown>;
      rejectOthers(query);
      return clickReport(db.kysely, workspaceId, readDayRange(query, clock.now()), { programId });
    },
  );
}

/**
 * `GET /partner/v1/clicks?from=&to=`: the signed-in partner's own clicks (issue 17 §1: shown in
 * the partner portal too), with the partner session of issue 18 (`Bearer trb_ps_…`).
 */
export function registerPartnerClickRoutes(app: FastifyInstance, deps: Deps): void {
  const { db, clock } = deps;
  app.get(
    '/partner/v1/clicks',
    describeRoute({
      operationId: 'getPartnerClicks',
      summary: 'My link clicks per day',
      description: "The signed-in partner's own clicks, per day and per program.",
      tags: ['Partner portal'],
      security: SECURITY.partner,
      querystring: clickRangeQuery,
      response: { 200: json('Your clicks over the range.', partnerClickReportSchema) },
    }),
    async (request) => {
      const { workspaceId, collaboratorId } = await authenticatePartner(db, request, clock.now());
      const query = request.query as Record<string, unknown>;
      rejectOthers(query);
      const { by_collaborator: _others, ...report } = await clickReport(db.kysely, workspaceId, readDayRange(query, clock.now()), { collaboratorId });
      return report;
    },
  );
}
