import { createHash } from 'node:crypto';
import ivm from 'isolated-vm';
import secureJson from 'secure-json-parse';
import type { ResultShape, TransformErrorKind, TransformOutcome } from '../transformer.ts';
import { MAX_LOG_CHARS, MAX_LOG_LINE_CHARS, MAX_LOG_LINES, PRELUDE_SOURCE } from './prelude.ts';

/**
 * Runs user code in isolated-vm, inside a sandbox child process (never in the server).
 *
 * One isolate per (source, memory limit), kept in a small LRU with the prelude and the user's
 * script compiled once. Every event gets a fresh context (a new realm: its own globals and
 * prototypes), so nothing one run does (prototype pollution, globals, counters) reaches the next;
 * a context costs well under a millisecond. The event goes in as a JSON string and the result
 * comes out as a JSON string: no host object or `Reference` is ever handed into the isolate.
 *
 * Execution uses the synchronous API: the child does one thing at a time, and isolated-vm's
 * timeout still interrupts the script from its own timer thread.
 */

/** Isolates kept per child; the least recently used one is disposed beyond this. */
const MAX_CACHED_ISOLATES = 32;
/** A returned result larger than this (as JSON) is refused rather than forwarded. */
export const MAX_RESULT_CHARS = 1024 * 1024;

export interface RunLimits {
  readonly timeoutMs: number;
  readonly memoryMb: number;
}

interface CompiledSource {
  readonly isolate: ivm.Isolate;
  readonly prelude: ivm.Script;
  /** The user's script, or why it did not compile. */
  readonly script: ivm.Script | { readonly compileError: string };
}

class RunFailure extends Error {
  constructor(
    readonly kind: TransformErrorKind,
    message: string,
  ) {
    super(message);
  }
}

type PreludeAnswer = ['ok', ResultShape, string] | ['missing' | 'threw' | 'invalid', string];

function messageOf(thrown: unknown): string {
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
function boundedLogs(value: unknown): string[] {
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

export class IsolateRunner {
  private readonly cache = new Map<string, CompiledSource>();
  private lastSource: string | undefined;
  private lastHash = '';

  /**
   * Runs `transform(event)` once; never throws. The time limit covers the user's code (its top
   * level and the call), not the context set-up, which is ours.
   */
  run(source: string, event: Record<string, unknown>, limits: RunLimits): TransformOutcome {
    const started = performance.now();
    let logs: string[] = [];
    const key = this.keyFor(source, limits.memoryMb);
    let compiled: CompiledSource | undefined;
    // Every handle into the context is released after the run: a context stays alive (and counts
    // against the isolate's heap) for as long as any reference into it does.
    const handles: { release(): void }[] = [];
    try {
      compiled = this.compiled(key, source, limits.memoryMb);
      if ('compileError' in compiled.script) throw new RunFailure('compile', compiled.script.compileError);
      const context = compiled.isolate.createContextSync();
      handles.push(context);
      const hooks = compiled.prelude.runSync(context, { reference: true }) as ivm.Reference<Record<number, unknown>>;
      const run = hooks.getSync(0, { reference: true }) as ivm.Reference<(json: string) => PreludeAnswer>;
      const takeLogs = hooks.getSync(1, { reference: true }) as ivm.Reference<() => string[]>;
      handles.push(hooks, run, takeLogs);
      const deadline = performance.now() + limits.timeoutMs;
      const remaining = () => {
        const left = Math.floor(deadline - performance.now());
        if (left < 1) throw new RunFailure('timeout', `time limit of ${limits.timeoutMs} ms exceeded`);
        return left;
      };
      try {
        compiled.script.runSync(context, { timeout: remaining() });
        const answer = run.applySync(undefined, [JSON.stringify(event)], {
          timeout: remaining(),
          arguments: { copy: true },
          result: { copy: true },
        }) as unknown;
        return { ...this.outcome(answer, started), logs: this.collectLogs(takeLogs) };
      } catch (thrown) {
        logs = this.collectLogs(takeLogs);
        throw thrown;
      }
    } catch (thrown) {
      return {
        ok: false,
        error: this.failureMessage(thrown, compiled, key, limits),
        kind: this.failureKind(thrown, compiled),
        logs,
        durationMs: performance.now() - started,
      };
    } finally {
      if (!compiled?.isolate.isDisposed) for (const handle of handles.reverse()) handle.release();
    }
  }

  /** The cache key of (source, memory limit); the last source's hash is remembered, as runs come in batches of one source. */
  private keyFor(source: string, memoryMb: number): string {
    if (source !== this.lastSource) {
      this.lastSource = source;
      this.lastHash = createHash('sha256').update(source).digest('hex');
    }
    return `${memoryMb}:${this.lastHash}`;
  }

  /** Disposes every cached isolate. */
  dispose(): void {
    for (const entry of this.cache.values()) if (!entry.isolate.isDisposed) entry.isolate.dispose();
    this.cache.clear();
  }

  private outcome(answer: unknown, started: number): Omit<TransformOutcome & { ok: true }, 'logs'> {
    if (!Array.isArray(answer) || typeof answer[0] !== 'string' || typeof answer[1] !== 'string') {
      throw new RunFailure('invalid_result', 'the sandbox answered in an unexpected shape');
    }
    const [status, detail, json] = answer as PreludeAnswer;
    if (status === 'missing') throw new RunFailure('missing_transform', detail);
    if (status === 'threw') throw new RunFailure('threw', detail);
    if (status === 'invalid') throw new RunFailure('invalid_result', detail);
    if (status !== 'ok' || !['object', 'array', 'drop'].includes(detail) || typeof json !== 'string') {
      throw new RunFailure('invalid_result', 'the sandbox answered in an unexpected shape');
    }
    const events = readResult(detail, json);
    return { ok: true, events, shape: detail, durationMs: performance.now() - started };
  }

  private collectLogs(takeLogs: ivm.Reference<() => string[]>): string[] {
    try {
      // A short budget of its own: user code may have tampered with Array.prototype in this context.
      return boundedLogs(takeLogs.applySync(undefined, [], { timeout: 20, result: { copy: true } }));
    } catch {
      return [];
    }
  }

  private failureKind(thrown: unknown, compiled: CompiledSource | undefined): TransformErrorKind {
    if (thrown instanceof RunFailure) return thrown.kind;
    if (compiled?.isolate.isDisposed) return 'memory';
    if (thrown instanceof Error && /timed out/i.test(thrown.message)) return 'timeout';
    return 'threw';
  }

  private failureMessage(thrown: unknown, compiled: CompiledSource | undefined, key: string, limits: RunLimits): string {
    if (thrown instanceof RunFailure) return thrown.message;
    if (compiled?.isolate.isDisposed) {
      // An isolate that hit its heap limit is gone; the next run of this source starts a new one.
      this.cache.delete(key);
      return `memory limit of ${limits.memoryMb} MB exceeded`;
    }
    if (thrown instanceof Error && /timed out/i.test(thrown.message)) return `time limit of ${limits.timeoutMs} ms exceeded`;
    return messageOf(thrown);
  }

  private compiled(key: string, source: string, memoryMb: number): CompiledSource {
    const cached = this.cache.get(key);
    if (cached && !cached.isolate.isDisposed) {
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const isolate = new ivm.Isolate({
      memoryLimit: memoryMb,
      // isolated-vm's README: after this, V8 has lost control of the isolate; the only safe move is to
      // abort this process. The parent sees the exit, fails the runs it held and starts a new child.
      onCatastrophicError: () => process.abort(),
    });
    const prelude = isolate.compileScriptSync(PRELUDE_SOURCE, { filename: 'tributary:prelude.js' });
    let script: CompiledSource['script'];
    try {
      script = isolate.compileScriptSync(source, { filename: 'transformation.js' });
    } catch (thrown) {
      script = { compileError: messageOf(thrown) };
    }
    const entry: CompiledSource = { isolate, prelude, script };
    this.cache.set(key, entry);
    while (this.cache.size > MAX_CACHED_ISOLATES) {
      const [oldestKey, oldest] = this.cache.entries().next().value as [string, CompiledSource];
      this.cache.delete(oldestKey);
      if (!oldest.isolate.isDisposed) oldest.isolate.dispose();
    }
    return entry;
  }
}
