import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Program groups and renewal rules (issue 6).
 * - `attribution_programs.group_priority`: a member's rank for the `priority` strategy (smaller wins).
 * - `attribution_programs.renewal_*`: whether renewals earn (`none`, `same` as the sale, or their
 *   own `percent`/`flat`) and for how long (periods and/or months since the first sale). Existing
 *   programs get `same` and no limit, which is what renewals earned before this migration.
 * - `attribution_transactions.subscription_id` and `renews_transaction_id`: a renewal can name its
 *   subscription instead of the first sale, and each renewal points at the sale it renews.
 *   `renewal_count` on the first sale is bumped by each renewal in its flow's transaction: the
 *   update locks the row, so two renewals at once get periods 1 and 2, never 1 twice.
 * - `program_group_resolutions`: one row per group decision, the history a group delete must not
 *   orphan.
 * - `oldest_program` groups become `priority`: with no priorities set, priority falls back to the
 *   oldest program, so they decide exactly as before.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  const programs = () => db.schema.alterTable('attribution_programs');
  await programs().addColumn('group_priority', 'integer').execute();
  await programs().addColumn('renewal_incentive', 'text', (c) => c.notNull().defaultTo('same')).execute();
  await programs().addColumn('renewal_bps', 'integer').execute();
  await programs().addColumn('renewal_amounts', 'text').execute();
  await programs().addColumn('renewal_limit_periods', 'integer').execute();
  await programs().addColumn('renewal_limit_months', 'integer').execute();
  await db.schema.createIndex('attribution_programs_group').on('attribution_programs').columns(['workspace_id', 'group_id']).execute();

  const transactions = () => db.schema.alterTable('attribution_transactions');
  await transactions().addColumn('subscription_id', 'text').execute();
  await transactions().addColumn('renews_transaction_id', 'integer', (c) => c.references('attribution_transactions.id')).execute();
  await transactions().addColumn('renewal_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('attribution_transactions_subscription').on('attribution_transactions').columns(['workspace_id', 'subscription_id', 'id']).execute();
  await db.schema.createIndex('attribution_transactions_renews').on('attribution_transactions').columns(['workspace_id', 'renews_transaction_id', 'id']).execute();

  await db.schema
    .createTable('program_group_resolutions')
    .addColumn('id', dialect.autoIncrementType, (c) => {
      const pk = c.primaryKey();
      return dialect.needsAutoIncrementModifier ? pk.autoIncrement() : pk;
    })
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('program_groups.id'))
    .addColumn('transaction_id', 'integer', (c) => c.notNull().references('attribution_transactions.id'))
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('winner_program_id', 'integer', (c) => c.notNull())
    .addColumn('loser_program_ids', 'text', (c) => c.notNull())
    .addColumn('superseded_engagement_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('program_group_resolutions_group').on('program_group_resolutions').columns(['workspace_id', 'group_id', 'id']).execute();

  await sql`UPDATE program_groups SET strategy = 'priority' WHERE strategy = 'oldest_program'`.execute(db);
}
