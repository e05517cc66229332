import type { CreateTableBuilder, Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * The attribution model (seeds 000–002). Ids are auto-increment integers because Siren's SDKs parse
 * them as numbers (`trackingId`, `collaboratorId`, `X-Siren-OID`). Money is integer minor units
 * plus an ISO 4217 currency. Every table carries `workspace_id` and every index starts with it.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  const table = (name: string): CreateTableBuilder<string, never> =>
    db.schema
      .createTable(name)
      .addColumn('id', dialect.autoIncrementType, (c) => {
        const pk = c.primaryKey();
        return dialect.needsAutoIncrementModifier ? pk.autoIncrement() : pk;
      })
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'));

  // Mutually exclusive programs: for one sale only the group's winner awards a conversion.
  await table('program_groups')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();

  await table('attribution_programs')
    .addColumn('group_id', 'integer', (c) => c.references('program_groups.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('incentive_type', 'text', (c) => c.notNull())
    .addColumn('incentive_bps', 'integer')
    .addColumn('incentive_amounts', 'text')
    .addColumn('lead_amount', big)
    .addColumn('lead_currency', 'text')
    .addColumn('attribution_window_days', 'integer', (c) => c.notNull())
    .addColumn('attribution_model', 'text', (c) => c.notNull())
    .addColumn('engagement_trigger', 'text', (c) => c.notNull())
    .addColumn('approval', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attribution_programs_ws').on('attribution_programs').columns(['workspace_id', 'id']).execute();

  await table('collaborators')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('user_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collaborators_ws').on('collaborators').columns(['workspace_id', 'id']).execute();

  await table('referral_codes')
    .addColumn('collaborator_id', 'integer', (c) => c.notNull().references('collaborators.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('expires_at', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referral_codes_code').on('referral_codes').columns(['workspace_id', 'code']).unique().execute();

  await table('coupons')
    .addColumn('collaborator_id', 'integer', (c) => c.notNull().references('collaborators.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coupons_code').on('coupons').columns(['workspace_id', 'code']).unique().execute();

  await table('opportunities')
    .addColumn('collaborator_id', 'integer', (c) => c.notNull().references('collaborators.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('email', 'text')
    .addColumn('landing_url', 'text')
    .addColumn('coupon_id', 'integer')
    .addColumn('inbound_event_id', 'text')
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('expires_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opportunities_ws').on('opportunities').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('opportunities_user').on('opportunities').columns(['workspace_id', 'user_id']).execute();

  await table('engagements')
    .addColumn('opportunity_id', 'integer', (c) => c.notNull().references('opportunities.id'))
    .addColumn('program_id', 'integer', (c) => c.notNull().references('attribution_programs.id'))
    .addColumn('collaborator_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('expires_at', big, (c) => c.notNull())
    .addColumn('completed_at', big)
    .execute();
  await db.schema.createIndex('engagements_ws').on('engagements').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('engagements_opportunity').on('engagements').columns(['workspace_id', 'opportunity_id']).execute();

  await table('attribution_transactions')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', big, (c) => c.notNull())
    .addColumn('refunded_total', big, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('email', 'text')
    .addColumn('coupon_code', 'text')
    .addColumn('inbound_event_id', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('completed_at', big)
    .addColumn('refunded_at', big)
    .execute();
  // The database, not a cache, guarantees one transaction per order even when two workers race.
  await db.schema
    .createIndex('attribution_transactions_external')
    .on('attribution_transactions')
    .columns(['workspace_id', 'source', 'external_id'])
    .unique()
    .execute();
  await db.schema.createIndex('attribution_transactions_ws').on('attribution_transactions').columns(['workspace_id', 'id']).execute();

  await table('conversions')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull())
    .addColumn('collaborator_id', 'integer', (c) => c.notNull())
    .addColumn('opportunity_id', 'integer')
    .addColumn('engagement_id', 'integer')
    .addColumn('transaction_id', 'integer')
    /** `tx:{id}` for sales, `lead:{source}:{externalId}` for leads: one conversion per program each. */
    .addColumn('award_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount', big, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('reviewed_at', big)
    .execute();
  await db.schema.createIndex('conversions_award').on('conversions').columns(['workspace_id', 'program_id', 'award_key']).unique().execute();
  await db.schema.createIndex('conversions_ws').on('conversions').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('conversions_transaction').on('conversions').columns(['workspace_id', 'transaction_id']).execute();

  await table('obligations')
    .addColumn('conversion_id', 'integer')
    .addColumn('collaborator_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount', big, (c) => c.notNull())
    .addColumn('original_amount', big, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('obligations_ws').on('obligations').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('obligations_conversion').on('obligations').columns(['workspace_id', 'conversion_id']).execute();

  await table('domain_events')
    .addColumn('inbound_event_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('domain_events_inbound')
    .on('domain_events')
    .columns(['workspace_id', 'inbound_event_id', 'sequence'])
    .unique()
    .execute();

  // Refunds already applied to a transaction: a retried refund (same key) changes nothing.
  await table('attribution_refunds')
    .addColumn('transaction_id', 'integer', (c) => c.notNull().references('attribution_transactions.id'))
    .addColumn('refund_key', 'text', (c) => c.notNull())
    .addColumn('amount', big, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('inbound_event_id', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attribution_refunds_key')
    .on('attribution_refunds')
    .columns(['workspace_id', 'transaction_id', 'refund_key'])
    .unique()
    .execute();

  // Canonical events (type + name) that enter attribution as a domain slug, with a field mapping.
  await table('event_bindings')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('template', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('event_bindings_event')
    .on('event_bindings')
    .columns(['workspace_id', 'event_type', 'event_name'])
    .unique()
    .execute();

  // Per-workspace settings of the /event/{slug} surface: which slugs need no key, from which origins.
  await db.schema
    .createTable('attribution_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('public_slugs', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', 'text', (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('domain_outcomes')
    .addColumn('inbox_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer', (c) => c.notNull())
    .addColumn('opportunity_id', 'integer')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('error_fields', 'text')
    .addColumn('created_at', big, (c) => c.notNull())
    .execute();
}
