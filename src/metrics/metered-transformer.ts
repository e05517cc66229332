import type { TransformOutcome, Transformer } from '../transform/index.ts';
import type { Metrics } from './metrics.ts';

/** The label of one run: ok, dropped (returned null), timeout, memory, or error (anything else). */
export function transformationOutcome(outcome: TransformOutcome): 'ok' | 'dropped' | 'timeout' | 'memory' | 'error' {
  if (outcome.ok) return outcome.events.length === 0 ? 'dropped' : 'ok';
  return outcome.kind === 'timeout' || outcome.kind === 'memory' ? outcome.kind : 'error';
}

/** The transformer, counting each run's outcome in `tributary_transformation_runs_total`. */
export function meteredTransformer(inner: Transformer, metrics: Metrics): Transformer {
  return {
    async runMany(source, events, limits, options) {
      const outcomes = await inner.runMany(source, events, limits, options);
      for (const outcome of outcomes) metrics.transformationRuns.inc({ outcome: transformationOutcome(outcome) });
      return outcomes;
    },
    close: () => inner.close(),
  };
}
