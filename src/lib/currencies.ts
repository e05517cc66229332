/**
 * ISO 4217: which three-letter codes are currencies, and how many decimals each counts in.
 */

/** Currencies whose minor unit is not 1/100 (ISO 4217 table A.1); every other code uses 2. */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/**
 * The codes in circulation, from the ICU data Node ships (`Intl.supportedValuesOf`, updated with
 * Node), plus the fund codes of the table above that ICU leaves out. A made-up code (`ZZZ`) or the
 * "no currency" code `XXX` would make amounts nobody can pay.
 */
const CURRENCY_CODES: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('currency'), ...Object.keys(EXPONENTS)]);

/** Whether `code` (upper case) is an ISO 4217 currency in circulation. */
export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODES.has(code);
}

/** Decimal places of the currency's minor unit (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}
