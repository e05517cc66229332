import type { Db } from '../db/index.ts';
import { effectiveLimits, findWorkspaceRateLimits, type DefaultLimits, type KindLimits } from './rate-limit-settings.ts';

/**
 * Each workspace's limits, read from the database at most once per `ttlMs` and answered from
 * memory, so a request costs no query. A change made through this process's API applies at once
 * (`invalidate`); one made on another process sharing the database within `ttlMs`, the same
 * staleness the credential cache allows for a revoked key. Concurrent misses for one workspace
 * share one query.
 */
export class WorkspaceLimitsCache {
  private readonly entries = new Map<string, { limits: KindLimits; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<KindLimits>>();

  constructor(
    private readonly db: Db,
    private readonly defaults: DefaultLimits,
    private readonly ttlMs: number,
    private readonly now: () => number,
    /** Workspaces remembered at most; past it the oldest entry goes (and is read again when needed). */
    private readonly maxWorkspaces = 10_000,
  ) {}

  /**
   * The limits of `workspaceId`, from memory (no promise) once they were read. Past `ttlMs` they
   * are still answered while a read in the background refreshes them, so only a workspace's first
   * request (or its first after a change through this process) waits for the database. A failed
   * refresh keeps the limits in force and is tried again on a later request.
   */
  get(workspaceId: string): KindLimits | Promise<KindLimits> {
    const entry = this.entries.get(workspaceId);
    if (entry === undefined) return this.loading.get(workspaceId) ?? this.load(workspaceId);
    if (entry.expiresAt <= this.now() && !this.loading.has(workspaceId)) this.load(workspaceId).catch(() => {});
    return entry.limits;
  }

  /** Forgets the workspace's limits (they changed); a read already under way is not kept. */
  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId);
    this.loading.delete(workspaceId);
  }

  private load(workspaceId: string): Promise<KindLimits> {
    const pending: Promise<KindLimits> = findWorkspaceRateLimits(this.db, workspaceId).then(
      (row) => {
        const limits = effectiveLimits(row, this.defaults);
        // A read that began before an invalidation answers its caller but is not remembered.
        if (this.loading.get(workspaceId) !== pending) return limits;
        this.loading.delete(workspaceId);
        this.entries.delete(workspaceId);
        this.entries.set(workspaceId, { limits, expiresAt: this.now() + this.ttlMs });
        if (this.entries.size > this.maxWorkspaces) this.entries.delete(this.entries.keys().next().value!);
        return limits;
      },
      (error: unknown) => {
        if (this.loading.get(workspaceId) === pending) this.loading.delete(workspaceId);
        throw error;
      },
    );
    this.loading.set(workspaceId, pending);
    return pending;
  }
}
