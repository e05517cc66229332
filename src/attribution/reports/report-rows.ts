/** Money columns of a report row, integer minor units of one currency. */
export interface MoneyTotals {
  currency: string;
  revenue: number;
  earned: number;
  draft: number;
  /** Commissions the program's fraud rules flagged, awaiting review. */
  flagged: number;
  /** Approved commissions still inside their program's holding period. */
  hold: number;
  pending: number;
  paid: number;
  refunded: number;
  clawed_back: number;
}

/** One report row: one collaborator (or program) on one UTC day. */
export interface ReportRow {
  id: number;
  day: string;
  visits: number;
  leads: number;
  sales: number;
  amounts: MoneyTotals[];
}

const DAY = 86_400_000;

export const dayOf = (ms: number): string => new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10);

/** Accumulates rows keyed by (id, day), money per currency; rows come out sorted by id, day. */
export class ReportAccumulator {
  private readonly rows = new Map<string, ReportRow>();

  private row(id: number, at: number): ReportRow {
    const day = dayOf(at);
    const key = `${id}|${day}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { id, day, visits: 0, leads: 0, sales: 0, amounts: [] };
      this.rows.set(key, row);
    }
    return row;
  }

  count(id: number, at: number, field: 'visits' | 'leads' | 'sales'): void {
    this.row(id, at)[field] += 1;
  }

  add(id: number, at: number, currency: string, field: Exclude<keyof MoneyTotals, 'currency'>, amount: number): void {
    const row = this.row(id, at);
    let totals = row.amounts.find((a) => a.currency === currency);
    if (!totals) {
      totals = { currency, revenue: 0, earned: 0, draft: 0, flagged: 0, hold: 0, pending: 0, paid: 0, refunded: 0, clawed_back: 0 };
      row.amounts.push(totals);
      row.amounts.sort((a, b) => a.currency.localeCompare(b.currency));
    }
    totals[field] += amount;
  }

  result(): ReportRow[] {
    return [...this.rows.values()].sort((a, b) => a.id - b.id || a.day.localeCompare(b.day));
  }
}
