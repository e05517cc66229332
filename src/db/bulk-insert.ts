import { CompiledQuery } from 'kysely';
import { rowParameters } from './chunk.ts';
import type { DialectCapabilities } from './dialect-capabilities.ts';
import { insertTextBySize } from './sql-text.ts';

/** A column's SQL type, for the array its values are bound as (`$1::text[]`). */
export type ArrayColumnType = 'text' | 'bigint' | 'integer';

/**
 * Rows per array-bound statement: a worker batch (1,000 events by default) is one statement; the
 * bound keeps one statement's parameter text to a few megabytes.
 */
const ROWS_PER_ARRAY_STATEMENT = 5000;

/**
 * The statements of a multi-row `INSERT` of `rows` into `table`, `columns` in binding order.
 *
 * - Where the dialect binds arrays (`arrayParameters`, PostgreSQL): one statement for up to
 *   5,000 rows, `insert … select * from unnest($1::text[], $2::bigint[], …)`, one parameter per
 *   column whatever the row count. Its text is the same for every batch, so the server parses and
 *   plans a statement of twenty parameters rather than one of a thousand per 50 rows, and the
 *   batch costs one round trip instead of one per 50 rows (measured in docs/reliability.md).
 * - Elsewhere (SQLite): `insert … values (…), (…)` of `rowsPerValuesStatement` rows at most, the
 *   SQL text kept per row count (see insertTextBySize).
 *
 * `suffix` follows the rows (`on conflict … do nothing`) and works the same on both: a row
 * skipped by a conflict, with the table or with an earlier row of the same statement, counts as
 * not inserted.
 */
export function bulkInsert<Row, Column extends keyof Row & string>(
  table: string,
  columns: readonly Column[],
  types: Readonly<Record<Column, ArrayColumnType>>,
  options: { suffix?: string; rowsPerValuesStatement: number },
): (dialect: DialectCapabilities, rows: readonly Row[]) => CompiledQuery[] {
  const suffix = options.suffix ? ` ${options.suffix}` : '';
  const valuesText = insertTextBySize(table, columns, options.suffix);
  const names = columns.map((column) => `"${column}"`).join(', ');
  const arrays = columns.map((column, i) => `$${i + 1}::${types[column]}[]`).join(', ');
  const unnestText = `insert into "${table}" (${names}) select * from unnest(${arrays})${suffix}`;
  return (dialect, rows) => {
    const queries: CompiledQuery[] = [];
    if (dialect.arrayParameters) {
      for (let start = 0; start < rows.length; start += ROWS_PER_ARRAY_STATEMENT) {
        const count = Math.min(ROWS_PER_ARRAY_STATEMENT, rows.length - start);
        queries.push(CompiledQuery.raw(unnestText, arrayLiterals(rows, start, count, columns)));
      }
      return queries;
    }
    for (let start = 0; start < rows.length; start += options.rowsPerValuesStatement) {
      const count = Math.min(options.rowsPerValuesStatement, rows.length - start);
      queries.push(CompiledQuery.raw(valuesText(dialect, count), rowParameters(rows, start, count, columns)));
    }
    return queries;
  };
}

/**
 * One array per column of `rows[start, start + count)`, in `columns` order, each written as
 * PostgreSQL's array literal (`{"a","b\\"c",NULL,42}`) rather than handed to the driver as an
 * array: node-postgres escapes each element with two regular-expression passes, which cost three
 * times this one on a batch's JSON payloads (full of quotes). Being text, the literals also pass
 * the connection's NUL guard (db/connect.ts) like any string parameter.
 */
function arrayLiterals<Row>(rows: readonly Row[], start: number, count: number, columns: readonly (keyof Row)[]): string[] {
  return columns.map((column) => {
    let literal = '{';
    for (let r = start; r < start + count; r++) {
      if (r > start) literal += ',';
      literal += arrayElement(rows[r]![column]);
    }
    return `${literal}}`;
  });
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // Inside double quotes only `"` and `\` need a backslash; everything else is taken as it is.
  return `"${String(value).replace(/["\\]/g, '\\$&')}"`;
}
