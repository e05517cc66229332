import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { percentOf } from './money.ts';
import { PreparedQuery } from './prepared-query.ts';
import type { ProgramRow } from './tables.ts';

export const DAY_MS = 86_400_000;

/** Active programs whose engagement trigger accepts the signal, oldest first (a stable order). */
export async function programsTriggeredBy(trx: Kysely<Database>, workspaceId: string, trigger: 'referral' | 'coupon'): Promise<ProgramRow[]> {
  return trx
    .selectFrom('attribution_programs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .where('engagement_trigger', 'in', ['any', trigger])
    .orderBy('id')
    .execute();
}

/** The common case, one program: a prepared query (an `in` list is compiled anew each time). */
const programById = new PreparedQuery((db, p: { workspaceId: string; id: number }) =>
  db.selectFrom('attribution_programs').selectAll().where('workspace_id', '=', p.workspaceId).where('id', '=', p.id),
);

export async function programsById(trx: Kysely<Database>, workspaceId: string, ids: number[]): Promise<Map<number, ProgramRow>> {
  if (ids.length === 0) return new Map();
  if (ids.length === 1) return new Map((await programById.execute(trx, { workspaceId, id: ids[0]! })).map((row) => [row.id, row]));
  const rows = await trx.selectFrom('attribution_programs').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export function flatAmounts(program: ProgramRow): Record<string, number> {
  return program.incentive_amounts ? (JSON.parse(program.incentive_amounts) as Record<string, number>) : {};
}

export type SaleIncentive = { amount: number; incentive: { type: 'percent'; basisPoints: number } | { type: 'flat'; amount: number } };

/**
 * The commission a sale earns under the program, or undefined when the program pays nothing in
 * this currency (a flat incentive defined for other currencies only).
 */
export function saleIncentive(program: ProgramRow, total: number, currency: string): SaleIncentive | undefined {
  if (program.incentive_type === 'percent') {
    const basisPoints = program.incentive_bps ?? 0;
    return { amount: percentOf(total, basisPoints), incentive: { type: 'percent', basisPoints } };
  }
  const amount = flatAmounts(program)[currency];
  return amount === undefined ? undefined : { amount, incentive: { type: 'flat', amount } };
}
