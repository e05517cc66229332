/**
 * Money as integer minor units plus an ISO 4217 currency. Siren's SDKs send major-unit decimals
 * (`total: 49.99`); they are converted through their decimal text, never by float multiplication
 * (49.99 * 100 is 4998.999…), and percentages round half-even once, with BigInt arithmetic.
 */

/** Currencies whose minor unit is not 1/100 (ISO 4217 table A.1); every other code uses 2. */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export const CURRENCY_PATTERN = '^[A-Z]{3}$';

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

export class MoneyError extends Error {}

/**
 * Major units (a JSON number or decimal string) → minor units. Throws MoneyError when the value
 * has more decimals than the currency has, is negative, or is too large to count exactly.
 */
export function toMinorUnits(value: number | string, currency: string): number {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new MoneyError('must be a non-negative decimal amount');
  const exponent = currencyExponent(currency);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    throw new MoneyError(`has more than ${exponent} decimal place${exponent === 1 ? '' : 's'}, the most ${currency} allows`);
  }
  const minor = BigInt(match[1]!) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyError('is too large');
  return Number(minor);
}

/** JavaScript prints the shortest text that reads back as the same double: `49.99`, not `49.98999…`. */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyError('must be a finite number');
  const text = String(value);
  // 1e-7 and 1e21 print in exponent form; no real price needs either.
  if (/e/i.test(text)) throw new MoneyError('must be written without an exponent');
  return text;
}

/** Divides and rounds half to even (banker's rounding), exactly. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const quotient = n / denominator;
  const twiceRemainder = (n % denominator) * 2n;
  let rounded = quotient;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) rounded += 1n;
  return negative ? -rounded : rounded;
}

/** `amount × bps / 10 000`, rounded half-even once. */
export function percentOf(amountMinor: number, basisPoints: number): number {
  return Number(divideHalfEven(BigInt(amountMinor) * BigInt(basisPoints), 10_000n));
}

/** `amount × numerator / denominator`, rounded half-even once (pro-rata refunds). */
export function proRata(amountMinor: number, numerator: number, denominator: number): number {
  if (denominator === 0) return 0;
  return Number(divideHalfEven(BigInt(amountMinor) * BigInt(numerator), BigInt(denominator)));
}
