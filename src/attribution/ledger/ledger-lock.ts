import type { ListenerContext } from '../bus/index.ts';

/**
 * Takes the workspace's ledger lock for the rest of the caller's transaction. Every flow that
 * changes money that already exists (refunds, reviews, payment confirmations, fulfillment runs,
 * payout outcomes, manual attribution) takes it before it reads anything, so that on PostgreSQL's
 * READ COMMITTED each such flow reads what the one before it committed and they apply one after the
 * other, in one lock order: ledger lock first, then the rows. Without it a run and a refund each
 * read an obligation as pending and the later writer silently overwrote the earlier one's status
 * (issue 14). New money (a sale's fresh obligations) needs no lock: nobody else can see it yet.
 *
 * An upsert takes the row lock on both databases with one statement and creates the row on first
 * use; a second transaction waits on it. On SQLite the write lock is already held (BEGIN IMMEDIATE),
 * so it costs one small write. Taking it again in the same transaction is free of waits.
 */
export async function lockLedger(flow: Pick<ListenerContext, 'trx' | 'workspaceId'>): Promise<void> {
  await flow.trx
    .insertInto('ledger_locks')
    .values({ workspace_id: flow.workspaceId, version: 1 })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet((eb) => ({ version: eb(eb.ref('ledger_locks.version'), '+', 1) })))
    .execute();
}
