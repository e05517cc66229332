import { lockLedger } from '../ledger/ledger-lock.ts';
import { AppError, type FieldError } from '../../errors/index.ts';
import { proRata } from '../model/money.ts';
import { saleIncentive } from '../model/programs.ts';
import type { ProgramRow, TransactionRow } from '../model/tables.ts';
import { insertPendingConversion, issueObligation } from './award.ts';
import type { FlowContext } from './flow-context.ts';
import { resolveProgramGroups, type Qualifying } from './program-groups.ts';
import { rejectConversion } from './review.ts';

/** What an admin asks for: credit this transaction to this collaborator (in one program, or every one that pays). */
export interface ManualAttribution {
  transactionId: number;
  collaboratorId: number;
  programId: number | null;
  /** Reject the transaction's current conversions first; without it they make the request a 409. */
  replace: boolean;
}

export interface ManualAttributionResult {
  conversionIds: number[];
  obligationIds: number[];
  replacedConversionIds: number[];
}

/**
 * Seed 002's manual attribution: ManualAttributionRequested → (with `replace`, ConversionRejected
 * per earlier conversion, reason `admin`) → per program ConversionsAwarded → ObligationIssued. No
 * engagement is involved (seed 001: "bypasses the normal engagement-based attribution flow").
 *
 * The conversion is `pending` and its obligation `draft`, as after any award: an admin approves it
 * with the review route. Its amount is the program's incentive on the sale's total (a percent
 * rounds half-even once); the obligation is that amount pro rata to what is not refunded yet, so a
 * later refund settles it exactly as it settles an engagement-earned conversion.
 */
export async function attributeManually(flow: FlowContext, request: ManualAttribution): Promise<ManualAttributionResult> {
  const { trx, workspaceId } = flow;
  // Replacing rejects earlier conversions, which may be paid or in a run being paid right now.
  await lockLedger(flow);
  // A no-op update takes the transaction's row lock (PostgreSQL; SQLite serialises writers), so
  // two attributions of one transaction at once cannot both find it unattributed.
  const transaction: TransactionRow | undefined = await trx
    .updateTable('attribution_transactions')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', request.transactionId)
    .returningAll()
    .executeTakeFirst();
  if (!transaction) throw AppError.notFound('Transaction');

  const programs = await payingPrograms(flow, transaction, request);
  if (transaction.status === 'refunded' || transaction.status === 'cancelled') {
    throw new AppError('conflict', `A ${transaction.status} transaction earns nothing and cannot be attributed.`);
  }
  const existing = await trx
    .selectFrom('conversions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('transaction_id', '=', transaction.id)
    .where('status', '!=', 'rejected')
    .orderBy('id')
    .execute();
  if (existing.length > 0 && !request.replace) {
    throw new AppError('transaction_already_attributed', `Transaction ${transaction.id} is already credited by conversion ${existing.map((c) => c.id).join(', ')}; send replace: true to reject and replace them.`, {
      data: { conversion_ids: existing.map((c) => c.id) },
    });
  }

  await flow.dispatcher.dispatch('ManualAttributionRequested', {
    transactionId: transaction.id,
    collaboratorId: request.collaboratorId,
    programId: request.programId,
    opportunityId: transaction.opportunity_id,
    replace: request.replace,
    replacedConversionIds: existing.map((c) => c.id),
  });
  for (const conversion of existing) await rejectConversion(flow, conversion, 'admin');

  const result: ManualAttributionResult = { conversionIds: [], obligationIds: [], replacedConversionIds: existing.map((c) => c.id) };
  const awarding = request.programId === null ? await resolveProgramGroups(flow, programs, transaction.id) : programs;
  for (const { program, incentive } of awarding) {
    const conversionId = await insertPendingConversion(flow, {
      kind: 'sale',
      program_id: program.id,
      collaborator_id: request.collaboratorId,
      opportunity_id: transaction.opportunity_id,
      engagement_id: null,
      transaction_id: transaction.id,
      // Unique per admin action: the sale flow's `tx:{id}` key may already be taken by the conversion replaced.
      award_key: `manual:${flow.inboundEventId}`,
      amount: incentive.amount,
      currency: transaction.currency,
    });
    await flow.dispatcher.dispatch('ConversionsAwarded', {
      programId: program.id,
      collaboratorId: request.collaboratorId,
      conversionIds: [conversionId],
      amount: incentive.amount,
      currency: transaction.currency,
      incentive: incentive.incentive,
    });
    const owed = proRata(incentive.amount, transaction.total - transaction.refunded_total, transaction.total);
    result.conversionIds.push(conversionId);
    result.obligationIds.push(await issueObligation(flow, conversionId, request.collaboratorId, owed, transaction.currency));
  }
  return result;
}

/**
 * The programs that credit the transaction: the one named (which must be active and pay in the
 * sale's currency), or every active program that pays in it. Every bad field is reported at once.
 */
async function payingPrograms(flow: FlowContext, transaction: TransactionRow, request: ManualAttribution): Promise<Qualifying[]> {
  const { trx, workspaceId } = flow;
  const fields: FieldError[] = [];
  const collaborator = await trx
    .selectFrom('collaborators')
    .select(['id', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', request.collaboratorId)
    .executeTakeFirst();
  if (!collaborator) fields.push({ field: 'collaborator_id', message: 'is not a collaborator of this workspace' });
  else if (collaborator.status !== 'active') fields.push({ field: 'collaborator_id', message: `is ${collaborator.status}; only an active collaborator can be credited` });

  let candidates: ProgramRow[];
  if (request.programId !== null) {
    candidates = await trx
      .selectFrom('attribution_programs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', request.programId)
      .execute();
    if (candidates.length === 0) fields.push({ field: 'program_id', message: 'is not a program of this workspace' });
    else if (candidates[0]!.status !== 'active') fields.push({ field: 'program_id', message: 'is an inactive program' });
  } else {
    candidates = await trx.selectFrom('attribution_programs').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', 'active').orderBy('id').execute();
  }
  const qualifying: Qualifying[] = [];
  for (const program of candidates) {
    const incentive = saleIncentive(program, transaction.total, transaction.currency);
    if (incentive) qualifying.push({ program, engagements: [], chosen: null, incentive });
  }
  if (qualifying.length === 0 && !fields.some((f) => f.field === 'program_id')) {
    fields.push({
      field: 'program_id',
      message: request.programId === null ? `no active program pays a commission in ${transaction.currency}` : `pays no commission in ${transaction.currency}`,
    });
  }
  if (fields.length > 0) throw AppError.validation(fields);
  return qualifying;
}
