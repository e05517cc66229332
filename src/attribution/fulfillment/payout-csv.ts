import { currencyExponent } from '../model/money.ts';

/**
 * Minor units → the exact major-unit text a bank or PayPal batch file expects: `4999` USD is
 * `49.99`, `700` JPY is `700`, `1500` KWD is `1.500`. String arithmetic on the integer, never a
 * division in floating point (4999 / 100 prints fine, but 1e21-sized sums and 3-decimal
 * currencies are where floats start to lie).
 */
export function formatMajorUnits(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not an integer amount in minor units`);
  const exponent = currencyExponent(currency);
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${minor < 0 ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) gets a leading `'`, so a
 * collaborator named `=HYPERLINK(…)` stays a name when the file is opened (OWASP CSV injection).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One payout line of the batch file. */
export interface PayoutCsvLine {
  collaboratorName: string;
  collaboratorEmail: string | null;
  amount: number;
  currency: string;
  payoutId: number;
  reference: string;
}

export const PAYOUT_CSV_HEADER = ['collaborator_name', 'collaborator_email', 'amount', 'currency', 'payout_id', 'reference'];

/** The batch file: a header, then one CRLF-terminated line per payout. */
export function payoutCsv(lines: PayoutCsvLine[]): string {
  const rows = [
    PAYOUT_CSV_HEADER.join(','),
    ...lines.map((line) =>
      [
        csvField(line.collaboratorName),
        csvField(line.collaboratorEmail),
        formatMajorUnits(line.amount, line.currency),
        line.currency,
        String(line.payoutId),
        csvField(line.reference),
      ].join(','),
    ),
  ];
  return `${rows.join('\r\n')}\r\n`;
}
