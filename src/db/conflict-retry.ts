/**
 * Retrying a transaction that lost a race. PostgreSQL aborts one side of a deadlock (`40P01`) and,
 * under REPEATABLE READ or SERIALIZABLE, a transaction whose snapshot went stale (`40001`); both
 * say "run me again", never "this request is wrong". A guarded state change that finds its row no
 * longer in the state it read (`ConcurrentChange`) means the same. SQLite serialises writers, so
 * none of these happen there, but the code path is the same on both.
 */

/** A guarded update matched no row: another transaction changed it since it was read. */
export class ConcurrentChange extends Error {
  constructor(what: string) {
    super(`${what} changed while this request was running`);
    this.name = 'ConcurrentChange';
  }
}

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

/** Whether running the same transaction again may succeed. */
export function isConcurrencyConflict(error: unknown): boolean {
  if (error instanceof ConcurrentChange) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

export interface ConflictRetryOptions {
  /** Runs in all, the first included. */
  attempts?: number;
  /** Upper bound of the first pause in ms; it doubles per attempt, with full jitter. */
  baseDelayMs?: number;
}

/**
 * Runs `transaction` (which must open and commit its own transaction, so each run starts afresh)
 * and runs it again while it fails with a concurrency conflict, at most `attempts` times in all,
 * pausing a random 0..base·2^n ms between runs so the two sides of a deadlock do not meet again.
 * The last conflict is thrown as it came.
 */
export async function retryOnConflict<T>(transaction: () => Promise<T>, options: ConflictRetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isConcurrencyConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * base * 2 ** (attempt - 1)));
    }
  }
}
