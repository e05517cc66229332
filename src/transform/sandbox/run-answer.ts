import secureJson from 'secure-json-parse';
import type { ResultShape, TransformErrorKind, TransformOutcome } from '../transformer.ts';
import { MAX_LOG_CHARS, MAX_LOG_LINE_CHARS, MAX_LOG_LINES } from './prelude.ts';

/**
 * The host's reading of what the isolate answered (prelude.ts): the answer tuple, the logs and the
 * result JSON are untrusted data, checked and bounded here before they leave the sandbox process.
 */

/** A returned result larger than this (as JSON) is refused rather than forwarded. */
export const MAX_RESULT_CHARS = 1024 * 1024;

/** A failed run, with its kind; thrown inside the runner and turned into an outcome. */
export class RunFailure extends Error {
  constructor(
    readonly kind: TransformErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export type PreludeAnswer = [status: 'ok' | 'missing' | 'threw' | 'invalid', detail: string, json: string, clean: boolean, logs: unknown];

export function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return `${thrown.name || 'Error'}: ${thrown.message}`;
  try {
    return `the source threw a non-Error value: ${typeof thrown === 'string' ? thrown : JSON.stringify(thrown)}`;
  } catch {
    return 'a value that cannot be described was thrown';
  }
}

/**
 * The prelude already bounds the logs; the host bounds them again because the isolate's answer is
 * untrusted. The slack allows the prelude's own last line and its "… more dropped" note.
 */
export function boundedLogs(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const logs: string[] = [];
  let chars = 0;
  for (const line of value.slice(0, MAX_LOG_LINES + 1)) {
    if (typeof line !== 'string') break;
    const kept = line.slice(0, MAX_LOG_LINE_CHARS + 1);
    chars += kept.length;
    if (chars > MAX_LOG_CHARS + 2 * MAX_LOG_LINE_CHARS) break;
    logs.push(kept);
  }
  return logs;
}

/** Reads the JSON the isolate produced; refuses oversized results and `__proto__` / `constructor.prototype` keys. */
function readResult(shape: ResultShape, json: string): Record<string, unknown>[] {
  if (shape === 'drop') return [];
  if (json.length > MAX_RESULT_CHARS) {
    throw new RunFailure('invalid_result', `the result is larger than ${MAX_RESULT_CHARS} characters of JSON`);
  }
  let value: unknown;
  try {
    value = secureJson.parse(json, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new RunFailure('invalid_result', 'the result contains a __proto__ or constructor.prototype key');
  }
  const items = shape === 'array' ? value : [value];
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    throw new RunFailure('invalid_result', 'transform must return an object, an array of objects, or null');
  }
  return items as Record<string, unknown>[];
}

/**
 * Reads one prelude answer: the outcome of a run that went well, or a RunFailure saying why not.
 * The answer comes from the isolate, so its shape is checked, never assumed.
 */
export function readAnswer(answer: unknown, started: number): Omit<TransformOutcome & { ok: true }, 'logs'> {
  if (!Array.isArray(answer) || typeof answer[0] !== 'string' || typeof answer[1] !== 'string') {
    throw new RunFailure('invalid_result', 'the sandbox answered in an unexpected shape');
  }
  const [status, detail, json] = answer as unknown as PreludeAnswer;
  if (status === 'missing') throw new RunFailure('missing_transform', detail);
  if (status === 'threw') throw new RunFailure('threw', detail);
  if (status === 'invalid') throw new RunFailure('invalid_result', detail);
  if (status !== 'ok' || !['object', 'array', 'drop'].includes(detail) || typeof json !== 'string') {
    throw new RunFailure('invalid_result', 'the sandbox answered in an unexpected shape');
  }
  const shape = detail as ResultShape;
  return { ok: true, events: readResult(shape, json), shape, durationMs: performance.now() - started };
}
