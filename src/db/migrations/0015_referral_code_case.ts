import { sql, type Kysely } from 'kysely';

/**
 * Referral and coupon codes keep the case the admin typed (`GRACE20`) and still match in any case
 * (issue 15): the unique index moves from `code` to `lower(code)`, which every lookup uses (see
 * attribution/api/codes.ts). Codes are ASCII (`CODE_PATTERN`), so `lower()` means the same on
 * SQLite and PostgreSQL. Codes written before were stored lower-case, so they need no rewrite.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['referral_codes', 'coupons']) {
    await db.schema.dropIndex(table === 'coupons' ? 'coupons_code' : 'referral_codes_code').execute();
    await sql`create unique index ${sql.id(`${table}_code_lower`)} on ${sql.table(table)} (workspace_id, lower(code))`.execute(db);
  }
}
