import type { Db } from '../db/index.ts';
import { PRUNE_TARGETS, PRUNED_TABLES, zeroCounts, type PrunedTable, type TableCounts } from './prune-targets.ts';
import { readAllRetention, type RetentionSettings } from './settings.ts';

const DAY_MS = 86_400_000;

export interface PruneOptions {
  /** The time "older than N days" is measured from (epoch ms): the runtime's clock, or `--at`. */
  readonly now: number;
  /** Count what would be deleted; delete nothing. */
  readonly dryRun?: boolean;
  /** Only this workspace; every workspace when absent. */
  readonly workspaceId?: string;
  /** Most rows of a table one transaction deletes. */
  readonly batchSize: number;
  /** The settings of a workspace that has none of its own. */
  readonly defaults: RetentionSettings;
  /**
   * How long inbox rows are kept whatever the settings: the dedupe window (DEDUPE_WINDOW_HOURS),
   * so pruning never lets a retry of a remembered message id or idempotency key in twice.
   */
  readonly dedupeWindowMs: number;
  /**
   * Awaited after each batch that deleted rows, with how long that batch took: lets the writes
   * waiting for the database (and, on SQLite, for the event loop) go first.
   */
  readonly pause?: (batchMs: number) => Promise<void>;
  /** Checked between batches: a run that should stop (the server is shutting down) ends there. */
  readonly stopped?: () => boolean;
  /** Rows a batch deleted, as they are committed (for metrics). */
  readonly onDeleted?: (table: PrunedTable, rows: number) => void;
}

/** What a run deleted (or, dry, would delete) in one workspace, per table. */
export interface WorkspacePrune {
  readonly workspaceId: string;
  readonly counts: TableCounts;
}

/**
 * Deletes what each workspace's retention settings say is too old, a batch at a time.
 *
 * Each batch is one short transaction of at most `batchSize` rows of one table (and the rows that
 * hang off them), then a pause, so a large backlog is pruned as a series of small writes that the
 * ingest path's group commits slip between, never as one long hold on SQLite's write lock or on
 * PostgreSQL row locks. Batches commit relaxed (Db.relaxedTransaction): a prune a power loss undoes
 * is simply done again. A run is safe beside another (two processes on one PostgreSQL database):
 * each delete re-checks its conditions, and counts are the rows really deleted.
 */
export async function prune(db: Db, options: PruneOptions): Promise<WorkspacePrune[]> {
  const settings = await readAllRetention(db.kysely, options.defaults, options.workspaceId);
  const results: WorkspacePrune[] = [];
  for (const [workspaceId, retention] of settings) {
    const counts = zeroCounts();
    for (const target of PRUNE_TARGETS) {
      const days = retention[target.setting];
      if (days === null) continue;
      const oldest = options.now - days * DAY_MS;
      const scope = { workspaceId, cutoff: target.setting === 'inbox_days' ? Math.min(oldest, options.now - options.dedupeWindowMs) : oldest };
      if (options.dryRun) {
        add(counts, await target.count(db.kysely, scope));
        continue;
      }
      for (;;) {
        if (options.stopped?.()) return [...results, { workspaceId, counts }];
        const started = performance.now();
        const batch = await db.relaxedTransaction((trx) => target.deleteBatch(trx, scope, options.batchSize));
        const batchMs = performance.now() - started;
        add(counts, batch);
        let any = false;
        for (const table of PRUNED_TABLES) {
          if (!batch[table]) continue;
          any = true;
          options.onDeleted?.(table, batch[table]);
        }
        if (any) await options.pause?.(batchMs);
        if ((batch[target.lead] ?? 0) < options.batchSize) break;
      }
    }
    results.push({ workspaceId, counts });
  }
  return results;
}

function add(into: TableCounts, counts: Partial<TableCounts>): void {
  for (const table of PRUNED_TABLES) into[table] += counts[table] ?? 0;
}
