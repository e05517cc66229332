import type { DistributionPeriod } from './tables.ts';

const DAY = 86_400_000;

/** Start of the UTC period holding `at`: midnight; Monday midnight (ISO weeks); the 1st of the month. */
export function periodStart(period: DistributionPeriod, at: number): number {
  const day = Math.floor(at / DAY) * DAY;
  if (period === 'daily') return day;
  if (period === 'weekly') {
    const weekday = (new Date(day).getUTCDay() + 6) % 7;
    return day - weekday * DAY;
  }
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The end (exclusive) of the period starting at `start`. */
export function periodEnd(period: DistributionPeriod, start: number): number {
  if (period === 'daily') return start + DAY;
  if (period === 'weekly') return start + 7 * DAY;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** The last period that has fully ended at `now`: the one the heartbeat processes. */
export function lastClosedPeriod(period: DistributionPeriod, now: number): { start: number; end: number } {
  const end = periodStart(period, now);
  const start = periodStart(period, end - 1);
  return { start, end };
}
