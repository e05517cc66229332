import SQLite from 'better-sqlite3';

export interface DrainMeasurement {
  /** Events waiting when measuring began (inbox rows, and events of requests still in the journal). */
  backlog: number;
  /** Canonical events written while measuring. */
  processed: number;
  seconds: number;
  eventsPerSecond: number;
  /** Whether the whole backlog was processed before the time limit. */
  finished: boolean;
}

/**
 * Watches a worker process turn the inbox (and the journal) into canonical events, from a read-only connection to
 * the same SQLite file. `max(rowid)` of `events` counts events in O(1) (rows are only appended),
 * where `count(*)` would scan a table of a million rows on every poll.
 */
export async function measureDrain(file: string, options: { maxSeconds: number; pollMs?: number }): Promise<DrainMeasurement> {
  const db = new SQLite(file, { readonly: true });
  try {
    const inbox = (db.prepare('select count(*) as n from inbox').get() as { n: number }).n;
    const journal = (db.prepare('select coalesce(sum(event_count), 0) as n from inbox_journal').get() as { n: number }).n;
    const total = inbox + journal;
    const eventsNow = db.prepare('select coalesce(max(rowid), 0) as n from events').pluck();
    const startedAt = performance.now();
    const start = eventsNow.get() as number;
    let last = start;
    let lastAt = startedAt;
    while (last < total && lastAt - startedAt < options.maxSeconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
      last = eventsNow.get() as number;
      lastAt = performance.now();
    }
    const seconds = (lastAt - startedAt) / 1000;
    const processed = last - start;
    return { backlog: total - start, processed, seconds, eventsPerSecond: seconds > 0 ? processed / seconds : 0, finished: last >= total };
  } finally {
    db.close();
  }
}
