import type { TransformOutcome } from '../transformer.ts';

/**
 * Messages between the parent and a sandbox child over the IPC channel. One `run` message carries
 * a whole batch (one source, many events), so IPC costs one round trip per batch, not per event.
 */

/** Parent → child: run `source` over `events`, in order, in one locked-down context (isolate-runner.ts). */
export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly source: string;
  readonly events: readonly Record<string, unknown>[];
  readonly timeoutMs: number;
  readonly memoryMb: number;
  /** Keep the context for the next request of this source with the same key (a transformation id). */
  readonly reuseKey?: string;
}

/** Child → parent: the child loaded isolated-vm and listens. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Child → parent: one outcome per event of request `id`. */
export interface RunResponse {
  readonly type: 'result';
  readonly id: number;
  readonly outcomes: TransformOutcome[];
}

export type ChildMessage = ReadyMessage | RunResponse;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Narrows an IPC message in the child; anything else is ignored. */
export function isRunRequest(value: unknown): value is RunRequest {
  return (
    isRecord(value) &&
    value.type === 'run' &&
    typeof value.id === 'number' &&
    typeof value.source === 'string' &&
    Array.isArray(value.events) &&
    typeof value.timeoutMs === 'number' &&
    typeof value.memoryMb === 'number' &&
    (value.reuseKey === undefined || typeof value.reuseKey === 'string')
  );
}

/** Narrows an IPC message in the parent; a child is ours but its answers are still checked. */
export function isChildMessage(value: unknown): value is ChildMessage {
  if (!isRecord(value)) return false;
  if (value.type === 'ready') return true;
  return value.type === 'result' && typeof value.id === 'number' && Array.isArray(value.outcomes);
}
