import type { PeriodOutcome } from './distribution-run.ts';
import type { DistributionRow, DistributionRunRow } from './tables.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A distribution as the API shows it: the pool as one object, like it was given. */
export function toDistributionResource(row: DistributionRow) {
  const pool =
    row.pool_type === 'fixed'
      ? { type: 'fixed' as const, amount: row.pool_amount, currency: row.currency }
      : { type: 'metric_share' as const, basis_points: row.pool_basis_points, metric: row.pool_metric, currency: row.currency };
  return { id: row.id, name: row.name, metric: row.metric, pool, period: row.period, status: row.status, created_at: iso(row.created_at), updated_at: iso(row.updated_at) };
}

export function toRunResource(run: DistributionRunRow, allocations: Array<{ id: number; collaborator_id: number; metric_value: string; amount: number; currency: string; obligation_id: number }>) {
  return {
    id: run.id,
    distribution_id: run.distribution_id,
    period_start: iso(run.period_start),
    period_end: iso(run.period_end),
    pool: run.pool,
    currency: run.currency,
    metric_total: run.metric_total,
    inbound_event_id: run.inbound_event_id,
    created_at: iso(run.created_at),
    allocations: allocations.map((a) => ({ id: a.id, collaborator_id: a.collaborator_id, metric_value: a.metric_value, amount: a.amount, currency: a.currency, obligation_id: a.obligation_id })),
  };
}

export function outcomeResource(outcome: PeriodOutcome) {
  return toRunResource(
    outcome.run,
    outcome.allocations.map((a) => ({ id: a.allocationId, collaborator_id: a.collaboratorId, metric_value: a.metricValue, amount: a.amount, currency: outcome.run.currency, obligation_id: a.obligationId })),
  );
}
