import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * What the attribution admin API and Siren's readers need beyond 0004: the payouts table that
 * `GET /siren/v1/payouts` reads. Payouts are created by fulfillment runs (issue 6); until those
 * land the table stays empty, but the reader answers from real rows, so nothing changes for
 * Siren clients when it fills. Integer ids, as Siren's SDKs parse them as numbers.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema
    .createTable('payouts')
    .addColumn('id', dialect.autoIncrementType, (c) => {
      const pk = c.primaryKey();
      return dialect.needsAutoIncrementModifier ? pk.autoIncrement() : pk;
    })
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('collaborator_id', 'integer', (c) => c.notNull().references('collaborators.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount', big, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .addColumn('paid_at', big)
    .execute();
  await db.schema.createIndex('payouts_ws').on('payouts').columns(['workspace_id', 'id']).execute();
}
