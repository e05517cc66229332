import type { TransformOutcome } from '../transform/index.ts';
import type { Metrics } from './metrics.ts';

/** The label of one run: ok, dropped (returned null), timeout, memory, or error (anything else). */
export function transformationOutcome(outcome: TransformOutcome): 'ok' | 'dropped' | 'timeout' | 'memory' | 'error' {
  if (outcome.ok) return outcome.events.length === 0 ? 'dropped' : 'ok';
  return outcome.kind === 'timeout' || outcome.kind === 'memory' ? outcome.kind : 'error';
}

/** Counts a sandbox call's outcomes in `tributary_transformation_runs_total`, one increment per outcome. */
export function countTransformations(metrics: Metrics, outcomes: readonly TransformOutcome[]): void {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    const label = transformationOutcome(outcome);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  for (const [outcome, n] of counts) metrics.transformationRuns.inc({ outcome }, n);
}
