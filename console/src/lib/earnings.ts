import type { ReportMoney, ReportRow } from '../api/types.ts';

/** The money columns of a report a chart can draw (docs/reports.md says on which day each counts). */
export type Measure = Exclude<keyof ReportMoney, 'currency'>;

/** One line of an earnings chart: a collaborator or program (`id`), or every smaller one together (`id` null). */
export interface EarningsLine {
  id: number | null;
  /** Minor units per day, aligned with `EarningsSeries.days`. */
  values: number[];
  total: number;
}

export interface EarningsSeries {
  /** Every UTC day of the range, oldest first, quiet days included (`2026-11-25`). */
  days: string[];
  /** The days as Unix seconds at 00:00 UTC, as uPlot's x values. */
  at: number[];
  lines: EarningsLine[];
}

const DAY = 86_400_000;

/** Every UTC day from `from` (inclusive) to `to` (exclusive), as `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): string[] {
  const start = Math.floor(Date.parse(from) / DAY);
  const end = Math.ceil(Date.parse(to) / DAY);
  const days: string[] = [];
  for (let day = start; day < end; day += 1) days.push(new Date(day * DAY).toISOString().slice(0, 10));
  return days;
}

/** The currencies a report has money in, sorted, so a chart never adds two currencies together. */
export function currenciesOf(rows: readonly ReportRow[]): string[] {
  return [...new Set(rows.flatMap((row) => row.amounts.map((amount) => amount.currency)))].sort();
}

/**
 * A report's rows as one line per id of one currency's `measure` per day, the biggest totals
 * first. Past `maxLines`, the smaller ids are summed into one line (`id: null`), so a chart of
 * a thousand partners stays readable and its total stays right. Ids with nothing in this
 * currency and measure are left out.
 */
export function earningsSeries(
  rows: readonly ReportRow[],
  idOf: (row: ReportRow) => number,
  range: { from: string; to: string },
  currency: string,
  measure: Measure,
  maxLines = 6,
): EarningsSeries {
  const days = daysBetween(range.from, range.to);
  const index = new Map(days.map((day, position) => [day, position]));
  const byId = new Map<number, number[]>();
  for (const row of rows) {
    const position = index.get(row.day);
    const money = row.amounts.find((amount) => amount.currency === currency);
    if (position === undefined || !money || money[measure] === 0) continue;
    const id = idOf(row);
    let values = byId.get(id);
    if (!values) byId.set(id, (values = new Array<number>(days.length).fill(0)));
    values[position]! += money[measure];
  }
  const lines: EarningsLine[] = [...byId].map(([id, values]) => ({ id, values, total: values.reduce((sum, value) => sum + value, 0) }));
  lines.sort((a, b) => b.total - a.total || (a.id ?? 0) - (b.id ?? 0));
  if (lines.length > maxLines) {
    const rest = lines.splice(maxLines - 1);
    const values = days.map((_, position) => rest.reduce((sum, line) => sum + line.values[position]!, 0));
    lines.push({ id: null, values, total: rest.reduce((sum, line) => sum + line.total, 0) });
  }
  return { days, at: days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000), lines };
}
