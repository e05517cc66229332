import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Fulfillment runs and payouts (issue 6, seed 002's fulfillment & payout flow), beyond the
 * `payouts` table of 0006:
 * - `fulfillments`: one admin-started run that batches payable obligations into payouts;
 * - `payouts` gains the run it belongs to and what marking it paid or failed recorded;
 * - `payout_items`: which obligations a payout settles (kept when a payout fails, for history);
 * - `obligations` gains `fulfillment_id` (the run that claimed it) and `payout_id` (the payout it
 *   is in; written back when paid). The claim is the guard against paying twice: a run takes an
 *   obligation only with `fulfillment_id IS NULL`, in one UPDATE, so of two concurrent runs one
 *   gets it and the other skips it (PostgreSQL re-checks the condition after the row lock).
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema
    .createTable('fulfillments')
    .addColumn('id', dialect.autoIncrementType, (c) => {
      const pk = c.primaryKey();
      return dialect.needsAutoIncrementModifier ? pk.autoIncrement() : pk;
    })
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('minimum_payout', big)
    .addColumn('inbound_event_id', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .addColumn('completed_at', big)
    .execute();
  await db.schema.createIndex('fulfillments_ws').on('fulfillments').columns(['workspace_id', 'id']).execute();

  await db.schema.alterTable('payouts').addColumn('fulfillment_id', 'integer', (c) => c.references('fulfillments.id')).execute();
  await db.schema.alterTable('payouts').addColumn('paid_reference', 'text').execute();
  await db.schema.alterTable('payouts').addColumn('failure_reason', 'text').execute();
  await db.schema.alterTable('payouts').addColumn('failed_at', big).execute();
  await db.schema.createIndex('payouts_fulfillment').on('payouts').columns(['workspace_id', 'fulfillment_id']).execute();

  await db.schema
    .createTable('payout_items')
    .addColumn('id', dialect.autoIncrementType, (c) => {
      const pk = c.primaryKey();
      return dialect.needsAutoIncrementModifier ? pk.autoIncrement() : pk;
    })
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('payout_id', 'integer', (c) => c.notNull().references('payouts.id'))
    .addColumn('obligation_id', 'integer', (c) => c.notNull().references('obligations.id'))
    .addColumn('amount', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payout_items_payout').on('payout_items').columns(['payout_id', 'obligation_id']).unique().execute();
  await db.schema.createIndex('payout_items_obligation').on('payout_items').columns(['workspace_id', 'obligation_id']).execute();

  await db.schema.alterTable('obligations').addColumn('fulfillment_id', 'integer').execute();
  await db.schema.alterTable('obligations').addColumn('payout_id', 'integer').execute();
  await db.schema.createIndex('obligations_payable').on('obligations').columns(['workspace_id', 'status', 'fulfillment_id']).execute();
  await db.schema.createIndex('obligations_payout').on('obligations').columns(['workspace_id', 'payout_id']).execute();
}
