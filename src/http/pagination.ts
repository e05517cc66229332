import { AppError } from '../errors/index.ts';

export interface PageQuery {
  limit: number;
  cursor: string | undefined;
}

/**
 * `limit` as plain decimal digits: `Number()` alone also read `0x10`, `1e2` and ` 5` as numbers.
 * Shared with the integer-keyed lists of the attribution API.
 */
export function readLimit(raw: unknown, defaultLimit: number, maxLimit: number): number | undefined {
  if (raw === undefined || raw === '') return defaultLimit;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return undefined;
  const limit = Number(raw);
  return limit >= 1 && limit <= maxLimit ? limit : undefined;
}

/**
 * Reads `limit` (1–max) and the opaque `cursor` of cursor-paginated lists. An empty `cursor=` is
 * the first page, as an absent one is: clients often send `cursor=${next_cursor ?? ''}`.
 */
export function readPageQuery(query: Record<string, unknown>, defaultLimit = 50, maxLimit = 500): PageQuery {
  const limit = readLimit(query.limit, defaultLimit, maxLimit);
  if (limit === undefined) throw AppError.validation([{ field: 'limit', message: `must be an integer from 1 to ${maxLimit}` }]);
  const cursor = query.cursor;
  if (cursor !== undefined && cursor !== '' && (typeof cursor !== 'string' || !/^[0-9a-f-]{1,64}$/i.test(cursor))) {
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
