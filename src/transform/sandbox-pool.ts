import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { isChildMessage, type ChildMessage, type RunRequest } from './sandbox/protocol.ts';
import type { RunOptions, TransformLimits, TransformOutcome, Transformer } from './transformer.ts';

/**
 * A small pool of sandbox child processes that runs transformations (isolated-vm's README asks for
 * untrusted code to run in a process apart from critical infrastructure, one that may abort).
 *
 * Jobs (one source, a batch of events) wait in one queue; an idle, ready child takes the next one,
 * so a child holds at most one job. Children start on demand, up to `processes`, so a server that
 * never transforms never forks.
 *
 * Child states: starting → ready (sent `ready`) → busy (holds a job) → ready … → exited.
 * When a child exits or stops answering (the watchdog kills it), only the job it held fails; the
 * next queued job starts a new child. A child that dies before it is ready three times in a row
 * fails the queued jobs with its stderr, instead of forking forever.
 */

export interface SandboxPoolOptions {
  /** Most child processes at once. */
  readonly processes: number;
  /** Default per-event time limit, ms. */
  readonly timeoutMs: number;
  /** Default per-isolate heap limit, MB. */
  readonly memoryMb: number;
  readonly logger: Logger;
  /** Slack a batch gets beyond the sum of its time limits before its child is presumed hung. */
  readonly watchdogGraceMs?: number;
  /** How long a new child may take to load before it is presumed broken. */
  readonly startTimeoutMs?: number;
  /** The child's entry file; tests point it at a child that cannot start. */
  readonly childEntry?: string;
  /** Hears every run's outcomes (metrics count them). */
  readonly onOutcomes?: (outcomes: readonly TransformOutcome[]) => void;
}

/** isolated-vm refuses heaps under 8 MB. */
const MIN_MEMORY_MB = 8;
const START_FAILURES_BEFORE_GIVING_UP = 3;
/**
 * A large batch is split into jobs of at most this many events: idle children share the work, a
 * crash fails only the events of one job, and the watchdog's budget stays short.
 */
const MAX_EVENTS_PER_JOB = 100;
/** Smaller jobs than this are not split further: a message round trip costs more than a few runs. */
const MIN_EVENTS_PER_JOB = 8;
const STDERR_TAIL_CHARS = 2000;

/**
 * The child runs what this module runs: the TypeScript sources under tsx (tests, `npm run dev`),
 * or the compiled JavaScript of dist/ (`npm start`), which needs no loader.
 */
const COMPILED = import.meta.url.endsWith('.js');
const CHILD_ENTRY = fileURLToPath(new URL(`./sandbox/child-main.${COMPILED ? 'js' : 'ts'}`, import.meta.url));
const LOADER_ARGS = COMPILED ? [] : ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];

interface Job {
  readonly request: RunRequest;
  readonly resolve: (outcomes: TransformOutcome[]) => void;
  sentAt: number;
}

interface Child {
  readonly process: ChildProcess;
  ready: boolean;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Why the parent killed it, for the message of the job it held. */
  killedBecause: string | undefined;
  stderr: string;
  readonly exited: Promise<void>;
}

function failAll(job: Job, error: string): TransformOutcome[] {
  const durationMs = job.sentAt ? performance.now() - job.sentAt : 0;
  return job.request.events.map(() => ({ ok: false, error, kind: 'sandbox', logs: [], durationMs }));
}

export class SandboxPool implements Transformer {
  private readonly children = new Set<Child>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private startFailures = 0;
  private closed = false;

  constructor(private readonly options: SandboxPoolOptions) {}

  async runMany(
    source: string,
    events: readonly Record<string, unknown>[],
    limits: TransformLimits = {},
    options: RunOptions = {},
  ): Promise<TransformOutcome[]> {
    const timeoutMs = Math.max(1, Math.floor(limits.timeoutMs ?? this.options.timeoutMs));
    const memoryMb = Math.max(MIN_MEMORY_MB, Math.floor(limits.memoryMb ?? this.options.memoryMb));
    const chunks: Promise<TransformOutcome[]>[] = [];
    // Spread a batch over the processes (a delivery worker's claim of 64 events runs on both
    // children of a 2-process pool, in half the time), in jobs of at most MAX_EVENTS_PER_JOB.
    const perJob = Math.min(MAX_EVENTS_PER_JOB, Math.max(MIN_EVENTS_PER_JOB, Math.ceil(events.length / this.options.processes)));
    for (let start = 0; start < events.length; start += perJob) {
      const chunk = events.slice(start, start + perJob);
      const request: RunRequest = { type: 'run', id: this.nextId++, source, events: chunk, timeoutMs, memoryMb };
      chunks.push(this.enqueue(options.reuseKey === undefined ? request : { ...request, reuseKey: options.reuseKey }));
    }
    const outcomes = (await Promise.all(chunks)).flat();
    this.options.onOutcomes?.(outcomes);
    return outcomes;
  }

  private enqueue(request: RunRequest): Promise<TransformOutcome[]> {
    return new Promise((resolve) => {
      const job: Job = { request, resolve, sentAt: 0 };
      if (this.closed) return resolve(failAll(job, 'the transformer is closed'));
      this.queue.push(job);
      this.pump();
    });
  }

  /** Children alive, children holding a job, and jobs waiting (for diagnostics and the crash tests). */
  stats(): { processes: number; busy: number; queued: number } {
    const busy = [...this.children].filter((child) => child.job !== undefined).length;
    return { processes: this.children.size, busy, queued: this.queue.length };
  }

  /** Process ids of the live children (for operators' diagnostics and the crash tests). */
  processIds(): number[] {
    return [...this.children].flatMap((child) => (child.process.pid === undefined ? [] : [child.process.pid]));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(failAll(job, 'the transformer is closed'));
    await Promise.all(
      [...this.children].map(async (child) => {
        child.killedBecause = 'the transformer closed';
        if (child.process.connected) child.process.disconnect();
        const force = setTimeout(() => child.process.kill('SIGKILL'), 2000);
        await child.exited;
        clearTimeout(force);
      }),
    );
  }

  private pump(): void {
    if (this.closed) return;
    for (const child of this.children) {
      if (this.queue.length === 0) return;
      if (child.ready && !child.job) this.assign(child, this.queue.shift()!);
    }
    const starting = [...this.children].some((child) => !child.ready);
    if (this.queue.length > 0 && !starting && this.children.size < this.options.processes) this.spawn();
  }

  private assign(child: Child, job: Job): void {
    child.job = job;
    job.sentAt = performance.now();
    const { events, timeoutMs } = job.request;
    // Each event is bounded by its own time limit; a child past the sum plus slack is stuck in
    // something isolated-vm cannot interrupt, and is killed.
    const budget = (this.options.watchdogGraceMs ?? 5000) + events.length * (timeoutMs + 50);
    child.timer = setTimeout(() => this.kill(child, `the sandbox process stopped answering within ${budget} ms and was restarted`), budget);
    child.process.send(job.request, (error) => {
      if (error) this.kill(child, `the sandbox process could not be reached (${error.message})`);
    });
  }

  private kill(child: Child, reason: string): void {
    child.killedBecause ??= reason;
    child.process.kill('SIGKILL');
  }

  private onMessage(child: Child, message: ChildMessage): void {
    if (message.type === 'ready') {
      child.ready = true;
      clearTimeout(child.timer);
      child.timer = undefined;
      this.startFailures = 0;
      this.pump();
      return;
    }
    const job = child.job;
    if (!job || job.request.id !== message.id) return;
    clearTimeout(child.timer);
    child.timer = undefined;
    child.job = undefined;
    if (message.outcomes.length === job.request.events.length) job.resolve(message.outcomes);
    else job.resolve(failAll(job, 'the sandbox process answered with the wrong number of results'));
    this.pump();
  }

  private onExit(child: Child, code: number | null, signal: NodeJS.Signals | null): void {
    this.children.delete(child);
    clearTimeout(child.timer);
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (child.job) {
      const why = child.killedBecause ?? `the sandbox process ${how} while running this transformation`;
      child.job.resolve(failAll(child.job, why));
      child.job = undefined;
    }
    if (this.closed) return;
    this.options.logger.warn({ pid: child.process.pid, code, signal, reason: child.killedBecause }, 'transformation sandbox process ended');
    if (!child.ready) {
      this.startFailures += 1;
      if (this.startFailures >= START_FAILURES_BEFORE_GIVING_UP) {
        this.startFailures = 0;
        const error = `the sandbox process could not start (it ${how}): ${child.stderr.trim() || 'no output'}`;
        for (const job of this.queue.splice(0)) job.resolve(failAll(job, error));
        return;
      }
    }
    this.pump();
  }

  private spawn(): void {
    const proc = fork(this.options.childEntry ?? CHILD_ENTRY, [], {
      // isolated-vm needs --no-node-snapshot on Node 20+. The child gets an empty environment:
      // nothing in it needs the server's settings, and secrets such as DATABASE_URL stay out.
      execArgv: ['--no-node-snapshot', ...LOADER_ARGS],
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let markExited: () => void = () => {};
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const child: Child = { process: proc, ready: false, job: undefined, timer: undefined, killedBecause: undefined, stderr: '', exited };
    this.children.add(child);
    const startTimeout = this.options.startTimeoutMs ?? 20_000;
    child.timer = setTimeout(() => this.kill(child, `the sandbox process did not start within ${startTimeout} ms`), startTimeout);
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      child.stderr = (child.stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    proc.on('message', (message: unknown) => {
      if (isChildMessage(message)) this.onMessage(child, message);
    });
    proc.on('error', (error) => this.options.logger.warn({ err: error }, 'transformation sandbox process error'));
    proc.on('exit', (code, signal) => {
      this.onExit(child, code, signal);
      markExited();
    });
  }
}
