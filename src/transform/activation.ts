import { AppError } from '../errors/index.ts';
import { firstDifference } from './json-equal.ts';
import type { TransformOutcome, Transformer } from './transformer.ts';

/** How much of an unexpected result the `error` field quotes. */
const QUOTE_CHARS = 500;

export interface Activation {
  readonly status: 'active' | 'error';
  readonly error: string | null;
}

/** What a successful run returned, in the shape the user wrote it: an object, an array, or null. */
export function returnedValue(outcome: TransformOutcome & { ok: true }): unknown {
  if (outcome.shape === 'drop' || (outcome.shape === undefined && outcome.events.length === 0)) return null;
  if (outcome.shape === 'array' || outcome.events.length !== 1) return outcome.events;
  return outcome.events[0];
}

function quote(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
}

/**
 * Runs the test input through the source and decides the status: `active` when the result equals
 * `testOutput` (deep, key order irrelevant), `error` with the reason otherwise. A source without a
 * `transform` function is a bad request, not a state to save.
 */
export async function activate(
  transformer: Transformer,
  source: string,
  testInput: Record<string, unknown>,
  testOutput: unknown,
): Promise<Activation> {
  const [outcome] = await transformer.runMany(source, [testInput]);
  if (!outcome) return { status: 'error', error: 'the sandbox returned no result' };
  if (!outcome.ok) {
    if (outcome.kind === 'missing_transform') {
      throw AppError.validation([{ field: 'source_code', message: 'must define a function named transform' }]);
    }
    const stage = outcome.kind === 'compile' ? 'compilation failed' : 'the test run failed';
    // The message may come from user code (`throw new Error('\0')`); PostgreSQL text refuses NUL.
    return { status: 'error', error: `${stage}: ${outcome.error.replaceAll('\u0000', '\uFFFD')}` };
  }
  const actual = returnedValue(outcome);
  const path = firstDifference(actual, testOutput);
  if (path === undefined) return { status: 'active', error: null };
  return { status: 'error', error: `the result differs from test_output at ${path}; the transformation returned ${quote(actual)}` };
}
