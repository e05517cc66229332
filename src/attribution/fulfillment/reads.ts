import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { PayoutRow } from '../api/index.ts';
import { toFulfillmentResource, toPayoutResource, type RunTotals } from './resources.ts';
import type { FulfillmentRow } from './tables.ts';

type Reader = Kysely<Database>;

/** Payouts as resources, each with the obligations it was built from (kept after a failure, for history). */
export async function payoutResources(db: Reader, workspaceId: string, rows: PayoutRow[]) {
  const items =
    rows.length === 0
      ? []
      : await db
          .selectFrom('payout_items')
          .select(['payout_id', 'obligation_id'])
          .where('workspace_id', '=', workspaceId)
          .where('payout_id', 'in', rows.map((r) => r.id))
          .orderBy('obligation_id')
          .execute();
  return rows.map((row) => toPayoutResource(row, items.filter((i) => i.payout_id === row.id).map((i) => i.obligation_id)));
}

/** Runs as resources, with their payout count and per-currency totals (failed payouts count for nothing). */
export async function fulfillmentResources(db: Reader, workspaceId: string, rows: FulfillmentRow[]) {
  const payouts =
    rows.length === 0
      ? []
      : await db
          .selectFrom('payouts')
          .select(['fulfillment_id', 'status', 'amount', 'currency'])
          .where('workspace_id', '=', workspaceId)
          .where('fulfillment_id', 'in', rows.map((r) => r.id))
          .execute();
  return rows.map((row) => {
    const own = payouts.filter((p) => p.fulfillment_id === row.id);
    const totals: RunTotals['totals'] = [];
    for (const payout of own) {
      let total = totals.find((t) => t.currency === payout.currency);
      if (!total) totals.push((total = { currency: payout.currency, amount: 0, paid: 0 }));
      if (payout.status !== 'failed') total.amount += payout.amount;
      if (payout.status === 'paid') total.paid += payout.amount;
    }
    totals.sort((a, b) => a.currency.localeCompare(b.currency));
    return toFulfillmentResource(row, { payout_count: own.length, totals });
  });
}
