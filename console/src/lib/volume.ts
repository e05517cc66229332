/** One row of `GET …/event-volume`. */
export interface VolumeRow {
  event_type: string;
  event_name: string;
  hour_bucket: string;
  event_count: number;
}

/**
 * Turns the volume rows (one per hour, type and name, only hours that had events) into a
 * continuous series of `hours` points ending at the current hour, oldest first, so the chart
 * shows quiet hours as zero instead of joining the busy ones.
 */
export function hourlySeries(rows: readonly VolumeRow[], hours: number, now = Date.now()): { at: number[]; count: number[] } {
  const hourMs = 3_600_000;
  const current = Math.floor(now / hourMs) * hourMs;
  const byHour = new Map<number, number>();
  for (const row of rows) {
    const at = Math.floor(Date.parse(row.hour_bucket) / hourMs) * hourMs;
    byHour.set(at, (byHour.get(at) ?? 0) + row.event_count);
  }
  const at: number[] = [];
  const count: number[] = [];
  for (let index = hours - 1; index >= 0; index -= 1) {
    const hour = current - index * hourMs;
    at.push(hour / 1000);
    count.push(byHour.get(hour) ?? 0);
  }
  return { at, count };
}

/** The busiest event names of the period, for the table under the chart. */
export function topNames(rows: readonly VolumeRow[], limit = 8): Array<{ name: string; type: string; count: number }> {
  const totals = new Map<string, { name: string; type: string; count: number }>();
  for (const row of rows) {
    const key = `${row.event_type}\u0000${row.event_name}`;
    const entry = totals.get(key) ?? { name: row.event_name || `(${row.event_type})`, type: row.event_type, count: 0 };
    entry.count += row.event_count;
    totals.set(key, entry);
  }
  return [...totals.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}
