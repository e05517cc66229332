import type { Db } from '../../db/index.ts';
import type { ActionRunner } from '../api/index.ts';
import { releaseDueHoldsEverywhere } from '../partners/hold-release.ts';
import { runDistributionPeriod, type PeriodOutcome } from './distribution-run.ts';
import { lastClosedPeriod, periodEnd, periodStart } from './periods.ts';
import type { DistributionRow } from './tables.ts';

/**
 * One heartbeat: for every active distribution (of one workspace, or all), the last period that
 * has ended at `now` is processed, each in its own transaction. A period already processed (by
 * an earlier beat, the CLI, or another process racing this one) is skipped: see
 * runDistributionPeriod's claim.
 */
export async function runHeartbeat(db: Db, engine: ActionRunner, now: number, workspaceId?: string): Promise<PeriodOutcome[]> {
  let query = db.kysely.selectFrom('distributions').selectAll().where('status', '=', 'active');
  if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
  const outcomes: PeriodOutcome[] = [];
  for (const distribution of await query.orderBy('id').execute()) {
    for (const { start, end } of await periodsDue(db, distribution, now)) {
      const outcome = await engine.runAction(db, distribution.workspace_id, (flow) => runDistributionPeriod(flow, distribution, start, end));
      if (outcome) outcomes.push(outcome);
    }
  }
  return outcomes;
}

/** At most this many missed periods are caught up in one beat (a daily distribution down for two months). */
const MAX_CATCH_UP = 62;

/**
 * The periods a beat owes, oldest first: the last ended one, and every one since the last
 * processed period, so periods missed while no process ran are still paid, each once.
 */
async function periodsDue(db: Db, distribution: DistributionRow, now: number): Promise<Array<{ start: number; end: number }>> {
  const last = lastClosedPeriod(distribution.period, now);
  const previous = await db.kysely
    .selectFrom('distribution_runs')
    .select('period_end')
    .where('workspace_id', '=', distribution.workspace_id)
    .where('distribution_id', '=', distribution.id)
    .orderBy('period_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  const due: Array<{ start: number; end: number }> = [];
  // Catch up from where the last run ended, if that is a boundary of the current period (an
  // edited period, daily → weekly, restarts from the last ended period instead of overlapping).
  const resumable = previous !== undefined && previous.period_end < last.start && periodStart(distribution.period, previous.period_end) === previous.period_end;
  let start = resumable ? previous.period_end : last.start;
  // Later beats pick up where this one stopped.
  while (start <= last.start && due.length < MAX_CATCH_UP) {
    const end = periodEnd(distribution.period, start);
    due.push({ start, end });
    start = end;
  }
  return due;
}

/**
 * The heartbeat inside `serve`: a beat every `intervalMs` (the first one a full interval after
 * start, so start-up stays quick). Beats never overlap in one process; across processes the
 * per-period claim makes a period run once, so every process may run the scheduler.
 */
export class DistributionScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly engine: ActionRunner,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.beat(), this.intervalMs);
    this.timer.unref();
  }

  private beat(): void {
    if (this.running) return;
    this.running = runHeartbeat(this.db, this.engine, this.engine.clock.now())
      // Holding periods end on the same beat (partners/hold-release.ts).
      .then(() => releaseDueHoldsEverywhere(this.db, this.engine))
      .then(() => undefined)
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Stops beating and waits for a beat in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
