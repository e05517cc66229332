import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * `code` matches whatever its case: `lower(code) = 'grace20'`, the expression the unique index
 * of migration 0015 is built on, so the lookup uses it on both databases.
 */
export function codeMatches(code: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(code) = ${code.toLowerCase()}`;
}
