import { parseRowId } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { readLimit } from '../../http/pagination.ts';
import type { Query } from './query-params.ts';

export interface IdPage {
  limit: number;
  /** Rows with a smaller id than this come next (lists run newest first). */
  before: number | undefined;
}

/**
 * `limit` and `cursor` for lists keyed by integer ids. The cursor is the last id of the previous
 * page, as `next_cursor` gave it; ids only grow, so a page never repeats or skips a row that
 * existed when the first page was read.
 */
export function readIdPage(query: Query, defaultLimit = 50, maxLimit = 200): IdPage {
  const fields = [];
  const limit = readLimit(query.limit, defaultLimit, maxLimit);
  if (limit === undefined) fields.push({ field: 'limit', message: `must be an integer from 1 to ${maxLimit}` });
  let before: number | undefined;
  const rawCursor = query.cursor;
  if (rawCursor !== undefined && rawCursor !== '') {
    before = parseRowId(rawCursor);
    if (before === undefined) fields.push({ field: 'cursor', message: 'is not a cursor this API returned' });
  }
  if (fields.length > 0 || limit === undefined) throw AppError.validation(fields, 'The query has invalid parameters.');
  return { limit, before };
}

/** A page of rows fetched with `limit + 1`, as `{ data, has_more, next_cursor }`. */
export function toIdPage<Row extends { id: number }, Out>(rows: Row[], page: IdPage, map: (row: Row) => Out) {
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  return {
    data: pageRows.map(map),
    has_more: hasMore,
    next_cursor: hasMore ? String(pageRows[pageRows.length - 1]!.id) : null,
  };
}
