import { issueObligationRow } from '../ledger/obligation-transitions.ts';
import { divideHalfEven } from '../model/money.ts';
import { bannedCollaboratorIds } from '../model/payable-collaborators.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import { allocatePool, type Allocation } from './allocate.ts';
import { lockDistributionForRun } from './closed-periods.ts';
import { parseDecimal, sumDecimals } from './decimal.ts';
import type { DistributionRow, DistributionRunRow } from './tables.ts';

/** What one processed period produced. */
export interface PeriodOutcome {
  run: DistributionRunRow;
  allocations: Array<Allocation & { allocationId: number; obligationId: number }>;
}

/**
 * The period's values of `metric`. For the shares (`earners`), a banned collaborator's values are
 * left out: they earn nothing new (payable-collaborators.ts), and the pool goes to the others. A
 * pool metric counts every value: it measures the business, not who earns.
 */
async function metricValues(flow: FlowContext, metric: string, start: number, end: number, earners = false) {
  let query = flow.trx
    .selectFrom('metric_entries')
    .select(['collaborator_id', 'value'])
    .where('workspace_id', '=', flow.workspaceId)
    .where('metric', '=', metric)
    .where('occurred_at', '>=', start)
    .where('occurred_at', '<', end);
  if (earners) query = query.where((eb) => eb('metric_entries.collaborator_id', 'not in', bannedCollaboratorIds(eb, flow.workspaceId)));
  return query.orderBy('id').execute();
}

/** The pool of one period: the fixed amount, or basis points of the pool metric's sum (minor units, half-even). */
function poolOf(distribution: DistributionRow, poolMetricTotal: string): number {
  if (distribution.pool_type === 'fixed') return distribution.pool_amount ?? 0;
  const { units, scale } = parseDecimal(poolMetricTotal);
  return Number(divideHalfEven(units * BigInt(distribution.pool_basis_points ?? 0), 10_000n * 10n ** BigInt(scale)));
}

/**
 * Processes one period of a distribution (seed 002's distribution flow, steps 2–5):
 * DistributionHeartbeatInitialized → DistributionCompleted (the pool) → per collaborator
 * AllocationCompleted → ObligationIssued. The obligations are pending at once: an allocation has no
 * conversion to review, so it enters the next fulfillment run.
 *
 * The distribution's row is locked before the metrics are read, so a metric flow still open for
 * this period commits first and is counted, and one that comes later finds the run and is refused
 * (closed-periods.ts). The run row is claimed with an insert that does nothing on a conflict of
 * `(distribution_id, period_start)`; when another process (or a second call) already holds the
 * period, this returns null having dispatched and written nothing.
 */
export async function runDistributionPeriod(flow: FlowContext, distribution: DistributionRow, start: number, end: number): Promise<PeriodOutcome | null> {
  await lockDistributionForRun(flow, distribution.id);
  const entries = await metricValues(flow, distribution.metric, start, end, true);
  const byCollaborator = new Map<number, string[]>();
  for (const entry of entries) byCollaborator.set(entry.collaborator_id, [...(byCollaborator.get(entry.collaborator_id) ?? []), entry.value]);
  const shares = [...byCollaborator.entries()].sort(([a], [b]) => a - b).map(([collaboratorId, values]) => ({ collaboratorId, metricValue: sumDecimals(values) }));
  const metricTotal = sumDecimals(shares.map((s) => s.metricValue));
  const poolTotal = distribution.pool_type === 'metric_share' ? sumDecimals((await metricValues(flow, distribution.pool_metric ?? '', start, end)).map((e) => e.value)) : '0';
  const pool = poolOf(distribution, poolTotal);

  const claimed = await flow.trx
    .insertInto('distribution_runs')
    .values({
      workspace_id: flow.workspaceId,
      distribution_id: distribution.id,
      period_start: start,
      period_end: end,
      pool,
      currency: distribution.currency,
      metric_total: metricTotal,
      inbound_event_id: flow.inboundEventId,
      created_at: flow.now,
    })
    .onConflict((oc) => oc.columns(['distribution_id', 'period_start', 'workspace_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!claimed) return null;

  await flow.dispatcher.dispatch('DistributionHeartbeatInitialized', {
    distributionId: distribution.id,
    runId: claimed.id,
    period: distribution.period,
    periodStart: new Date(start).toISOString(),
    periodEnd: new Date(end).toISOString(),
  });
  const allocations = allocatePool(pool, shares);
  await flow.dispatcher.dispatch('DistributionCompleted', {
    distributionId: distribution.id,
    runId: claimed.id,
    pool,
    currency: distribution.currency,
    metricTotal,
    collaboratorCount: allocations.length,
  });
  const outcome: PeriodOutcome = { run: claimed, allocations: [] };
  for (const allocation of allocations) {
    const obligation = await issueObligationRow(flow, {
      conversionId: null,
      collaboratorId: allocation.collaboratorId,
      kind: 'commission',
      status: 'pending',
      amount: allocation.amount,
      currency: distribution.currency,
    });
    const row = await flow.trx
      .insertInto('allocations')
      .values({
        workspace_id: flow.workspaceId,
        run_id: claimed.id,
        distribution_id: distribution.id,
        collaborator_id: allocation.collaboratorId,
        metric_value: allocation.metricValue,
        amount: allocation.amount,
        currency: distribution.currency,
        obligation_id: obligation.id,
        created_at: flow.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await flow.dispatcher.dispatch('AllocationCompleted', {
      distributionId: distribution.id,
      runId: claimed.id,
      allocationId: row.id,
      collaboratorId: allocation.collaboratorId,
      metricValue: allocation.metricValue,
      amount: allocation.amount,
      currency: distribution.currency,
    });
    await flow.dispatcher.dispatch('ObligationIssued', {
      obligationId: obligation.id,
      conversionId: null,
      collaboratorId: allocation.collaboratorId,
      amount: allocation.amount,
      currency: distribution.currency,
      status: 'pending',
    }, [obligation.change]);
    outcome.allocations.push({ ...allocation, allocationId: row.id, obligationId: obligation.id });
  }
  return outcome;
}
