import type { Db } from '../../db/index.ts';
import type { ActionRunner } from '../api/index.ts';
import { runDistributionPeriod, type PeriodOutcome } from './distribution-run.ts';
import { lastClosedPeriod } from './periods.ts';

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
    const { start, end } = lastClosedPeriod(distribution.period, now);
    const outcome = await engine.runAction(db, distribution.workspace_id, (flow) => runDistributionPeriod(flow, distribution, start, end));
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
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
    this.running = runHeartbeat(this.db, this.engine, Date.now())
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
