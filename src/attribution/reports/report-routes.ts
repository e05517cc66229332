import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeRoute, json, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { AppError } from '../../errors/index.ts';
import { pathId, workspaceOf } from '../api/admin-scope.ts';
import { QueryReader, type Query } from '../api/query-params.ts';
import { collaboratorBalance, collaboratorLedger } from './ledger.ts';
import { buildReport } from './reports.ts';
import type { Db } from '../../db/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

const DAY = 86_400_000;
const MAX_DAYS = 400;

/** `from` (inclusive) and `to` (exclusive), ISO dates or date-times; the last 30 days by default. */
function readRange(request: FastifyRequest, idName: string) {
  const reader = new QueryReader(request.query as Query);
  const to = reader.time('to') ?? Math.floor(Date.now() / DAY) * DAY + DAY;
  const from = reader.time('from') ?? to - 30 * DAY;
  const id = reader.id(idName);
  reader.rejectUnknown(['from', 'to', idName]);
  reader.done();
  if (from >= to) throw AppError.validation([{ field: 'from', message: 'must be before to' }], 'The query has invalid parameters.');
  if (to - from > MAX_DAYS * DAY) throw AppError.validation([{ field: 'to', message: `must be at most ${MAX_DAYS} days after from` }], 'The query has invalid parameters.');
  return { from, to, id };
}

/** Reports and the collaborator ledger under `/api/v1/workspaces/{id}` (read-only). */
export function registerReportRoutes(scope: FastifyInstance, deps: Deps): void {
  const db = deps.db.kysely;

  scope.get('/reports/collaborators', describeRoute({
      operationId: 'reportByCollaborator',
      summary: 'Report per collaborator',
      tags: ['Reports'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: { type: 'object', properties: { from: { type: 'string', description: 'ISO date or date-time, inclusive; default 30 days before `to`.' }, to: { type: 'string', description: 'Exclusive; default the end of today (UTC). At most 400 days after `from`.' }, collaborator_id: { type: 'integer' } } },
      response: { 200: json('Totals per collaborator and currency over the range.', { type: 'object', required: ['from', 'to', 'data'], properties: { from: { type: 'string' }, to: { type: 'string' }, data: { type: 'array', items: { type: 'object', required: ['collaborator_id'], properties: { collaborator_id: { type: 'integer' } } } } } }) },
    }), async (request) => {
    const range = readRange(request, 'collaborator_id');
    const rows = await buildReport(db, 'collaborator', { workspaceId: workspaceOf(request), ...range });
    return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), data: rows.map(({ id, ...row }) => ({ collaborator_id: id, ...row })) };
  });

  scope.get('/reports/programs', describeRoute({
      operationId: 'reportByProgram',
      summary: 'Report per program',
      tags: ['Reports'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: { type: 'object', properties: { from: { type: 'string', description: 'ISO date or date-time, inclusive; default 30 days before `to`.' }, to: { type: 'string', description: 'Exclusive; default the end of today (UTC). At most 400 days after `from`.' }, program_id: { type: 'integer' } } },
      response: { 200: json('Totals per program and currency over the range.', { type: 'object', required: ['from', 'to', 'data'], properties: { from: { type: 'string' }, to: { type: 'string' }, data: { type: 'array', items: { type: 'object', required: ['program_id'], properties: { program_id: { type: 'integer' } } } } } }) },
    }), async (request) => {
    const range = readRange(request, 'program_id');
    const rows = await buildReport(db, 'program', { workspaceId: workspaceOf(request), ...range });
    return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), data: rows.map(({ id, ...row }) => ({ program_id: id, ...row })) };
  });

  scope.get('/collaborators/:collaboratorId/ledger', describeRoute({
      operationId: 'getCollaboratorLedger',
      summary: 'A collaborator\'s ledger and balance',
      tags: ['Reports'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ collaboratorId: 'The collaborator id.' }),
      response: { 200: json('Every money movement of the collaborator, and the balance per currency.', { type: 'object', required: ['collaborator_id', 'balance', 'data'], properties: { collaborator_id: { type: 'integer' }, balance: {}, data: { type: 'array' } } }) },
    }), async (request) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'collaboratorId', 'Collaborator');
    const found = await db.selectFrom('collaborators').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (!found) throw AppError.notFound('Collaborator');
    const reader = new QueryReader(request.query as Query);
    reader.rejectUnknown([]);
    reader.done();
    return { collaborator_id: id, balance: await collaboratorBalance(db, workspaceId, id), data: await collaboratorLedger(db, workspaceId, id) };
  });
}

