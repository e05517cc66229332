import { currencyExponent, isCurrencyCode } from '../../lib/currencies.ts';

/**
 * Stripe amounts are integers in the currency's smallest unit, as ours are, but Stripe's idea of
 * that unit differs from ISO 4217 for a few currencies (https://docs.stripe.com/currencies):
 * - zero-decimal in Stripe: BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF
 *   (MGA has two decimals in ISO 4217, so 5000 MGA in Stripe is 500000 of our minor units);
 * - ISK and UGX are zero-decimal but, for backwards compatibility, Stripe counts them in hundredths
 *   (ISK 5 is `500`), so their amounts are divided by 100, and must divide exactly;
 * - three-decimal in Stripe: BHD JOD KWD OMR TND, as in ISO 4217.
 */
const STRIPE_EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, JPY: 0, KMF: 0, KRW: 0, MGA: 0, PYG: 0, RWF: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  ISK: 2, UGX: 2,
  BHD: 3, JOD: 3, KWD: 3, OMR: 3, TND: 3,
};

export class StripeAmountError extends Error {}

/** Stripe's lower-case currency as our ISO 4217 code; throws for a code we do not count in. */
export function stripeCurrency(currency: unknown): string {
  const code = typeof currency === 'string' ? currency.toUpperCase() : '';
  if (!isCurrencyCode(code)) throw new StripeAmountError(`currency ${JSON.stringify(currency)} is not an ISO 4217 code`);
  return code;
}

/** A Stripe amount in `currency` (upper case) as our minor units, exactly. */
export function stripeAmountToMinor(amount: unknown, currency: string): number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
    throw new StripeAmountError(`amount ${JSON.stringify(amount)} is not a non-negative integer`);
  }
  const shift = currencyExponent(currency) - (STRIPE_EXPONENTS[currency] ?? 2);
  if (shift >= 0) {
    const minor = amount * 10 ** shift;
    if (!Number.isSafeInteger(minor)) throw new StripeAmountError(`amount ${amount} ${currency} is too large`);
    return minor;
  }
  const divisor = 10 ** -shift;
  if (amount % divisor !== 0) throw new StripeAmountError(`amount ${amount} ${currency} is not a whole number of ${currency}`);
  return amount / divisor;
}
