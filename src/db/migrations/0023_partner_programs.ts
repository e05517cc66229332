import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Partner programs as shops run them (issue 18):
 * - `hold_days`: a new commission waits in `hold` until `obligations.hold_until` before it is
 *   payable, so refunds can arrive first (Rewardful's 30 days, Dub's 0–90);
 * - `minimum_payouts`: per currency (JSON, currency → minor units), balances below it wait;
 * - `enrollment`: `open` (every active collaborator earns: the behaviour before), `approval` or
 *   `invite`, with one `program_enrollments` row per collaborator and program;
 * - `fraud_rules` (JSON) per program, and `conversions.fraud_reasons` (JSON array) on a sale the
 *   rules flagged for review;
 * - the partner portal's one-time `partner_login_links` and the `partner_sessions` they open
 *   (hashes only, like every other credential).
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  await db.schema.alterTable('attribution_programs').addColumn('hold_days', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('attribution_programs').addColumn('minimum_payouts', 'text').execute();
  await db.schema.alterTable('attribution_programs').addColumn('enrollment', 'text', (c) => c.notNull().defaultTo('open')).execute();
  await db.schema.alterTable('attribution_programs').addColumn('fraud_rules', 'text').execute();
  await db.schema.alterTable('conversions').addColumn('fraud_reasons', 'text').execute();
  await db.schema.alterTable('obligations').addColumn('hold_until', dialect.bigintType).execute();
  // Due holds are found by time across the workspace (the release sweep).
  await sql`create index obligations_hold_until on obligations (workspace_id, hold_until) where status = 'hold'`.execute(db);

  await db.schema
    .createTable('program_enrollments')
    .addColumn('id', dialect.autoIncrementType, (c) => {
      const key = c.primaryKey();
      return dialect.needsAutoIncrementModifier ? key.autoIncrement() : key;
    })
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull())
    .addColumn('collaborator_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', dialect.bigintType, (c) => c.notNull())
    .addColumn('updated_at', dialect.bigintType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('program_enrollments_pair').unique().on('program_enrollments').columns(['workspace_id', 'program_id', 'collaborator_id']).execute();
  await db.schema.createIndex('program_enrollments_collaborator').on('program_enrollments').columns(['workspace_id', 'collaborator_id']).execute();

  for (const table of ['partner_login_links', 'partner_sessions']) {
    await db.schema
      .createTable(table)
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('collaborator_id', 'integer', (c) => c.notNull())
      .addColumn('expires_at', dialect.bigintType, (c) => c.notNull())
      // A login link's redemption; a session's sign-out.
      .addColumn(table === 'partner_login_links' ? 'used_at' : 'revoked_at', dialect.bigintType)
      .addColumn('created_at', dialect.bigintType, (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_collaborator`).on(table).columns(['workspace_id', 'collaborator_id']).execute();
  }
}
