import { ConcurrentChange } from '../../db/index.ts';
import type { ListenerContext } from '../bus/index.ts';
import { PreparedQuery } from '../model/prepared-query.ts';
import type { ObligationRow, ObligationStatus } from '../model/tables.ts';
import type { LedgerChange } from './ledger-change.ts';

/**
 * Every change of an obligation's status or amount, each a guarded transition: the UPDATE names
 * the state the caller read (`status`, and `amount` where it matters) and a row that is no longer
 * in it makes the transition throw ConcurrentChange, which reruns the whole transaction on the new
 * state (see db/conflict-retry.ts) instead of silently overwriting it. Callers hold the workspace's
 * ledger lock (ledger-lock.ts), so the guard should never fire; it is what keeps a flow that forgot
 * the lock from paying money the ledger denies.
 *
 *   draft ──flag (fraud rules)──▶ flagged ──approve (admin)──▶ pending or hold, as a draft
 *   draft ──approve──▶ pending ──complete (payout paid)──▶ complete
 *     │    └─approve (program with hold_days)─▶ hold ──release (hold_until passed)──▶ pending
 *     │                  │  └──reduce (partial refund; a held one too)──▶ pending, smaller
 *     └──cancel──────────┴──cancel (rejection, full refund; a held one too)──▶ cancelled ──complete──▶ complete
 *                                                      (a payout that was already out pays it anyway; a clawback follows)
 *
 * Each returns the ledger changes it made, for the domain event that announces them.
 */
type Context = Pick<ListenerContext, 'trx' | 'workspaceId' | 'now'>;

/** The obligation fields a transition needs. */
export type ObligationState = Pick<ObligationRow, 'id' | 'collaborator_id' | 'kind' | 'status' | 'amount' | 'currency'>;

/** A balance counts draft, flagged, held and pending obligations: all are owed unless rejected (see LedgerEntryKind). */
const counted = (status: ObligationStatus) => status === 'draft' || status === 'flagged' || status === 'hold' || status === 'pending';

function change(obligation: ObligationState, kind: LedgerChange['kind'], amount: number): LedgerChange {
  return { kind, obligationId: obligation.id, collaboratorId: obligation.collaborator_id, amount, currency: obligation.currency };
}

export type NewObligation = {
  conversionId: number | null;
  collaboratorId: number;
  kind: 'commission' | 'clawback';
  status: 'draft' | 'pending';
  /** Minor units; negative for a clawback. */
  amount: number;
  currency: string;
};

const obligationInsert = new PreparedQuery((db, p: NewObligation & { workspaceId: string; now: number }) =>
  db
    .insertInto('obligations')
    .values({
      workspace_id: p.workspaceId,
      conversion_id: p.conversionId,
      collaborator_id: p.collaboratorId,
      kind: p.kind,
      status: p.status,
      amount: p.amount,
      original_amount: p.amount,
      currency: p.currency,
      created_at: p.now,
      updated_at: p.now,
    })
    .returning('id'),
);

/** Stores a new obligation (prepared: every sale runs it); its id and the `obligation_issued` (or `clawback`) change. */
export async function issueObligationRow(flow: Context, values: NewObligation): Promise<{ id: number; change: LedgerChange }> {
  const row = await obligationInsert.first(flow.trx, { ...values, workspaceId: flow.workspaceId, now: flow.now });
  const state = { id: row!.id, collaborator_id: values.collaboratorId, kind: values.kind, status: values.status, amount: values.amount, currency: values.currency };
  return { id: row!.id, change: change(state, values.kind === 'clawback' ? 'clawback' : 'obligation_issued', values.amount) };
}

type Approval = { workspaceId: string; conversionId: number; now: number };

const draftsApproval = new PreparedQuery((db, p: Approval) =>
  db
    .updateTable('obligations')
    .set({ status: 'pending', updated_at: p.now })
    .where('workspace_id', '=', p.workspaceId)
    .where('conversion_id', '=', p.conversionId)
    .where('status', 'in', ['draft', 'flagged'])
    .returning(['id', 'collaborator_id', 'kind', 'status', 'amount', 'currency']),
);

const draftsHold = new PreparedQuery((db, p: Approval & { holdUntil: number }) =>
  db
    .updateTable('obligations')
    .set({ status: 'hold', hold_until: p.holdUntil, updated_at: p.now })
    .where('workspace_id', '=', p.workspaceId)
    .where('conversion_id', '=', p.conversionId)
    .where('status', 'in', ['draft', 'flagged'])
    .returning(['id', 'collaborator_id', 'kind', 'status', 'amount', 'currency']),
);

/**
 * Every draft obligation of an approved conversion becomes payable: `pending` at once, or `hold`
 * until `holdUntil` when its program holds commissions (prepared: every sale approving on payment
 * runs it).
 */
export async function approveObligations(flow: Context, conversionId: number, holdUntil: number | null = null): Promise<{ ids: number[]; changes: LedgerChange[] }> {
  const approval = { workspaceId: flow.workspaceId, conversionId, now: flow.now };
  const rows = holdUntil === null ? await draftsApproval.execute(flow.trx, approval) : await draftsHold.execute(flow.trx, { ...approval, holdUntil });
  rows.sort((a, b) => a.id - b.id);
  return { ids: rows.map((r) => r.id), changes: rows.map((r) => change(r, 'obligation_approved', 0)) };
}

/** draft → flagged for the draft obligations of a conversion the fraud rules flagged: they wait for an admin. */
export async function flagObligations(flow: Context, conversionId: number): Promise<{ ids: number[]; changes: LedgerChange[] }> {
  const rows = await flow.trx
    .updateTable('obligations')
    .set({ status: 'flagged', updated_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('conversion_id', '=', conversionId)
    .where('status', '=', 'draft')
    .returning(['id', 'collaborator_id', 'kind', 'status', 'amount', 'currency'])
    .execute();
  rows.sort((a, b) => a.id - b.id);
  return { ids: rows.map((r) => r.id), changes: rows.map((r) => change(r, 'obligation_flagged', 0)) };
}

/** An unpaid obligation shrinks to `amount` (still above zero). */
export async function reduceObligation(flow: Context, obligation: ObligationState, amount: number): Promise<LedgerChange> {
  await guardedUpdate(flow, obligation, { amount });
  return change(obligation, 'obligation_reduced', amount - obligation.amount);
}

/** An unpaid obligation is cancelled: nothing of it is owed any more. */
export async function cancelObligation(flow: Context, obligation: ObligationState): Promise<LedgerChange> {
  await guardedUpdate(flow, obligation, { status: 'cancelled' });
  return change(obligation, 'obligation_cancelled', counted(obligation.status) ? -obligation.amount : 0);
}

/**
 * A paid payout settles the obligation at what it paid (`paid`). If a refund or rejection reduced
 * or cancelled it while the payout was out, the money went out anyway: the difference is restored
 * first, so that the `clawback` the caller records next (for `overpaid`) takes it back from a
 * balance that adds up.
 */
export async function completeObligation(flow: Context, obligation: ObligationState, paid: number, payoutId: number): Promise<{ changes: LedgerChange[]; overpaid: number }> {
  await guardedUpdate(flow, obligation, { status: 'complete', amount: paid, payout_id: payoutId });
  const before = counted(obligation.status) ? obligation.amount : 0;
  const changes: LedgerChange[] = [];
  if (paid !== before) changes.push(change(obligation, 'obligation_restored', paid - before));
  changes.push(change(obligation, obligation.kind === 'clawback' ? 'clawback_netted' : 'paid', -paid));
  // What the payout paid beyond what the obligation still counted: the caller's clawback.
  return { changes, overpaid: Math.max(0, paid - before) };
}

/**
 * Held obligations whose `hold_until` has passed become payable (`pending`), oldest first. The
 * caller holds the ledger lock, so a refund cancelling one of them applies before or after, never
 * in between.
 */
export async function releaseDueHolds(flow: Context): Promise<{ ids: number[]; changes: LedgerChange[] }> {
  const rows = await flow.trx
    .updateTable('obligations')
    .set({ status: 'pending', updated_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('status', '=', 'hold')
    .where('hold_until', '<=', flow.now)
    .returning(['id', 'collaborator_id', 'kind', 'status', 'amount', 'currency'])
    .execute();
  rows.sort((a, b) => a.id - b.id);
  return { ids: rows.map((r) => r.id), changes: rows.map((r) => change(r, 'obligation_released', 0)) };
}

/** A failed payout's pending obligations leave their run and payout: payable again. */
export async function releaseObligations(flow: Context, payoutId: number): Promise<{ ids: number[]; changes: LedgerChange[] }> {
  const rows = await flow.trx
    .updateTable('obligations')
    .set({ fulfillment_id: null, payout_id: null, updated_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('payout_id', '=', payoutId)
    .where('status', '=', 'pending')
    .returning(['id', 'collaborator_id', 'kind', 'status', 'amount', 'currency'])
    .execute();
  rows.sort((a, b) => a.id - b.id);
  return { ids: rows.map((r) => r.id), changes: rows.map((r) => change(r, 'payout_failed', 0)) };
}

async function guardedUpdate(
  flow: Context,
  obligation: ObligationState,
  values: { status?: ObligationStatus; amount?: number; payout_id?: number },
): Promise<void> {
  const result = await flow.trx
    .updateTable('obligations')
    .set({ ...values, updated_at: flow.now })
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', obligation.id)
    .where('status', '=', obligation.status)
    .where('amount', '=', obligation.amount)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new ConcurrentChange(`Obligation ${obligation.id}`);
}
