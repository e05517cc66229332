import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';

/** The kinds of balance change the ledger shows. */
export type LedgerEntryType = 'obligation_issued' | 'obligation_approved' | 'obligation_cancelled' | 'obligation_reduced' | 'clawback' | 'paid' | 'payout_failed';

export interface LedgerEntry {
  type: LedgerEntryType;
  obligation_id: number;
  /** The change in minor units when the event states it; null when it only moves a status or reduces pro rata. */
  amount: number | null;
  currency: string;
  at: string;
  /** The domain event that made the change: read it with `GET …/domain-events?inbound_event_id=`. */
  event: { name: string; inbound_event_id: string; sequence: number };
}

const NAMES = ['ObligationIssued', 'ConversionApproved', 'ConversionRejected', 'RefundTriggered', 'ObligationCompleted', 'PayoutFailed'];

type Payload = Record<string, unknown>;
const ids = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []);

/**
 * Every change of one collaborator's balance, oldest first, each pointing at the domain event that
 * made it. Built from the domain-event log (the source of truth for what happened and in which
 * order), keeping the events that name one of the collaborator's obligations.
 */
export async function collaboratorLedger(db: Kysely<Database>, workspaceId: string, collaboratorId: number): Promise<LedgerEntry[]> {
  const obligations = await db.selectFrom('obligations').select(['id', 'currency', 'original_amount']).where('workspace_id', '=', workspaceId).where('collaborator_id', '=', collaboratorId).execute();
  if (obligations.length === 0) return [];
  const owned = new Map(obligations.map((o) => [o.id, o]));
  const events = await db
    .selectFrom('domain_events')
    .select(['name', 'inbound_event_id', 'sequence', 'payload', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('name', 'in', NAMES)
    .orderBy('id')
    .execute();
  const entries: LedgerEntry[] = [];
  for (const event of events) {
    const payload = JSON.parse(event.payload) as Payload;
    const push = (type: LedgerEntryType, obligationId: number, amount: number | null) => {
      const obligation = owned.get(obligationId);
      if (!obligation) return;
      entries.push({
        type,
        obligation_id: obligationId,
        amount,
        currency: obligation.currency,
        at: new Date(event.created_at).toISOString(),
        event: { name: event.name, inbound_event_id: event.inbound_event_id, sequence: event.sequence },
      });
    };
    const clawback = (id: number) => push('clawback', id, owned.get(id)?.original_amount ?? null);
    switch (event.name) {
      case 'ObligationIssued':
        push('obligation_issued', Number(payload.obligationId), Number(payload.amount));
        break;
      case 'ConversionApproved':
        for (const id of ids(payload.obligationIds)) push('obligation_approved', id, null);
        break;
      case 'ConversionRejected':
        for (const id of ids(payload.cancelledObligationIds)) push('obligation_cancelled', id, null);
        for (const id of ids(payload.clawbackObligationIds)) clawback(id);
        break;
      case 'RefundTriggered':
        for (const id of ids(payload.adjustedObligationIds)) push('obligation_reduced', id, null);
        for (const id of ids(payload.clawbackObligationIds)) clawback(id);
        break;
      case 'ObligationCompleted':
        push('paid', Number(payload.obligationId), Number(payload.amount));
        if (typeof payload.clawbackObligationId === 'number') clawback(payload.clawbackObligationId);
        break;
      case 'PayoutFailed':
        for (const id of ids(payload.releasedObligationIds)) push('payout_failed', id, null);
        break;
    }
  }
  return entries;
}

/** The collaborator's balance now, per currency: obligations' current amounts by status. */
export async function collaboratorBalance(db: Kysely<Database>, workspaceId: string, collaboratorId: number) {
  const rows = await db.selectFrom('obligations').select(['kind', 'status', 'amount', 'currency']).where('workspace_id', '=', workspaceId).where('collaborator_id', '=', collaboratorId).execute();
  const totals = new Map<string, { currency: string; draft: number; pending: number; paid: number; clawed_back: number }>();
  for (const row of rows) {
    const t = totals.get(row.currency) ?? { currency: row.currency, draft: 0, pending: 0, paid: 0, clawed_back: 0 };
    totals.set(row.currency, t);
    if (row.status === 'cancelled') continue;
    if (row.kind === 'clawback') t.clawed_back -= row.amount;
    else if (row.status === 'complete') t.paid += row.amount;
    else if (row.status === 'pending') t.pending += row.amount;
    else t.draft += row.amount;
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
