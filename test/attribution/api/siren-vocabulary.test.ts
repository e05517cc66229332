import { describe, expect, it } from 'vitest';
import { SIREN_VOCABULARY, storedStatuses, toSirenStatus, type SirenCollection } from '../../../src/attribution/api/index.ts';

describe("Siren's status vocabularies", () => {
  it('names every stored status with a word of the collection, or leaves it out', () => {
    for (const collection of Object.keys(SIREN_VOCABULARY) as SirenCollection[]) {
      const { words, toSiren } = SIREN_VOCABULARY[collection];
      for (const [stored, word] of Object.entries(toSiren)) {
        expect(toSirenStatus(collection, stored)).toBe(word);
        if (word !== null) expect(words).toContain(word);
      }
    }
  });

  it('leaves out draft obligations and unconfirmed transactions', () => {
    expect(toSirenStatus('obligations', 'draft')).toBeNull();
    expect(toSirenStatus('transactions', 'pending')).toBeNull();
    expect(storedStatuses('obligations', undefined).sort()).toEqual(['cancelled', 'complete', 'pending']);
    expect(storedStatuses('transactions', undefined).sort()).toEqual(['cancelled', 'complete', 'refunded']);
  });

  it('reads fulfilled as complete, and selects nothing for words we never store', () => {
    expect(storedStatuses('obligations', 'fulfilled')).toEqual(['complete']);
    expect(storedStatuses('obligations', 'complete')).toEqual(['complete']);
    expect(storedStatuses('conversions', 'expired')).toEqual([]);
    expect(storedStatuses('conversions', 'deleted')).toEqual([]);
    expect(storedStatuses('payouts', 'processing')).toEqual(['processing']);
  });
});
