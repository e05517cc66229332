import type { Db } from '../db/index.ts';
import { effectiveLimits, findWorkspaceRateLimits, type DefaultLimits, type KindLimits } from './rate-limit-settings.ts';

/**
 * Each workspace's limits, read from the database once per `ttlMs` and otherwise answered from
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

  /** The limits of `workspaceId`: from memory when fresh (no promise), otherwise once read. */
  get(workspaceId: string): KindLimits | Promise<KindLimits> {
    const entry = this.entries.get(workspaceId);
    if (entry !== undefined && entry.expiresAt > this.now()) return entry.limits;
    return this.loading.get(workspaceId) ?? this.load(workspaceId);
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
