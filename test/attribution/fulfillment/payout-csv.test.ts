import { describe, expect, it } from 'vitest';
import { csvField, formatMajorUnits, payoutCsv } from '../../../src/attribution/fulfillment/payout-csv.ts';

describe('payout batch file', () => {
  it.each([
    [4999, 'USD', '49.99'],
    [5, 'USD', '0.05'],
    [0, 'EUR', '0.00'],
    [700, 'JPY', '700'],
    [1500, 'KWD', '1.500'],
    [1, 'KWD', '0.001'],
    [-1050, 'USD', '-10.50'],
    [9_007_199_254_740_991, 'USD', '90071992547409.91'],
  ])('formats %i minor units of %s as %s', (minor, currency, text) => {
    expect(formatMajorUnits(minor, currency)).toBe(text);
  });

  it('refuses an amount that is not an integer of minor units', () => {
    expect(() => formatMajorUnits(49.99, 'USD')).toThrow(RangeError);
  });

  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(null)).toBe('');
  });

  it('writes a header and one CRLF line per payout', () => {
    expect(payoutCsv([{ collaboratorName: 'Ada', collaboratorEmail: null, amount: 1234, currency: 'EUR', payoutId: 9, reference: 'TRB-F1-P9' }])).toBe(
      'collaborator_name,collaborator_email,amount,currency,payout_id,reference\r\nAda,,12.34,EUR,9,TRB-F1-P9\r\n',
    );
  });
});
