import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';
import type { Clock } from '../lib/clock.ts';
import { PollLoop } from '../lib/poll-loop.ts';
import { Erasure, type ErasureDeps } from './erasure.ts';
import { IdentitySet } from './identities.ts';
import { parseIdentities } from './regulation-store.ts';
import type { SuppressionCache } from './suppression-cache.ts';
import type { RegulationRow } from './tables.ts';

/** How long a runner holds a regulation before another process may take it over (longer than a pass over a large workspace). */
const LEASE_MS = 10 * 60_000;
/** Failed runs before a regulation is `failed` for good. */
const MAX_ATTEMPTS = 5;
/** Passes in one round, so one person with a long chain of aliases does not hold the loop for ever. */
const MAX_PASSES_PER_ROUND = 20;
export interface RegulationRunnerDeps extends ErasureDeps {
  readonly suppressions: SuppressionCache;
  readonly logger: Logger;
  readonly pollMs: number;
  /** The runtime's clock: tests move it past a settle window instead of waiting it out. */
  readonly clock: Clock;
}

/**
 * Runs deletes in the background.
 *
 * A regulation's states: `initialized` (recorded; its subjects suppressed while it runs) →
 * `running` (a runner holds its lease and erases in passes) → `finished` (a pass found nothing
 * and `settles_at` has passed; the delete's own suppression is lifted) or `failed` (after
 * MAX_ATTEMPTS failed rounds; its suppression is lifted too, and `error` says why). The state is
 * in the database, so a process that dies mid-run leaves a `running` regulation whose lease runs
 * out, and the next runner resumes it: what was erased stays erased and counted once.
 *
 * Why an event arriving during the delete does not survive it: the subjects are suppressed from
 * the moment the regulation is recorded (ingest drops their events), ids found linked to them
 * are suppressed as they are found, and the run does not finish before a pass finds nothing after
 * `settles_at`: the moment every process's suppression cache has seen the last of those. An
 * event accepted before that (by a process whose cache was older, or while the regulation was
 * being recorded) is in the journal, the inbox or the events by then, and that last pass erases it.
 */
export class RegulationRunner {
  readonly id = `reg_${randomBytes(6).toString('hex')}`;
  private readonly poller: PollLoop;

  constructor(private readonly deps: RegulationRunnerDeps) {
    this.poller = new PollLoop({
      round: () => this.runOnce(deps.clock.now()),
      intervalMs: deps.pollMs,
      logger: deps.logger,
      failure: 'regulation round failed',
    });
  }

  start(): void {
    this.poller.start();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  /** A regulation was recorded in this process. */
  wake(): void {
    this.poller.wake();
  }

  /**
   * Takes the oldest unfinished delete and erases in passes until one finds nothing (or the
   * round's pass limit). Returns true when there is more to do at once. `now` is the clock the
   * state changes are stamped with; tests move it past `settles_at`.
   */
  async runOnce(now: number): Promise<boolean> {
    const regulation = await this.claim(now);
    if (regulation === undefined) return false;
    try {
      return await this.run(regulation, now);
    } catch (error) {
      await this.recordFailure(regulation, coerceError(error), now);
      return false;
    }
  }

  private async run(regulation: RegulationRow, now: number): Promise<boolean> {
    const identities = new IdentitySet(parseIdentities(regulation));
    const erasure = new Erasure(this.deps, regulation, identities, () => now);
    let settlesAt = regulation.settles_at;
    for (let pass = 0; pass < MAX_PASSES_PER_ROUND; pass += 1) {
      const result = await erasure.pass();
      if (result.grew) {
        // Newly found ids were suppressed just now: wait until every process knows.
        this.deps.suppressions.invalidate(regulation.workspace_id);
        settlesAt = Math.max(settlesAt, now + this.deps.suppressions.settleMs);
        await this.deps.db.kysely.updateTable('regulations').set({ settles_at: settlesAt }).where('id', '=', regulation.id).execute();
      }
      if (result.found) continue;
      if (now < settlesAt) {
        await this.release(regulation, now);
        return false;
      }
      await this.finish(regulation, now);
      return true;
    }
    await this.release(regulation, now);
    return true;
  }

  /** The oldest unfinished regulation no other runner holds, leased to this one. */
  private async claim(now: number): Promise<RegulationRow | undefined> {
    const { db } = this.deps;
    const candidates = await db.kysely
      .selectFrom('regulations')
      .select('id')
      .where('status', 'in', ['initialized', 'running'])
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now), eb('locked_by', '=', this.id)]))
      .orderBy('id')
      .limit(5)
      .execute();
    for (const { id } of candidates) {
      // A guarded update: of two runners that read the same row, one wins the lease.
      const claimed = await db.kysely
        .updateTable('regulations')
        .set({ status: 'running', locked_by: this.id, locked_until: now + LEASE_MS, updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', ['initialized', 'running'])
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now), eb('locked_by', '=', this.id)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) {
        return db.kysely.selectFrom('regulations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      }
    }
    return undefined;
  }

  private async release(regulation: RegulationRow, now: number): Promise<void> {
    await this.deps.db.kysely
      .updateTable('regulations')
      .set({ locked_by: null, locked_until: null, updated_at: now })
      .where('id', '=', regulation.id)
      .where('locked_by', '=', this.id)
      .execute();
  }

  /** Done: the delete's own suppression is lifted; a suppress_with_delete keeps its subjects suppressed. */
  private async finish(regulation: RegulationRow, now: number): Promise<void> {
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('regulations')
        .set({ status: 'finished', finished_at: now, updated_at: now, locked_by: null, locked_until: null, error: null })
        .where('id', '=', regulation.id)
        .execute();
      await trx.deleteFrom('suppressions').where('regulation_id', '=', regulation.id).where('temporary', '=', 1).execute();
    });
    this.deps.suppressions.invalidate(regulation.workspace_id);
    this.deps.logger.info({ regulationId: regulation.id, workspaceId: regulation.workspace_id }, 'regulation finished');
  }

  private async recordFailure(regulation: RegulationRow, error: Error, now: number): Promise<void> {
    const attempts = regulation.attempts + 1;
    const final = attempts >= MAX_ATTEMPTS;
    this.deps.logger.error({ err: error, regulationId: regulation.id, attempt: attempts }, 'regulation run failed');
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('regulations')
        .set({
          attempts,
          error: error.message.slice(0, 2000),
          status: final ? 'failed' : 'running',
          finished_at: final ? now : null,
          updated_at: now,
          locked_by: null,
          locked_until: null,
        })
        .where('id', '=', regulation.id)
        .execute();
      // A failed delete is over: its subjects must not stay suppressed with nothing left to lift it.
      if (final) await trx.deleteFrom('suppressions').where('regulation_id', '=', regulation.id).where('temporary', '=', 1).execute();
    });
    if (final) this.deps.suppressions.invalidate(regulation.workspace_id);
  }
}
