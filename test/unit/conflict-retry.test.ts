import { describe, expect, it } from 'vitest';
import { ConcurrentChange, isConcurrencyConflict, retryOnConflict } from '../../src/db/index.ts';

/** Issue 14: a transaction that lost a race runs again, a bounded number of times; nothing else does. */
describe('retrying a transaction that lost a race', () => {
  const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

  it('treats deadlocks, serialization failures and guarded transitions that found their row changed as conflicts', () => {
    expect(isConcurrencyConflict(pgError('40P01'))).toBe(true);
    expect(isConcurrencyConflict(pgError('40001'))).toBe(true);
    expect(isConcurrencyConflict(new ConcurrentChange('Obligation 3'))).toBe(true);
    expect(isConcurrencyConflict(pgError('23505'))).toBe(false);
    expect(isConcurrencyConflict(new Error('boom'))).toBe(false);
    expect(isConcurrencyConflict(undefined)).toBe(false);
    expect(isConcurrencyConflict('40P01')).toBe(false);
  });

  it('runs the transaction again until it commits', async () => {
    let runs = 0;
    const result = await retryOnConflict(async () => {
      runs += 1;
      if (runs < 3) throw pgError('40P01');
      return 'committed';
    }, { baseDelayMs: 0 });
    expect([result, runs]).toEqual(['committed', 3]);
  });

  it('gives up after the bounded number of runs, with the last conflict', async () => {
    let runs = 0;
    const failing = retryOnConflict(async () => {
      runs += 1;
      throw pgError('40001');
    }, { attempts: 4, baseDelayMs: 0 });
    await expect(failing).rejects.toMatchObject({ code: '40001' });
    expect(runs).toBe(4);
  });

  it('never runs again for an error that is not a conflict', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs += 1;
        throw pgError('23505');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(runs).toBe(1);
  });
});
