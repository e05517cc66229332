import type { Generated, Selectable } from 'kysely';

/** Table types of migration 0008 (distributions), merged into the shared `Database`. */
declare module '../../db/schema.ts' {
  interface Database {
    metric_entries: MetricEntryTable;
    distributions: DistributionTable;
    distribution_runs: DistributionRunTable;
    allocations: AllocationTable;
  }
}

export type DistributionPeriod = 'daily' | 'weekly' | 'monthly';

export interface MetricEntryTable {
  id: Generated<number>;
  workspace_id: string;
  collaborator_id: number;
  metric: string;
  /** Exact decimal text (`12`, `0.125`): metrics are counted, never stored as floats. */
  value: string;
  occurred_at: number;
  inbound_event_id: string;
  created_at: number;
}

export interface DistributionTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  /** The metric whose per-collaborator sums decide the shares. */
  metric: string;
  /** `fixed`: `pool_amount` each period; `metric_share`: `pool_basis_points` of the sum of `pool_metric` (minor units). */
  pool_type: 'fixed' | 'metric_share';
  pool_amount: number | null;
  pool_basis_points: number | null;
  pool_metric: string | null;
  currency: string;
  period: DistributionPeriod;
  status: 'active' | 'inactive';
  created_at: number;
  updated_at: number;
}
export type DistributionRow = Selectable<DistributionTable>;

export interface DistributionRunTable {
  id: Generated<number>;
  workspace_id: string;
  distribution_id: number;
  period_start: number;
  period_end: number;
  pool: number;
  currency: string;
  metric_total: string;
  /** The heartbeat action whose domain events the run logged. */
  inbound_event_id: string;
  created_at: number;
}
export type DistributionRunRow = Selectable<DistributionRunTable>;

export interface AllocationTable {
  id: Generated<number>;
  workspace_id: string;
  run_id: number;
  distribution_id: number;
  collaborator_id: number;
  metric_value: string;
  amount: number;
  currency: string;
  obligation_id: number;
  created_at: number;
}
export type AllocationRow = Selectable<AllocationTable>;
