import { MAX_ROW_ID } from '../../db/index.ts';
import type { FieldError } from '../../errors/index.ts';
import { isCurrencyCode, MoneyError, toMinorUnits } from '../model/money.ts';

type Json = Record<string, unknown>;

/** Schema fragments shared by the built-in factories (Siren's SDK field names). */
export const schemaParts = {
  source: { type: 'string', minLength: 1, maxLength: 100 },
  externalId: { type: ['string', 'number'], minLength: 1, maxLength: 255 },
  /** Major units, as a JSON number (49.99) or decimal text ("49.99"); converted exactly. */
  money: { type: ['number', 'string'], maxLength: 30 },
  // Optional fields accept null as "not given": SDKs and bindings often send null for absent values.
  currency: { type: ['string', 'null'], pattern: '^[A-Za-z]{3}$' },
  opportunityId: { type: ['integer', 'null'], minimum: 1, maximum: MAX_ROW_ID },
  userId: { type: ['string', 'number', 'null'], minLength: 1, maxLength: 255 },
  email: { type: ['string', 'null'], minLength: 3, maxLength: 320 },
  code: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
} as const;

/** ISO 4217 code, upper-cased; Siren's default is USD. */
export function currencyOf(body: Json): string {
  const currency = typeof body.currency === 'string' ? body.currency.toUpperCase() : 'USD';
  if (!isCurrencyCode(currency)) throw new Error(`invalid currency ${currency}`);
  return currency;
}

/** Pushes a field error when `currency` (any case, as Siren's SDKs send it) is not an ISO 4217 code. */
export function checkCurrency(errors: FieldError[], body: Json): void {
  if (typeof body.currency === 'string' && !isCurrencyCode(body.currency.toUpperCase())) {
    errors.push({ field: 'currency', message: 'must be an ISO 4217 currency code, such as USD' });
  }
}

/** An id the SDK may send as a number or a string, as text. */
export function idText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Pushes a field error when the amount cannot be counted exactly in the currency. */
export function checkMoney(errors: FieldError[], field: string, value: unknown, currency: string): void {
  if (typeof value !== 'number' && typeof value !== 'string') return;
  try {
    toMinorUnits(value as number | string, currency);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    errors.push({ field, message: error.message });
  }
}
