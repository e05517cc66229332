import { ConcurrentChange } from '../../db/index.ts';
import type { LedgerChange } from '../ledger/ledger-change.ts';
import { approveObligations, cancelObligation, issueObligationRow, reduceObligation } from '../ledger/obligation-transitions.ts';
import { PreparedQuery } from '../model/prepared-query.ts';
import type { ConversionRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';

type ReviewContext = Pick<FlowContext, 'trx' | 'workspaceId' | 'now' | 'dispatcher' | 'programs'>;

type Move = { workspaceId: string; id: number; now: number };

/** pending → approved, guarded: prepared, as it runs in every sale of a program approving on payment. */
const toApproved = new PreparedQuery((db, p: Move) =>
  db.updateTable('conversions').set({ status: 'approved', reviewed_at: p.now }).where('workspace_id', '=', p.workspaceId).where('id', '=', p.id).where('status', '=', 'pending'),
);

/** pending | approved → rejected, guarded. */
const toRejected = new PreparedQuery((db, p: Move) =>
  db.updateTable('conversions').set({ status: 'rejected', reviewed_at: p.now }).where('workspace_id', '=', p.workspaceId).where('id', '=', p.id).where('status', '!=', 'rejected'),
);

/**
 * A guarded conversion step: a conversion no longer in the status it was read in (another
 * transaction reviewed it since) throws ConcurrentChange, and the flow runs again on the new state.
 */
async function moveConversion(flow: ReviewContext, conversion: ConversionRow, step: typeof toApproved): Promise<void> {
  const result = await step.run(flow.trx, { workspaceId: flow.workspaceId, id: conversion.id, now: flow.now });
  if (result.numAffectedRows !== 1n) throw new ConcurrentChange(`Conversion ${conversion.id}`);
}

const DAY_MS = 86_400_000;

/**
 * Approves a pending conversion: its draft obligations become pending (payable), or, when its
 * program holds commissions, `hold` for `hold_days` (ObligationsHeld follows ConversionApproved:
 * seed 002's order stays as it is, the new event comes after). Callers changing a conversion that
 * others may also change hold the ledger lock (ledger/ledger-lock.ts).
 */
export async function approveConversion(flow: ReviewContext, conversion: ConversionRow, by: 'payment' | 'admin'): Promise<void> {
  await moveConversion(flow, conversion, toApproved);
  const program = (await flow.programs.byIds(flow.trx, flow.workspaceId, [conversion.program_id])).get(conversion.program_id);
  const holdDays = program?.hold_days ?? 0;
  const holdUntil = holdDays > 0 ? flow.now + holdDays * DAY_MS : null;
  const approved = await approveObligations(flow, conversion.id, holdUntil);
  await flow.dispatcher.dispatch('ConversionApproved', { conversionId: conversion.id, by, obligationIds: approved.ids }, approved.changes);
  if (holdUntil !== null && approved.ids.length > 0) {
    await flow.dispatcher.dispatch('ObligationsHeld', { conversionId: conversion.id, programId: conversion.program_id, obligationIds: approved.ids, holdUntil: new Date(holdUntil).toISOString() });
  }
}

/** What settling a conversion's obligations changed. */
export interface Settlement {
  cancelled: number[];
  adjusted: number[];
  clawbacks: number[];
  /** The ledger changes, for the domain event that announces the settlement. */
  ledger: LedgerChange[];
}

/**
 * Brings a conversion's obligations in line with what it has now `earned` (minor units). Unpaid
 * commission obligations shrink to what is still owed (cancelled at zero); when more was already
 * paid than is earned, a negative `clawback` obligation records the difference, which later
 * payouts net against. Recomputing from the totals each time means successive partial refunds
 * round once per state and never claw back more than was paid.
 *
 * The caller holds the workspace's ledger lock, so what is read here is what the last money change
 * committed (a payout paid a moment ago is `complete`, not still `pending`), and each change is a
 * guarded transition on the state read.
 */
export async function settleObligations(flow: ReviewContext, conversion: ConversionRow, earned: number): Promise<Settlement> {
  const obligations = await flow.trx
    .selectFrom('obligations')
    .select(['id', 'collaborator_id', 'kind', 'status', 'amount', 'currency'])
    .where('workspace_id', '=', flow.workspaceId)
    .where('conversion_id', '=', conversion.id)
    .where('status', '!=', 'cancelled')
    .orderBy('id')
    .execute();
  // Paid commissions minus what clawbacks already took back (their amounts are negative).
  let settled = 0;
  const unpaid = [];
  for (const obligation of obligations) {
    if (obligation.kind === 'clawback') settled += obligation.amount;
    else if (obligation.status === 'complete') settled += obligation.amount;
    else unpaid.push(obligation);
  }
  const result: Settlement = { cancelled: [], adjusted: [], clawbacks: [], ledger: [] };
  let owed = Math.max(0, earned - settled);
  for (const obligation of unpaid) {
    const amount = Math.min(owed, obligation.amount);
    owed -= amount;
    if (amount === obligation.amount) continue;
    if (amount === 0) {
      result.ledger.push(await cancelObligation(flow, obligation));
      result.cancelled.push(obligation.id);
    } else {
      result.ledger.push(await reduceObligation(flow, obligation, amount));
      result.adjusted.push(obligation.id);
    }
  }
  if (settled > earned) {
    const clawback = await insertClawback(flow, conversion.id, conversion.collaborator_id, settled - earned, conversion.currency);
    result.clawbacks.push(clawback.id);
    result.ledger.push(clawback.change);
  }
  return result;
}

/**
 * Rejects a conversion: nothing is earned any more. Unpaid obligations are cancelled; what was
 * already paid becomes a negative balance (see settleObligations).
 */
export async function rejectConversion(flow: ReviewContext, conversion: ConversionRow, reason: 'refund' | 'admin'): Promise<void> {
  await moveConversion(flow, conversion, toRejected);
  const settlement = await settleObligations(flow, conversion, 0);
  await flow.dispatcher.dispatch(
    'ConversionRejected',
    { conversionId: conversion.id, reason, cancelledObligationIds: settlement.cancelled, clawbackObligationIds: settlement.clawbacks },
    settlement.ledger,
  );
}

/** A negative, payable obligation: what was paid of a conversion beyond what it still earns. */
export function insertClawback(flow: Pick<ReviewContext, 'trx' | 'workspaceId' | 'now'>, conversionId: number | null, collaboratorId: number, amount: number, currency: string) {
  return issueObligationRow(flow, { conversionId, collaboratorId, kind: 'clawback', status: 'pending', amount: -amount, currency });
}
