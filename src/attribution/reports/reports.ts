import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { ReportAccumulator, type ReportRow } from './report-rows.ts';

export interface ReportQuery {
  workspaceId: string;
  from: number;
  to: number;
  /** Only this collaborator (collaborator report) or program (program report). */
  id: number | undefined;
}

type By = 'collaborator' | 'program';

/**
 * Per collaborator or per program and UTC day, over `[from, to)`:
 * - visits: opportunities (collaborator) or engagements (program) created;
 * - leads / sales: conversions of that kind created (a sale counted once per transaction);
 * - revenue: the totals of those sales' transactions;
 * - earned: what obligations were issued for (original amounts, by day issued);
 * - draft / flagged / hold / pending / paid: commissions' current amounts in that status, by day issued (paid by day paid);
 * - refunded: refunds of the credited transactions, by day refunded;
 * - clawed_back: clawback obligations (positive), by day recorded, unless cancelled.
 * Distribution allocations count in the collaborator report only: they belong to no program.
 */
export async function buildReport(db: Kysely<Database>, by: By, query: ReportQuery): Promise<ReportRow[]> {
  const { workspaceId, from, to, id } = query;
  const report = new ReportAccumulator();
  const key = by === 'collaborator' ? 'collaborator_id' : 'program_id';

  if (by === 'collaborator') {
    let visits = db.selectFrom('opportunities').select(['collaborator_id as id', 'created_at']).where('workspace_id', '=', workspaceId).where('created_at', '>=', from).where('created_at', '<', to);
    if (id !== undefined) visits = visits.where('collaborator_id', '=', id);
    for (const v of await visits.execute()) report.count(v.id, v.created_at, 'visits');
  } else {
    let visits = db.selectFrom('engagements').select(['program_id as id', 'created_at']).where('workspace_id', '=', workspaceId).where('created_at', '>=', from).where('created_at', '<', to);
    if (id !== undefined) visits = visits.where('program_id', '=', id);
    for (const v of await visits.execute()) report.count(v.id, v.created_at, 'visits');
  }

  let conversions = db
    .selectFrom('conversions')
    .leftJoin('attribution_transactions', (join) => join.onRef('attribution_transactions.id', '=', 'conversions.transaction_id').onRef('attribution_transactions.workspace_id', '=', 'conversions.workspace_id'))
    .select(['conversions.collaborator_id', 'conversions.program_id', 'conversions.kind', 'conversions.award_key', 'conversions.transaction_id', 'conversions.created_at', 'attribution_transactions.total', 'attribution_transactions.currency'])
    .where('conversions.workspace_id', '=', workspaceId)
    .where('conversions.created_at', '>=', from)
    .where('conversions.created_at', '<', to);
  if (id !== undefined) conversions = conversions.where(`conversions.${key}`, '=', id);
  const counted = new Set<string>();
  for (const c of await conversions.orderBy('conversions.id').execute()) {
    const owner = by === 'collaborator' ? c.collaborator_id : c.program_id;
    // Lesson awards are stored as kind `lead` (see system/lessons.ts) but are not sign-ups.
    if (c.kind === 'lead' && !c.award_key.startsWith('lesson:')) report.count(owner, c.created_at, 'leads');
    if (c.kind !== 'sale' || c.transaction_id === null) continue;
    const once = `${owner}|${c.transaction_id}`;
    if (counted.has(once)) continue;
    counted.add(once);
    report.count(owner, c.created_at, 'sales');
    if (c.total !== null && c.currency !== null) report.add(owner, c.created_at, c.currency, 'revenue', c.total);
  }

  let refunds = db
    .selectFrom('attribution_refunds')
    .innerJoin('conversions', (join) => join.onRef('conversions.transaction_id', '=', 'attribution_refunds.transaction_id').onRef('conversions.workspace_id', '=', 'attribution_refunds.workspace_id'))
    .select(['conversions.collaborator_id', 'conversions.program_id', 'attribution_refunds.id', 'attribution_refunds.amount', 'attribution_refunds.currency', 'attribution_refunds.created_at'])
    .where('attribution_refunds.workspace_id', '=', workspaceId)
    .where('conversions.kind', '=', 'sale')
    .where('attribution_refunds.created_at', '>=', from)
    .where('attribution_refunds.created_at', '<', to);
  if (id !== undefined) refunds = refunds.where(`conversions.${key}`, '=', id);
  const refundSeen = new Set<string>();
  for (const r of await refunds.execute()) {
    const owner = by === 'collaborator' ? r.collaborator_id : r.program_id;
    if (refundSeen.has(`${owner}|${r.id}`)) continue;
    refundSeen.add(`${owner}|${r.id}`);
    report.add(owner, r.created_at, r.currency, 'refunded', r.amount);
  }

  let obligations = db
    .selectFrom('obligations')
    .leftJoin('conversions', (join) => join.onRef('conversions.id', '=', 'obligations.conversion_id').onRef('conversions.workspace_id', '=', 'obligations.workspace_id'))
    .select(['obligations.collaborator_id', 'conversions.program_id', 'obligations.kind', 'obligations.status', 'obligations.amount', 'obligations.original_amount', 'obligations.currency', 'obligations.created_at', 'obligations.updated_at'])
    .where('obligations.workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb.and([eb('obligations.created_at', '>=', from), eb('obligations.created_at', '<', to)]), eb.and([eb('obligations.updated_at', '>=', from), eb('obligations.updated_at', '<', to)])]));
  if (id !== undefined) obligations = obligations.where(by === 'collaborator' ? 'obligations.collaborator_id' : 'conversions.program_id', '=', id);
  const inRange = (at: number) => at >= from && at < to;
  for (const o of await obligations.execute()) {
    const owner = by === 'collaborator' ? o.collaborator_id : o.program_id;
    if (owner === null) continue;
    // A clawback counts once, as clawed back, whether it is still owed or was netted in a payout.
    if (o.kind === 'clawback') {
      if (o.status !== 'cancelled' && inRange(o.created_at)) report.add(owner, o.created_at, o.currency, 'clawed_back', -o.original_amount);
      continue;
    }
    if (inRange(o.created_at)) report.add(owner, o.created_at, o.currency, 'earned', o.original_amount);
    if (o.status === 'complete' && inRange(o.updated_at)) report.add(owner, o.updated_at, o.currency, 'paid', o.amount);
    if ((o.status === 'draft' || o.status === 'flagged' || o.status === 'hold' || o.status === 'pending') && inRange(o.created_at)) report.add(owner, o.created_at, o.currency, o.status, o.amount);
  }
  return report.result();
}
