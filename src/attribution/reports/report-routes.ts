import type { FastifyInstance, FastifyRequest } from 'fastify';
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

  scope.get('/reports/collaborators', async (request) => {
    const range = readRange(request, 'collaborator_id');
    const rows = await buildReport(db, 'collaborator', { workspaceId: workspaceOf(request), ...range });
    return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), data: rows.map(({ id, ...row }) => ({ collaborator_id: id, ...row })) };
  });

  scope.get('/reports/programs', async (request) => {
    const range = readRange(request, 'program_id');
    const rows = await buildReport(db, 'program', { workspaceId: workspaceOf(request), ...range });
    return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), data: rows.map(({ id, ...row }) => ({ program_id: id, ...row })) };
  });

  scope.get('/collaborators/:collaboratorId/ledger', async (request) => {
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

