import type { FlowContext } from '../flows/flow-context.ts';
import { lockLedger } from '../ledger/ledger-lock.ts';
import { collaboratorNotHeld } from '../model/payable-collaborators.ts';
import type { ObligationRow } from '../model/tables.ts';
import { completeRunIfSettled, markPayoutPaid } from './payout-settlement.ts';
import type { FulfillmentRow } from './tables.ts';

/** What an admin asks of a run. */
export interface FulfillmentRequest {
  /** Only obligations in this currency; every currency when null. */
  currency: string | null;
  /**
   * Minor units of `currency`; a collaborator whose net is below it waits for a later run. Null:
   * each program's own `minimum_payouts` apply instead (per program and currency).
   */
  minimumPayout: number | null;
  /** Pay every payout at once (a bank transfer already made by hand): one request, the whole seed-002 sequence. */
  markPaid: boolean;
  /** Recorded on every payout when `markPaid` (the transfer's reference). */
  paidReference: string | null;
}

type Claimed = Pick<ObligationRow, 'id' | 'collaborator_id' | 'conversion_id' | 'amount' | 'currency'>;

/**
 * A fulfillment run, seed 002's fulfillment & payout flow:
 *
 *   FulfillmentCreated → FulfillmentStatusChanged (pending → processing)
 *   → PayoutCreated per collaborator and currency
 *   [→ PayoutPaid → ObligationCompleted … per payout → FulfillmentStatusChanged (→ complete), with markPaid]
 *
 * Payable obligations are `pending` ones (approved commissions, and clawbacks: the negative
 * balance a refund after a payout leaves) not held by another run. The run takes the workspace's
 * ledger lock before it reads anything, so concurrent runs, refunds, rejections and payout outcomes
 * apply one after the other, and claims them in one guarded UPDATE (`fulfillment_id IS NULL`), so
 * an obligation is never in two live payouts. Per collaborator and
 * currency the amounts are netted; a net at or below zero, or under the minimum, is released
 * again for a later run. Everything happens in the caller's transaction.
 */
export async function runFulfillment(flow: FlowContext, request: FulfillmentRequest): Promise<{ fulfillment: FulfillmentRow; payoutIds: number[] }> {
  const { trx, workspaceId, now } = flow;
  await lockLedger(flow);
  const created = await trx
    .insertInto('fulfillments')
    .values({
      workspace_id: workspaceId,
      status: 'pending',
      currency: request.currency,
      minimum_payout: request.minimumPayout,
      inbound_event_id: flow.inboundEventId,
      created_at: now,
      updated_at: now,
      completed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const fulfillmentId = created.id;
  await flow.dispatcher.dispatch('FulfillmentCreated', { fulfillmentId, currency: request.currency, minimumPayout: request.minimumPayout });
  await trx.updateTable('fulfillments').set({ status: 'processing', updated_at: now }).where('id', '=', fulfillmentId).execute();
  await flow.dispatcher.dispatch('FulfillmentStatusChanged', { fulfillmentId, from: 'pending', to: 'processing' });

  const claimed = await claimPayable(flow, fulfillmentId, request.currency);
  const minimums = request.minimumPayout === null ? await programMinimums(flow, fulfillmentId, claimed) : null;
  const payoutIds: number[] = [];
  const unclaim = (ids: number[]) => trx.updateTable('obligations').set({ fulfillment_id: null }).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  for (const claimedGroup of byCollaboratorAndCurrency(claimed)) {
    const { paid: group, waiting } = minimums === null ? { paid: claimedGroup, waiting: [] } : belowProgramMinimums(claimedGroup, minimums);
    if (waiting.length > 0) await unclaim(waiting.map((o) => o.id));
    const net = group.reduce((sum, o) => sum + o.amount, 0);
    const ids = group.map((o) => o.id);
    if (group.length === 0) continue;
    if (net <= 0 || (request.minimumPayout !== null && net < request.minimumPayout)) {
      await unclaim(ids);
      continue;
    }
    const { collaborator_id: collaboratorId, currency } = group[0]!;
    const payout = await trx
      .insertInto('payouts')
      .values({
        workspace_id: workspaceId,
        collaborator_id: collaboratorId,
        fulfillment_id: fulfillmentId,
        status: 'unpaid',
        amount: net,
        currency,
        created_at: now,
        updated_at: now,
        paid_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('payout_items')
      .values(group.map((o) => ({ workspace_id: workspaceId, payout_id: payout.id, obligation_id: o.id, amount: o.amount })))
      .execute();
    await trx.updateTable('obligations').set({ payout_id: payout.id }).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
    await flow.dispatcher.dispatch('PayoutCreated', { payoutId: payout.id, fulfillmentId, collaboratorId, amount: net, currency, obligationIds: ids });
    payoutIds.push(payout.id);
  }

  if (request.markPaid) {
    for (const payoutId of payoutIds) await markPayoutPaid(flow, payoutId, request.paidReference);
  }
  // A run with nothing to pay is settled at once; otherwise it completes when its last payout is.
  await completeRunIfSettled(flow, fulfillmentId);
  const fulfillment = await trx.selectFrom('fulfillments').selectAll().where('id', '=', fulfillmentId).executeTakeFirstOrThrow();
  return { fulfillment, payoutIds };
}

/** Claims every payable obligation for the run, in one statement; returns them by id. */
async function claimPayable(flow: FlowContext, fulfillmentId: number, currency: string | null): Promise<Claimed[]> {
  const { trx, workspaceId, now } = flow;
  let claim = trx
    .updateTable('obligations')
    .set({ fulfillment_id: fulfillmentId, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'pending')
    .where('fulfillment_id', 'is', null)
    // What a banned collaborator is owed is held until an admin decides (model/payable-collaborators.ts).
    .where((eb) => collaboratorNotHeld(eb, workspaceId))
    // Commissions of approved conversions only; clawbacks belong to rejected ones and net against them.
    // A commission without a conversion is a distribution's allocation: pending means payable.
    .where((eb) =>
      eb.or([
        eb('kind', '=', 'clawback'),
        eb('conversion_id', 'is', null),
        eb('conversion_id', 'in', eb.selectFrom('conversions').select('conversions.id').where('conversions.workspace_id', '=', workspaceId).where('conversions.status', '=', 'approved')),
      ]),
    );
  if (currency !== null) claim = claim.where('currency', '=', currency);
  const rows = await claim.returning(['id', 'collaborator_id', 'conversion_id', 'amount', 'currency']).execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** Groups in a stable order (collaborator, then currency), obligations by id inside each. */
function byCollaboratorAndCurrency(obligations: Claimed[]): Claimed[][] {
  const groups = new Map<string, Claimed[]>();
  for (const obligation of obligations) {
    const key = `${obligation.collaborator_id}:${obligation.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), obligation]);
  }
  return [...groups.values()].sort((a, b) => a[0]!.collaborator_id - b[0]!.collaborator_id || a[0]!.currency.localeCompare(b[0]!.currency));
}

/** Per claimed obligation id: the minimum payout (minor units) of its program in its currency, where one is set. */
async function programMinimums(flow: FlowContext, fulfillmentId: number, claimed: Claimed[]): Promise<Map<number, { programId: number; minimum: number }>> {
  const minimums = new Map<number, { programId: number; minimum: number }>();
  // The programs of the run's claimed commissions, by conversion (a subquery: a run may claim many).
  const rows = await flow.trx
    .selectFrom('conversions')
    .select(['id', 'program_id'])
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', 'in', (eb) => eb.selectFrom('obligations').select('conversion_id').where('workspace_id', '=', flow.workspaceId).where('fulfillment_id', '=', fulfillmentId))
    .execute();
  if (rows.length === 0) return minimums;
  const programOf = new Map(rows.map((row) => [row.id, row.program_id]));
  const programs = await flow.programs.byIds(flow.trx, flow.workspaceId, programOf.values());
  for (const obligation of claimed) {
    const programId = obligation.conversion_id === null ? undefined : programOf.get(obligation.conversion_id);
    const program = programId === undefined ? undefined : programs.get(programId);
    if (program?.minimum_payouts == null) continue;
    const minimum = (JSON.parse(program.minimum_payouts) as Record<string, number>)[obligation.currency];
    if (minimum !== undefined) minimums.set(obligation.id, { programId: program.id, minimum });
  }
  return minimums;
}

/**
 * Splits one collaborator's obligations in one currency: those of a program whose own net is below
 * the program's minimum payout wait for a later run (Rewardful's and Dub's payout thresholds); the
 * rest are paid. Obligations of programs without a minimum (and distributions' allocations) are
 * always paid.
 */
function belowProgramMinimums(group: Claimed[], minimums: Map<number, { programId: number; minimum: number }>): { paid: Claimed[]; waiting: Claimed[] } {
  const netByProgram = new Map<number, number>();
  for (const obligation of group) {
    const rule = minimums.get(obligation.id);
    if (rule) netByProgram.set(rule.programId, (netByProgram.get(rule.programId) ?? 0) + obligation.amount);
  }
  const paid: Claimed[] = [];
  const waiting: Claimed[] = [];
  for (const obligation of group) {
    const rule = minimums.get(obligation.id);
    if (rule && netByProgram.get(rule.programId)! < rule.minimum) waiting.push(obligation);
    else paid.push(obligation);
  }
  return { paid, waiting };
}
