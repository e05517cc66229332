import type { DialectCapabilities } from './dialect-capabilities.ts';

/**
 * Splits rows for multi-row INSERTs so no statement exceeds the dialect's bound-parameter limit.
 * The column count comes from the rows themselves, so adding a column cannot make it stale.
 */
export function chunkRows<T extends object>(rows: readonly T[], dialect: DialectCapabilities): T[][] {
  if (rows.length === 0) return [];
  const columns = Math.max(1, Object.keys(rows[0]!).length);
  const perChunk = Math.max(1, Math.floor(dialect.maxParameters / columns));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += perChunk) chunks.push(rows.slice(i, i + perChunk));
  return chunks;
}

/**
 * The bound parameters of a multi-row INSERT over `rows[start, start + count)`, row by row in
 * `columns` order: one flat array, built without per-row allocations (a hot path of ingest and
 * processing).
 */
export function rowParameters<T>(rows: readonly T[], start: number, count: number, columns: readonly (keyof T)[]): unknown[] {
  const params: unknown[] = new Array(count * columns.length);
  let p = 0;
  for (let r = start; r < start + count; r++) {
    const row = rows[r]!;
    for (const column of columns) params[p++] = row[column];
  }
  return params;
}
