import type { TransformOutcome } from '../transform/index.ts';
import type { Metrics } from './metrics.ts';

/** The label of one run: ok, dropped (returned null), timeout, memory, or error (anything else). */
export function transformationOutcome(outcome: TransformOutcome): 'ok' | 'dropped' | 'timeout' | 'memory' | 'error' {
  if (outcome.ok) return outcome.events.length === 0 ? 'dropped' : 'ok';
  return outcome.kind === 'timeout' || outcome.kind === 'memory' ? outcome.kind : 'error';
}

/** Counts a sandbox call's outcomes in `tributary_transformation_runs_total`. */
export function countTransformations(metrics: Metrics, outcomes: readonly TransformOutcome[]): void {
  metrics.countTransformationRuns(outcomes.map(transformationOutcome));
}
