import { AppError } from '../errors/index.ts';

export interface PageQuery {
  limit: number;
  cursor: string | undefined;
}

/** Reads `limit` (1–max) and the opaque `cursor` of cursor-paginated lists. */
export function readPageQuery(query: Record<string, unknown>, defaultLimit = 50, maxLimit = 500): PageQuery {
  const rawLimit = query.limit;
  let limit = defaultLimit;
  if (rawLimit !== undefined && rawLimit !== '') {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
      throw AppError.validation([{ field: 'limit', message: `must be an integer from 1 to ${maxLimit}` }]);
    }
  }
  const cursor = query.cursor;
  if (cursor !== undefined && (typeof cursor !== 'string' || !/^[0-9a-f-]{1,64}$/i.test(cursor))) {
    throw AppError.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
  }
  return { limit, cursor: cursor || undefined };
}

/** Wraps a page of rows (fetched with limit + 1) as `{ data, has_more, next_cursor }`. */
export function toPage<Row extends { id: string }, Out>(rows: Row[], limit: number, map: (row: Row) => Out) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: pageRows.map(map),
    has_more: hasMore,
    next_cursor: hasMore ? pageRows[pageRows.length - 1]!.id : null,
  };
}
