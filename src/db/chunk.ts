import type { DialectCapabilities } from './dialect-capabilities.ts';

/**
 * Splits rows for multi-row statements so no statement exceeds the dialect's parameter limit.
 * `columns` is the number of bound values per row.
 */
export function chunkRows<T>(rows: readonly T[], columns: number, dialect: DialectCapabilities): T[][] {
  const perChunk = Math.max(1, Math.floor(dialect.maxParameters / Math.max(1, columns)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += perChunk) chunks.push(rows.slice(i, i + perChunk));
  return chunks;
}
