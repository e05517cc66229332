import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Stripe without code (issue 17 §3).
 * - `stripe_integrations`: one per workspace; the webhook signing secret sealed with the
 *   forwarding secret box, the last characters kept apart to show it masked, and the mapping options.
 * - `stripe_events`: what each Stripe event became once processed (a sale, a renewal, a refund,
 *   a subscription that ended, unmatched, ignored). The raw event is the inbox row it came in as.
 * - `stripe_payment_refs`: every Stripe id that names a sale (checkout session, payment intent,
 *   invoice, charge), so a refund or a payment confirmation that names another one finds the sale.
 * - `stripe_refunds`: each Stripe refund id seen, with its amount, so one refund reported by both
 *   `refund.created` and `charge.refunded` counts once.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema
    .createTable('stripe_integrations')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('signing_secret', 'text', (c) => c.notNull())
    .addColumn('secret_last4', 'text', (c) => c.notNull())
    .addColumn('metadata_key', 'text', (c) => c.notNull())
    .addColumn('match_leads_by_email', 'integer', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('stripe_events')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('inbox_id', 'text', (c) => c.notNull())
    .addColumn('livemode', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('stripe_created_at', big, (c) => c.notNull())
    .addColumn('processed_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('stripe_events_pk', ['workspace_id', 'event_id'])
    .execute();
  await db.schema.createIndex('stripe_events_ws_processed').on('stripe_events').columns(['workspace_id', 'processed_at', 'event_id']).execute();

  await db.schema
    .createTable('stripe_payment_refs')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stripe_payment_refs_pk', ['workspace_id', 'ref'])
    .execute();

  await db.schema
    .createTable('stripe_refunds')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('refund_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('amount', big, (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('stripe_refunds_pk', ['workspace_id', 'refund_id'])
    .execute();
  await db.schema.createIndex('stripe_refunds_sale').on('stripe_refunds').columns(['workspace_id', 'external_id']).execute();
}
