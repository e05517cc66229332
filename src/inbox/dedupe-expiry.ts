import type { Db } from '../db/index.ts';
import { smallestIdAt } from '../lib/ids.ts';

/**
 * Ends the dedupe window of keys older than `windowMs`: NULL keys never collide again. Inbox ids
 * are UUIDv7, so "older" is an id range of the primary key; each run starts where the previous one
 * stopped (the watermark this object keeps), so no index on the time of keyed rows is needed; a
 * new process walks the old ids once. The runtime owns one per database and runs it every minute.
 */
export class DedupeExpiry {
  /** Every key with an id below this has had its window ended already. */
  private expiredBelow: string | undefined;

  constructor(
    private readonly db: Db,
    private readonly windowMs: number,
  ) {}

  /** Ends the windows that closed by `now`; returns how many keys it cleared. */
  async run(now = Date.now()): Promise<number> {
    const below = smallestIdAt(now - this.windowMs);
    const from = this.expiredBelow;
    if (from !== undefined && from >= below) return 0;
    let query = this.db.kysely.updateTable('inbox').set({ dedupe_key: null }).where('id', '<', below).where('dedupe_key', 'is not', null);
    if (from !== undefined) query = query.where('id', '>=', from);
    const result = await query.executeTakeFirst();
    this.expiredBelow = below;
    return Number(result.numUpdatedRows);
  }
}
