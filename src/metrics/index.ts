export { Metrics } from './metrics.ts';
export { registerDatabaseGauges, type DatabaseGaugeDeps } from './database-gauges.ts';
export { registerHttpMetrics } from './http-metrics.ts';
export { registerMetricsRoute, startMetricsServer } from './metrics-routes.ts';
export { countTransformations, transformationOutcome } from './transformation-outcomes.ts';
