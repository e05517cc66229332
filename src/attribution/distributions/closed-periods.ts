import type { DialectCapabilities } from '../../db/index.ts';
import type { FlowContext } from '../flows/flow-context.ts';

/**
 * A period is **closed** for a metric once a distribution counting that metric (as its share
 * metric or its pool metric) has a run for the period: the run summed the metric then, and never
 * will again. A value for a closed period is refused rather than accepted and lost.
 *
 * The race this file closes, on PostgreSQL in READ COMMITTED: a run sums the metric, then
 * commits; a metric flow checks for a run, then inserts, then commits. Neither sees the other's
 * uncommitted rows, so a metric accepted while the run computes would be neither counted nor
 * refused. Both therefore take a lock on the distribution's row first, which orders them:
 *
 *   - the run updates the row (a no-op: an exclusive row lock) before it reads any metric;
 *   - the metric flow reads the row `FOR SHARE` before it looks for runs and inserts.
 *
 * A metric flow holding the share lock makes the run wait until its batch commits, and the run
 * then counts the value; a metric flow that comes second waits until the run commits, and then
 * finds the run and refuses. Metric flows share the lock, so they never wait for one another
 * (and cannot deadlock among themselves). SQLite has no row locks: its one writer already runs
 * the two one after the other.
 */

/** Takes the run's lock on the distribution's row; call it before reading the period's metrics. */
export async function lockDistributionForRun(flow: FlowContext, distributionId: number): Promise<void> {
  await flow.trx
    .updateTable('distributions')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', '=', distributionId)
    .execute();
}

/** The run that closed a metric's period, as the refusal names it. */
export interface ClosedPeriod {
  distributionId: number;
  distributionName: string;
  runId: number;
  periodStart: number;
  periodEnd: number;
}

/**
 * The first run (by distribution id) of a distribution counting `metric` whose period holds
 * `occurredAt`, or undefined when every such period is still open. Takes the share locks first
 * (see above); the caller inserts the value in the same transaction only when this is undefined.
 */
export async function closedPeriodFor(flow: FlowContext, dialect: DialectCapabilities, metric: string, occurredAt: number): Promise<ClosedPeriod | undefined> {
  let counting = flow.trx
    .selectFrom('distributions')
    .select('id')
    .where('workspace_id', '=', flow.workspaceId)
    .where((eb) => eb.or([eb('metric', '=', metric), eb('pool_metric', '=', metric)]))
    .orderBy('id');
  if (dialect.supportsShareLocks) counting = counting.forShare();
  const ids = (await counting.execute()).map((row) => row.id);
  if (ids.length === 0) return undefined;
  const run = await flow.trx
    .selectFrom('distribution_runs')
    .innerJoin('distributions', (join) => join.onRef('distributions.id', '=', 'distribution_runs.distribution_id').onRef('distributions.workspace_id', '=', 'distribution_runs.workspace_id'))
    .select(['distribution_runs.id', 'distribution_runs.distribution_id', 'distributions.name', 'distribution_runs.period_start', 'distribution_runs.period_end'])
    .where('distribution_runs.workspace_id', '=', flow.workspaceId)
    .where('distribution_runs.distribution_id', 'in', ids)
    .where('distribution_runs.period_start', '<=', occurredAt)
    .where('distribution_runs.period_end', '>', occurredAt)
    .orderBy('distribution_runs.distribution_id')
    .limit(1)
    .executeTakeFirst();
  if (!run) return undefined;
  return { distributionId: run.distribution_id, distributionName: run.name, runId: run.id, periodStart: Number(run.period_start), periodEnd: Number(run.period_end) };
}
