import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * The ledger (issue 14): `ledger_locks`, one row per workspace that every change of existing money
 * locks first, and `ledger_entries`, every change of a collaborator's balance with its signed
 * amount, written in the same transaction as the change (see attribution/ledger/).
 *
 * Obligations written before this migration get entries that add up to their present state: the
 * original amount issued, a reduction to what it is now, then its cancellation or payment. They
 * point at no domain event (`event_name` = 'migration', sequence 0).
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema
    .createTable('ledger_locks')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('version', big, (c) => c.notNull())
    .execute();
  let entries = db.schema.createTable('ledger_entries').addColumn('id', dialect.autoIncrementType, (c) => {
    const key = c.primaryKey();
    return dialect.needsAutoIncrementModifier ? key.autoIncrement() : key;
  });
  entries = entries
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('collaborator_id', 'integer', (c) => c.notNull())
    .addColumn('obligation_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', big, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('inbound_event_id', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('event_sequence', 'integer', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull());
  await entries.execute();
  await db.schema.createIndex('ledger_entries_collaborator').on('ledger_entries').columns(['workspace_id', 'collaborator_id', 'id']).execute();
  await db.schema.createIndex('ledger_entries_obligation').on('ledger_entries').columns(['obligation_id']).execute();

  const backfill = (kind: string, amount: string, where: string) =>
    sql
      .raw(
        `insert into ledger_entries (workspace_id, collaborator_id, obligation_id, kind, amount, currency, inbound_event_id, event_name, event_sequence, created_at)
         select workspace_id, collaborator_id, id, '${kind}', ${amount}, currency, 'migration', 'migration', 0, updated_at from obligations where ${where} order by id`,
      )
      .execute(db);
  await backfill('obligation_issued', 'original_amount', "kind = 'commission'");
  await backfill('clawback', 'original_amount', "kind = 'clawback'");
  await backfill('obligation_reduced', 'amount - original_amount', 'amount <> original_amount');
  await backfill('obligation_cancelled', '-amount', "status = 'cancelled'");
  await backfill('paid', '-amount', "status = 'complete' and kind = 'commission'");
  await backfill('clawback_netted', '-amount', "status = 'complete' and kind = 'clawback'");
}
