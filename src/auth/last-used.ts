import type { Db } from '../db/index.ts';

/**
 * Coalesces `last_used_at` updates: a key used 10,000 times a second costs one UPDATE per flush
 * interval, not one per event. Flushed on an interval and on shutdown.
 */
export class LastUsedTracker {
  private readonly writeKeys = new Map<string, number>();
  private readonly apiKeys = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly intervalMs = 5_000,
  ) {}

  touchWriteKey(id: string, at = Date.now()): void {
    this.writeKeys.set(id, at);
  }

  touchApiKey(id: number, at = Date.now()): void {
    this.apiKeys.set(id, at);
  }

  start(onError: (error: unknown) => void): void {
    this.timer = setInterval(() => this.flush().catch(onError), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.writeKeys.size === 0 && this.apiKeys.size === 0) return;
    const writeKeys = [...this.writeKeys];
    const apiKeys = [...this.apiKeys];
    this.writeKeys.clear();
    this.apiKeys.clear();
    await this.db.kysely.transaction().execute(async (trx) => {
      for (const [id, at] of writeKeys) {
        await trx.updateTable('write_keys').set({ last_used_at: at }).where('id', '=', id).execute();
      }
      for (const [id, at] of apiKeys) {
        await trx.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
      }
    });
  }
}
