import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { LedgerEntryKind } from '../ledger/tables.ts';

export interface LedgerEntry {
  type: LedgerEntryKind;
  obligation_id: number;
  /** The signed change of the collaborator's balance, in minor units of `currency`. */
  amount: number;
  currency: string;
  at: string;
  /**
   * The domain event that made the change: read it with `GET …/domain-events?inbound_event_id=`.
   * Null for entries the ledger's migration wrote for obligations older than the ledger.
   */
  event: { name: string; inbound_event_id: string; sequence: number } | null;
}

/**
 * Every change of one collaborator's balance, oldest first, each pointing at the domain event that
 * made it. The entries are written with the change itself (ledger/ledger-change.ts), so they add up
 * to the balance at any time.
 */
export async function collaboratorLedger(db: Kysely<Database>, workspaceId: string, collaboratorId: number): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('collaborator_id', '=', collaboratorId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    type: row.kind,
    obligation_id: row.obligation_id,
    amount: row.amount,
    currency: row.currency,
    at: new Date(row.created_at).toISOString(),
    event: row.event_name === 'migration' ? null : { name: row.event_name, inbound_event_id: row.inbound_event_id, sequence: row.event_sequence },
  }));
}

export interface CollaboratorBalance {
  currency: string;
  /** What is owed now: the sum of the ledger's entries (draft + flagged + hold + pending − clawbacks not yet netted). */
  balance: number;
  draft: number;
  /** Flagged by the program's fraud rules, awaiting an admin's review. */
  flagged: number;
  /** Approved, inside the program's holding period: owed, not payable yet. */
  hold: number;
  pending: number;
  /** Commissions paid, at what was paid for them. */
  paid: number;
  /** Clawbacks recorded (positive), netted or not. */
  clawed_back: number;
  /** Clawbacks recorded and not yet netted against a payout (positive). */
  clawback_outstanding: number;
  /** Cash that left: what paid payouts paid (`paid` less the clawbacks they netted). */
  paid_out: number;
}

/** The collaborator's balance now, per currency: obligations' current amounts by status, and the ledger's sum. */
export async function collaboratorBalance(db: Kysely<Database>, workspaceId: string, collaboratorId: number): Promise<CollaboratorBalance[]> {
  const rows = await db.selectFrom('obligations').select(['kind', 'status', 'amount', 'currency']).where('workspace_id', '=', workspaceId).where('collaborator_id', '=', collaboratorId).execute();
  const sums = await db
    .selectFrom('ledger_entries')
    .select(['currency', (eb) => eb.fn.sum<number>('amount').as('total')])
    .where('workspace_id', '=', workspaceId)
    .where('collaborator_id', '=', collaboratorId)
    .groupBy('currency')
    .execute();
  const totals = new Map<string, CollaboratorBalance>();
  const of = (currency: string) => {
    let t = totals.get(currency);
    if (!t) totals.set(currency, (t = { currency, balance: 0, draft: 0, flagged: 0, hold: 0, pending: 0, paid: 0, clawed_back: 0, clawback_outstanding: 0, paid_out: 0 }));
    return t;
  };
  for (const row of sums) of(row.currency).balance = Number(row.total);
  for (const row of rows) {
    const t = of(row.currency);
    if (row.status === 'cancelled') continue;
    if (row.kind === 'clawback') {
      t.clawed_back -= row.amount;
      if (row.status === 'complete') t.paid_out += row.amount;
      else t.clawback_outstanding -= row.amount;
    } else if (row.status === 'complete') {
      t.paid += row.amount;
      t.paid_out += row.amount;
    } else if (row.status === 'pending') t.pending += row.amount;
    else if (row.status === 'hold') t.hold += row.amount;
    else if (row.status === 'flagged') t.flagged += row.amount;
    else t.draft += row.amount;
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
