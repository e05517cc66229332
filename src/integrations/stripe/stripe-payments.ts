import { sql } from 'kysely';
import type { FlowContext } from '../../attribution/index.ts';
import { findTransaction, findOpportunity, isLive, PreparedQuery } from '../../attribution/index.ts';
import type { OpportunityRow, TransactionRow } from '../../attribution/model/tables.ts';

/** The `source` of every sale, renewal and refund the integration records (Siren's SDKs send `stripe` too). */
export const STRIPE_SOURCE = 'stripe';

const refInsert = new PreparedQuery((db, p: { workspaceId: string; ref: string; externalId: string }) =>
  db
    .insertInto('stripe_payment_refs')
    .values({ workspace_id: p.workspaceId, ref: p.ref, external_id: p.externalId })
    .onConflict((oc) => oc.columns(['workspace_id', 'ref']).doNothing()),
);

/** Remembers that each Stripe id in `refs` pays the sale `externalId`; the first mapping of an id stands. */
export async function rememberRefs(flow: FlowContext, refs: readonly string[], externalId: string): Promise<void> {
  // One prepared statement per id (a checkout has two or three): on every Stripe sale, building
  // a multi-row insert with Kysely cost more than SQLite took to run it.
  for (const ref of refs) {
    if (ref !== externalId) await refInsert.run(flow.trx, { workspaceId: flow.workspaceId, ref, externalId });
  }
}

/**
 * The sale (or renewal) one of `refs` pays: a ref that is the sale's own externalId (a payment
 * intent or invoice id), or one remembered for it (a checkout session, a charge, a subscription's
 * first invoice's payment intent).
 */
export async function findStripeSale(flow: FlowContext, refs: readonly string[]): Promise<TransactionRow | undefined> {
  if (refs.length === 0) return undefined;
  const mapped = await flow.trx
    .selectFrom('stripe_payment_refs')
    .select(['ref', 'external_id'])
    .where('workspace_id', '=', flow.workspaceId)
    .where('ref', 'in', refs)
    .execute();
  const byRef = new Map(mapped.map((row) => [row.ref, row.external_id]));
  for (const ref of refs) {
    for (const externalId of [ref, byRef.get(ref)]) {
      if (externalId === undefined) continue;
      const found = await findTransaction(flow, STRIPE_SOURCE, externalId);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The opportunity a checkout is credited to: the first live one among those it names
 * (client_reference_id, then the metadata key), else, when the workspace allows it, the newest
 * live opportunity whose email (from the visit or a lead) is the customer's, in any case.
 */
export async function checkoutOpportunity(flow: FlowContext, hints: readonly number[], email: string | null, matchByEmail: boolean): Promise<OpportunityRow | undefined> {
  for (const id of hints) {
    const found = await findOpportunity(flow, id);
    if (isLive(found, flow.now)) return found;
  }
  if (!matchByEmail || email === null) return undefined;
  return flow.trx
    .selectFrom('opportunities')
    .selectAll()
    .where('workspace_id', '=', flow.workspaceId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('status', '=', 'active')
    .where('expires_at', '>', flow.now)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}
