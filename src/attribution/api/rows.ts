import type { Kysely } from 'kysely';
import type { Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { IdPage } from './id-pagination.ts';
import { codeMatches } from '../model/code-match.ts';

/** The attribution tables the admin API reads generically (all have `id` and `workspace_id`). */
export type AttributionTableName =
  | 'attribution_programs'
  | 'collaborators'
  | 'referral_codes'
  | 'coupons'
  | 'opportunities'
  | 'engagements'
  | 'attribution_transactions'
  | 'conversions'
  | 'obligations'
  | 'payouts'
  | 'distributions'
  | 'program_enrollments';

/** Column → value; undefined values are left out. Column names come from code, never from a request. */
export type Filters = Record<string, string | number | undefined>;

// Kysely cannot type a table chosen at run time; the callers name the row type they read.
const untyped = (db: Db): Kysely<any> => db.kysely as unknown as Kysely<any>;

/** `created_at` from (inclusive) and to (exclusive), epoch ms. */
export interface CreatedRange {
  from?: number | undefined;
  to?: number | undefined;
}

/** One page of a workspace's rows, newest first, fetched with `limit + 1` to know if more follow. */
export async function listRows<Row extends { id: number }>(
  db: Db,
  table: AttributionTableName,
  workspaceId: string,
  filters: Filters,
  page: IdPage,
  created: CreatedRange = {},
): Promise<Row[]> {
  let query = untyped(db).selectFrom(table).selectAll().where('workspace_id', '=', workspaceId);
  for (const [column, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    // Codes match whatever their case, here as in every lookup (model/code-match.ts).
    query = column === 'code' ? query.where(codeMatches(String(value))) : query.where(column, '=', value);
  }
  if (created.from !== undefined) query = query.where('created_at', '>=', created.from);
  if (created.to !== undefined) query = query.where('created_at', '<', created.to);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  return (await query.orderBy('id', 'desc').limit(page.limit + 1).execute()) as Row[];
}

/** The row of this workspace, or a 404 naming `what` (another workspace's row is a 404 too). */
export async function getRow<Row>(db: Db, table: AttributionTableName, workspaceId: string, id: number, what: string): Promise<Row> {
  const row = await untyped(db).selectFrom(table).selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound(what);
  return row as Row;
}

/** Counts and reads one page by offset, oldest first: Siren's `page`/`perPage` readers. */
export async function offsetRows<Row>(
  db: Db,
  table: AttributionTableName,
  workspaceId: string,
  where: Array<{ column: string; values: Array<string | number> }>,
  offset: number,
  limit: number,
): Promise<{ rows: Row[]; total: number }> {
  let query = untyped(db).selectFrom(table).where('workspace_id', '=', workspaceId);
  for (const { column, values } of where) {
    query = values.length === 1 ? query.where(column, '=', values[0]) : query.where(column, 'in', values);
  }
  const counted = await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('id', 'asc').offset(offset).limit(limit).execute();
  return { rows: rows as Row[], total: Number(counted.total) };
}
