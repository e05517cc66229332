import type { ConversionStatus, ObligationStatus, TransactionStatus } from '../model/tables.ts';
import type { PayoutStatus } from './tables.ts';

/**
 * Our statuses in Siren's vocabularies (compat/SIREN.md), in one place. `null` means Siren has no
 * word for the state, and its readers leave such rows out rather than misname them:
 * - a `draft` obligation belongs to a conversion nobody has approved yet; calling it `pending`
 *   would tell a reconciler it is payable; a `hold` obligation (approved, inside its program's
 *   holding period) is not payable yet either, nor is a `flagged` one (awaiting fraud review);
 * - a `pending` transaction is an order whose payment is not confirmed; Siren's transaction
 *   statuses (`complete | cancelled | refunded`) all describe settled orders.
 * Both appear in Siren's readers once they move on, and in the admin API at all times.
 */
export const SIREN_VOCABULARY = {
  conversions: {
    words: ['pending', 'approved', 'rejected', 'expired', 'deleted'],
    toSiren: { pending: 'pending', approved: 'approved', rejected: 'rejected' } satisfies Record<ConversionStatus, string | null>,
    aliases: {} as Record<string, string>,
  },
  transactions: {
    words: ['complete', 'cancelled', 'refunded'],
    toSiren: { pending: null, complete: 'complete', cancelled: 'cancelled', refunded: 'refunded' } satisfies Record<TransactionStatus, string | null>,
    aliases: {} as Record<string, string>,
  },
  obligations: {
    words: ['pending', 'complete', 'fulfilled', 'cancelled'],
    toSiren: { draft: null, flagged: null, hold: null, pending: 'pending', complete: 'complete', cancelled: 'cancelled' } satisfies Record<ObligationStatus, string | null>,
    // Siren's machine paths write `complete`, its admin surface says `fulfilled`: one state.
    aliases: { fulfilled: 'complete' } as Record<string, string>,
  },
  payouts: {
    words: ['unpaid', 'processing', 'paid', 'failed'],
    toSiren: { unpaid: 'unpaid', processing: 'processing', paid: 'paid', failed: 'failed' } satisfies Record<PayoutStatus, string | null>,
    aliases: {} as Record<string, string>,
  },
} as const;

export type SirenCollection = keyof typeof SIREN_VOCABULARY;

/** Siren's word for a stored status (the row is listed only when there is one). */
export function toSirenStatus(collection: SirenCollection, status: string): string | null {
  return (SIREN_VOCABULARY[collection].toSiren as Record<string, string | null>)[status] ?? null;
}

/**
 * The stored statuses a Siren status filter selects; without a filter, every status Siren can
 * name. `expired` and `deleted` conversions are Siren words we never store, so they select none.
 */
export function storedStatuses(collection: SirenCollection, sirenStatus: string | undefined): string[] {
  const vocabulary = SIREN_VOCABULARY[collection];
  const wanted = sirenStatus === undefined ? undefined : (vocabulary.aliases[sirenStatus] ?? sirenStatus);
  return Object.entries(vocabulary.toSiren as Record<string, string | null>)
    .filter(([, word]) => word !== null && (wanted === undefined || word === wanted))
    .map(([stored]) => stored);
}
