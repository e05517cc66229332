import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.ts';
import { workspaceOf } from './admin-scope.ts';
import { readIdPage, toIdPage } from './id-pagination.ts';
import { QueryReader, type Query } from './query-params.ts';
import { listRows, type AttributionTableName } from './rows.ts';

/**
 * The answer of a `GET` list of configuration records (programs, distributions) that an admin
 * switches `active` or `inactive`: newest first, a page at a time, filtered by `status`; any other
 * query key is a 400.
 */
export async function activeInactivePage<Row extends { id: number }>(db: Db, table: AttributionTableName, request: FastifyRequest, toResource: (row: Row) => unknown) {
  const query = request.query as Query;
  const page = readIdPage(query);
  const reader = new QueryReader(query);
  const status = reader.oneOf('status', ['active', 'inactive'] as const);
  reader.rejectUnknown(['limit', 'cursor', 'status']);
  reader.done();
  const rows = await listRows<Row>(db, table, workspaceOf(request), { status }, page);
  return toIdPage(rows, page, toResource);
}
