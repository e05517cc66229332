import { currencyExponent } from '../../lib/currencies.ts';

/**
 * Money as integer minor units plus an ISO 4217 currency. Siren's SDKs send major-unit decimals
 * (`total: 49.99`); they are converted through their decimal text, never by float multiplication
 * (49.99 * 100 is 4998.999…), and percentages round half-even once, with BigInt arithmetic.
 */

export { currencyExponent, isCurrencyCode } from '../../lib/currencies.ts';

export class MoneyError extends Error {}

/**
 * Major units (a JSON number or decimal string) → minor units. Throws MoneyError when the value
 * has more decimals than the currency has, is negative, or is too large to count exactly.
 *
 * A JSON number a few floating-point steps from a whole number of minor units is read as that
 * amount: a shop that adds prices in floats sends `0.30000000000000004` or `59.97000000000001`,
 * and refusing it would lose a real sale over a rounding artefact of the client's arithmetic. The
 * tolerance is a handful of ulps, far below half a minor unit, so `19.995` is still refused. A
 * decimal string is exact text and gets no tolerance.
 */
export function toMinorUnits(value: number | string, currency: string): number {
  const exponent = currencyExponent(currency);
  const text = typeof value === 'number' ? numberText(withoutFloatNoise(value, exponent)) : value.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new MoneyError('must be a non-negative decimal amount');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    throw new MoneyError(`has more than ${exponent} decimal place${exponent === 1 ? '' : 's'}, the most ${currency} allows`);
  }
  const minor = BigInt(match[1]!) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyError('is too large');
  return Number(minor);
}

/** Floating-point steps within which a number counts as the whole minor-unit amount next to it. */
const FLOAT_NOISE_ULPS = 16;

/** `value` rounded to `exponent` decimals when it is only float noise away from that; else `value`. */
function withoutFloatNoise(value: number, exponent: number): number {
  if (!Number.isFinite(value)) return value;
  const rounded = Number(value.toFixed(exponent));
  return Math.abs(value - rounded) <= FLOAT_NOISE_ULPS * Number.EPSILON * Math.max(1, Math.abs(value)) ? rounded : value;
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
