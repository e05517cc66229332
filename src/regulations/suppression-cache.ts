import type { Db, IngestApi } from '../db/index.ts';
import { IdentitySet, type MessageIdentity } from './identities.ts';
import type { SubjectType } from './tables.ts';

/**
 * Beyond the cache's lifetime, how long a delete waits before its last pass: an event another
 * process accepted just before its cache turned over is committed (group commit: a few
 * milliseconds) well within it.
 */
const SETTLE_MARGIN_MS = 500;

interface Entry {
  /** Undefined when the workspace suppresses nobody: the common case costs one map lookup. */
  readonly set: IdentitySet | undefined;
  readonly expiresAt: number;
}

/**
 * The suppressed ids of each workspace, in memory, for the ingest hot path: a request checks its
 * events against a set instead of the database. Changes made in this process (a regulation
 * created, a delete finished) reload the workspace at once; another process sharing a PostgreSQL
 * database sees them after at most `ttlMs` (CREDENTIAL_CACHE_MS, as for revoked keys). A delete
 * waits out that window before its last pass (regulation-runner.ts), so an event another process
 * let through meanwhile is erased too.
 */
export class SuppressionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  /** Counts invalidations, so a read that began before one is answered but not kept. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    readonly ttlMs: number,
    /** `count` events of `api` were accepted and dropped (the metric). */
    private readonly onSuppressed: (api: IngestApi, count: number) => void = () => {},
  ) {}

  /** How long after a suppression is written every process is sure to drop the events it covers. */
  get settleMs(): number {
    return this.ttlMs + SETTLE_MARGIN_MS;
  }

  /** The workspace's suppressed ids, or undefined when it suppresses nobody. */
  async forWorkspace(workspaceId: string, now = Date.now()): Promise<IdentitySet | undefined> {
    const entry = this.entries.get(workspaceId);
    if (entry !== undefined && entry.expiresAt > now) {
      // Past half its life an entry is read again in the background, so a busy workspace's
      // requests never wait for the database (on SQLite that read queues behind a worker's batch
      // transaction); the answer given is never older than `ttlMs`, which the settle window counts on.
      if (entry.expiresAt - now < this.ttlMs / 2 && !this.loading.has(workspaceId)) {
        this.load(workspaceId, now).catch(() => this.entries.delete(workspaceId));
      }
      return entry.set;
    }
    return (await this.load(workspaceId, now)).set;
  }

  /** Whether one event is a suppressed person's. */
  async isSuppressed(workspaceId: string, identity: MessageIdentity): Promise<boolean> {
    const set = await this.forWorkspace(workspaceId);
    return set !== undefined && set.matches(identity);
  }

  /** Counts events that ingest accepted and dropped. */
  countSuppressed(api: IngestApi, count: number): void {
    if (count > 0) this.onSuppressed(api, count);
  }

  /** The workspace's suppressions changed in this process: the next request reads them again. */
  invalidate(workspaceId: string): void {
    this.generation += 1;
    this.entries.delete(workspaceId);
    this.loading.delete(workspaceId);
  }

  private load(workspaceId: string, now: number): Promise<Entry> {
    let pending = this.loading.get(workspaceId);
    if (pending === undefined) {
      pending = this.read(workspaceId, now).finally(() => {
        if (this.loading.get(workspaceId) === pending) this.loading.delete(workspaceId);
      });
      this.loading.set(workspaceId, pending);
    }
    return pending;
  }

  private async read(workspaceId: string, now: number): Promise<Entry> {
    const generation = this.generation;
    const rows = await this.db.kysely
      .selectFrom('suppressions')
      .select(['subject_type', 'subject_id'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    let set: IdentitySet | undefined;
    if (rows.length > 0) {
      set = new IdentitySet();
      for (const row of rows) set.add(row.subject_type as SubjectType, row.subject_id);
    }
    const entry = { set, expiresAt: now + this.ttlMs };
    // An invalidation while this read ran may have made it stale: answer it, but do not keep it.
    if (generation === this.generation) this.entries.set(workspaceId, entry);
    return entry;
  }
}
