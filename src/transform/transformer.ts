/**
 * The contract between the sandbox (this module) and its callers (the transformation routes and the
 * delivery workers). User code is hostile: it runs in isolated-vm inside a child process pool, with a
 * memory and a time limit per run, so a crash or a runaway script fails that run only.
 */

/** What one run of `transform(event)` produced. */
export type TransformOutcome =
  | {
      readonly ok: true;
      /** The events to forward: [] when the function returned null (drop), several for an array. */
      readonly events: readonly Record<string, unknown>[];
      readonly logs: readonly string[];
      readonly durationMs: number;
      /**
       * What the function returned: one object, an array, or null/undefined (`drop`). `events` is
       * the same data as a list; the shape lets a test compare against what the user wrote.
       */
      readonly shape?: ResultShape;
    }
  | {
      readonly ok: false;
      /** Why it failed: a compile error, a throw, the time limit, the memory limit, a bad return value. */
      readonly error: string;
      readonly logs: readonly string[];
      readonly durationMs: number;
      /** Which kind of failure, for callers that treat them differently (always set by createTransformer). */
      readonly kind?: TransformErrorKind;
    };

export type ResultShape = 'object' | 'array' | 'drop';

/**
 * `compile`: a syntax error; `missing_transform`: no function named transform; `threw`: the code
 * threw (at top level or in transform); `timeout` / `memory`: a limit was hit; `invalid_result`: the
 * return value is not an object, an array of objects, or null; `sandbox`: the sandbox process died
 * or stopped responding while holding the run, or the transformer is closed.
 */
export type TransformErrorKind = 'compile' | 'missing_transform' | 'threw' | 'timeout' | 'memory' | 'invalid_result' | 'sandbox';

export interface TransformLimits {
  /** Wall-clock limit for one run, in ms (default from config, 50). */
  readonly timeoutMs?: number;
  /** Isolate heap limit in MB (default from config, 32). */
  readonly memoryMb?: number;
}

export interface RunOptions {
  /**
   * The transformation's id, when the caller runs a saved transformation for one workspace (the
   * delivery workers): the sandbox may then keep the locked-down context it set up for this source
   * and use it again for the next call with the same key, instead of setting one up per call.
   * Without it (test runs of unsaved code), a context serves one call only.
   */
  readonly reuseKey?: string;
}

export interface Transformer {
  /**
   * Runs `source` (which defines `function transform(event)`) over each event, in order.
   * One outcome per input event; never throws for anything the user's code does, and never
   * changes `events` (callers pass events they also send or cache).
   */
  runMany(source: string, events: readonly Record<string, unknown>[], limits?: TransformLimits, options?: RunOptions): Promise<TransformOutcome[]>;
  /** Stops the child processes. */
  close(): Promise<void>;
}
