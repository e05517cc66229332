/**
 * A small TTL cache from a secret to what it authenticates. Ingestion authenticates every
 * request, so this keeps the database off the hot path. Local revocations delete the entry at once;
 * other processes see a revocation after at most `ttlMs`. Negative answers are not cached, so a
 * key created on another process works on its first request.
 */
export class CredentialCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(secret: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(secret);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(secret);
      return undefined;
    }
    return entry.value;
  }

  set(secret: string, value: V, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(secret, { value, expiresAt: now + this.ttlMs });
  }

  delete(secret: string): void {
    this.entries.delete(secret);
  }

  deleteWhere(predicate: (value: V) => boolean): void {
    for (const [secret, entry] of this.entries) if (predicate(entry.value)) this.entries.delete(secret);
  }
}
