import { createHash } from 'node:crypto';
import ivm from 'isolated-vm';
import type { TransformErrorKind, TransformOutcome } from '../transformer.ts';
import { contextScript } from './prelude.ts';
import { boundedLogs, messageOf, readAnswer, RunFailure, type PreludeAnswer } from './run-answer.ts';

/**
 * Runs user code in isolated-vm, inside a sandbox child process (never in the server).
 *
 * One isolate per (source, memory limit), kept in a small LRU with the context script (prelude
 * and user source, prelude.ts) compiled once. A batch (the events of one `runMany` call: one
 * destination's deliveries, so one workspace) shares one context: creating a context costs about
 * 0.3 ms of CPU, the call itself about 0.01 ms, so a context per event made a trivial
 * transformation cost more than the webhook it feeds. Sharing is safe because the prelude locks
 * the realm down (realm-lockdown.ts: frozen built-ins, global additions deleted after each run)
 * and re-runs the source's top level for every event. A context serves later batches only when
 * the caller names the transformation (`reuseKey`, see runBatch). A run that was cut short (time
 * or memory limit: its prelude never reset the globals) or left global state it could not undo
 * ends its context, and the next event gets a fresh one; a run that threw or returned something
 * invalid went through the prelude's reset like any other, so it keeps the context (a
 * transformation that fails every event must not pay for a lock-down per event). The event goes in as a JSON
 * string and the result comes out as a JSON string: no host object or `Reference` is ever handed
 * into the isolate.
 *
 * Execution uses the synchronous API: the child does one thing at a time, and isolated-vm's
 * timeout still interrupts the script from its own timer thread.
 */

/** Isolates kept per child; the least recently used one is disposed beyond this. */
const MAX_CACHED_ISOLATES = 32;
export interface RunLimits {
  readonly timeoutMs: number;
  readonly memoryMb: number;
}

interface CompiledSource {
  readonly isolate: ivm.Isolate;
  /** The context script (prelude around the user's source), or why the source did not compile. */
  readonly script: ivm.Script | { readonly compileError: string };
  /** A context left by the last batch that asked to keep it, for the next batch with the same key. */
  idle: { readonly key: string; readonly session: Session } | undefined;
}

/** A context set up for a batch, with the prelude's closures (prelude.ts). */
interface Session {
  readonly compiled: CompiledSource;
  readonly context: ivm.Context;
  readonly run: ivm.Reference<(json: string) => unknown>;
  readonly takeLogs: ivm.Reference<() => string[]>;
  readonly runGroup: ivm.Reference<(json: string) => unknown>;
  readonly takeGroupAnswers: ivm.Reference<() => unknown>;
  /** Released (in reverse) when the session ends: a context lives as long as any reference into it. */
  readonly handles: readonly { release(): void }[];
}

export class IsolateRunner {
  private readonly cache = new Map<string, CompiledSource>();
  private lastSource: string | undefined;
  private lastHash = '';

  /**
   * Runs `transform(event)` for each event, in order, in one context; never throws. Each event has
   * its own time limit, covering the source's top level and the call (not the context set-up,
   * which is ours), and its own outcome: a failing event fails alone.
   *
   * With `reuseKey` (a transformation id: one workspace's code) the context outlives the batch and
   * serves the next batch of this source with the same key, so a destination's rounds of
   * deliveries do not each pay for a context and its lock-down (about 3 ms). Without one, the
   * context ends with the batch.
   */
  runBatch(source: string, events: readonly Record<string, unknown>[], limits: RunLimits, reuseKey?: string): TransformOutcome[] {
    const key = this.keyFor(source, limits.memoryMb);
    const outcomes: TransformOutcome[] = [];
    let session: Session | undefined;
    const cached = this.cache.get(key);
    if (reuseKey !== undefined && cached?.idle?.key === reuseKey && !cached.isolate.isDisposed) {
      session = cached.idle.session;
      cached.idle = undefined;
    }
    try {
      if (events.length > 1) {
        const grouped = this.runGroup(key, source, events, limits, session);
        session = grouped.session;
        outcomes.push(...grouped.outcomes);
      }
      for (const event of events.slice(outcomes.length)) {
        const started = performance.now();
        for (let attempt = 1; ; attempt += 1) {
          let logs: string[] = [];
          let compiled: CompiledSource | undefined = session?.compiled;
          let cpuBefore: NodeJS.CpuUsage | undefined;
          try {
            if (!session) {
              compiled = this.compiled(key, source, limits.memoryMb);
              session = this.open(compiled);
            }
            const current = session;
            let answer: unknown;
            try {
              cpuBefore = process.cpuUsage();
              answer = current.run.applySync(undefined, [JSON.stringify(event)], {
                timeout: limits.timeoutMs,
                arguments: { copy: true },
                result: { copy: true },
              });
            } catch (thrown) {
              // A time-out or a dead isolate: keep what the run logged before it, if it can be read.
              if (!current.compiled.isolate.isDisposed) logs = this.collectLogs(current.takeLogs);
              throw thrown;
            }
            const [, , , clean, rawLogs] = Array.isArray(answer) ? (answer as PreludeAnswer) : [];
            logs = boundedLogs(rawLogs);
            if (clean !== true) session = this.close(session);
            outcomes.push({ ...readAnswer(answer, started), logs });
            break;
          } catch (thrown) {
            session = this.close(session);
            const kind = this.failureKind(thrown, compiled);
            if (kind === 'timeout' && attempt === 1 && this.starved(compiled, cpuBefore, limits)) continue;
            outcomes.push({
              ok: false,
              error: this.failureMessage(thrown, compiled, key, limits),
              kind,
              logs,
              durationMs: performance.now() - started,
            });
            break;
          }
        }
      }
    } finally {
      if (session && reuseKey !== undefined && !session.compiled.isolate.isDisposed) {
        this.close(session.compiled.idle?.session);
        session.compiled.idle = { key: reuseKey, session };
      } else {
        this.close(session);
      }
    }
    return outcomes;
  }

  /**
   * The fast path of a batch: every event in one call into the isolate (a call costs about 8 µs
   * of crossing, more than a trivial run), the whole call bounded by ONE event's time limit. A
   * healthy batch of quick runs fits easily; when it does not (a slow or looping run, a busy
   * machine) the call is cut short, the answers of the runs that finished are kept, and the
   * remaining events, the interrupted one first, go through the per-event path with their own
   * limits. So no event ever gets more than its own limit, and a looping transformation costs one
   * extra limit per batch. The call also stops after an unclean run, and a compile error or a
   * dead isolate leaves everything to the per-event path, which reports them.
   */
  private runGroup(
    key: string,
    source: string,
    events: readonly Record<string, unknown>[],
    limits: RunLimits,
    session: Session | undefined,
  ): { session: Session | undefined; outcomes: TransformOutcome[] } {
    const started = performance.now();
    let answers: unknown;
    try {
      session ??= this.open(this.compiled(key, source, limits.memoryMb));
      answers = session.runGroup.applySync(undefined, [JSON.stringify(events)], {
        timeout: limits.timeoutMs,
        arguments: { copy: true },
        result: { copy: true },
      });
    } catch {
      if (!session || session.compiled.isolate.isDisposed) {
        if (session) this.cache.delete(key);
        return { session: undefined, outcomes: [] };
      }
      try {
        answers = session.takeGroupAnswers.applySync(undefined, [], { timeout: 20, result: { copy: true } });
      } catch {
        answers = [];
      }
      // The interrupted run never reset the globals.
      session = this.close(session);
    }
    const list = Array.isArray(answers) ? answers.slice(0, events.length) : [];
    const each = (performance.now() - started) / Math.max(1, list.length);
    const outcomes = list.map((answer): TransformOutcome => {
      const [, , , clean, rawLogs] = Array.isArray(answer) ? (answer as PreludeAnswer) : [];
      const logs = boundedLogs(rawLogs);
      if (clean !== true) session = this.close(session);
      try {
        return { ...readAnswer(answer, performance.now() - each), logs };
      } catch (thrown) {
        return { ok: false, error: this.failureMessage(thrown, undefined, key, limits), kind: this.failureKind(thrown, undefined), logs, durationMs: each };
      }
    });
    return { session, outcomes };
  }

  /** Runs `transform(event)` once, in a context of its own. */
  run(source: string, event: Record<string, unknown>, limits: RunLimits): TransformOutcome {
    return this.runBatch(source, [event], limits)[0]!;
  }

  /**
   * The time limit is wall clock (isolated-vm's timeout), but what it is for is CPU: a run that
   * used less than half its limit in CPU was waiting for a core (a loaded machine, a stopped
   * process), not looping. Such a run is tried once more, in a fresh context, instead of failing a
   * delivery for good because the machine was busy; a run that loops uses its whole limit in CPU.
   * The CPU is this process's (it runs one thing at a time): isolated-vm's own `cpuTime` counts
   * time the process was not running.
   */
  private starved(compiled: CompiledSource | undefined, cpuBefore: NodeJS.CpuUsage | undefined, limits: RunLimits): boolean {
    if (!compiled || compiled.isolate.isDisposed || cpuBefore === undefined) return false;
    const used = process.cpuUsage(cpuBefore);
    return (used.user + used.system) / 1000 < limits.timeoutMs / 2;
  }

  /** A new context for `compiled`, set up by the context script. */
  private open(compiled: CompiledSource): Session {
    if ('compileError' in compiled.script) throw new RunFailure('compile', compiled.script.compileError);
    const handles: { release(): void }[] = [];
    try {
      const context = compiled.isolate.createContextSync();
      handles.push(context);
      const hooks = compiled.script.runSync(context, { reference: true }) as ivm.Reference<Record<number, unknown>>;
      handles.push(hooks);
      const run = hooks.getSync(0, { reference: true }) as ivm.Reference<(json: string) => unknown>;
      handles.push(run);
      const takeLogs = hooks.getSync(1, { reference: true }) as ivm.Reference<() => string[]>;
      handles.push(takeLogs);
      const runGroup = hooks.getSync(2, { reference: true }) as ivm.Reference<(json: string) => unknown>;
      handles.push(runGroup);
      const takeGroupAnswers = hooks.getSync(3, { reference: true }) as ivm.Reference<() => unknown>;
      handles.push(takeGroupAnswers);
      return { compiled, context, run, takeLogs, runGroup, takeGroupAnswers, handles };
    } catch (thrown) {
      this.release(compiled, handles);
      throw thrown;
    }
  }

  /** Ends a session (if any); returns undefined so callers can write `session = this.close(session)`. */
  private close(session: Session | undefined): undefined {
    if (session) this.release(session.compiled, session.handles);
    return undefined;
  }

  private release(compiled: CompiledSource, handles: readonly { release(): void }[]): void {
    if (compiled.isolate.isDisposed) return;
    for (const handle of [...handles].reverse()) handle.release();
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
    let script: CompiledSource['script'];
    try {
      // The source alone first: its own syntax errors, and a source that would close the
      // prelude's wrapper early is not a valid script on its own.
      isolate.compileScriptSync(source, { filename: 'transformation.js' }).release();
      const { code, lineOffset } = contextScript(source);
      script = isolate.compileScriptSync(code, { filename: 'transformation.js', lineOffset });
    } catch (thrown) {
      script = { compileError: messageOf(thrown) };
    }
    const entry: CompiledSource = { isolate, script, idle: undefined };
    this.cache.set(key, entry);
    while (this.cache.size > MAX_CACHED_ISOLATES) {
      const [oldestKey, oldest] = this.cache.entries().next().value as [string, CompiledSource];
      this.cache.delete(oldestKey);
      if (!oldest.isolate.isDisposed) oldest.isolate.dispose();
    }
    return entry;
  }
}
