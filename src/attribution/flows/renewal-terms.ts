import type { RenewalSkipReason } from '../bus/domain-event-map.ts';
import { percentOf } from '../model/money.ts';
import { saleIncentive, type SaleIncentive } from '../model/programs.ts';
import type { ProgramRow } from '../model/tables.ts';

/** A renewal as a program's terms read it. */
export interface RenewalFacts {
  /** 1 for the first renewal of the sale, 2 for the second, … */
  period: number;
  /** When the first sale was stored, and when this renewal is (epoch ms). */
  firstSaleAt: number;
  now: number;
  total: number;
  currency: string;
}

export type RenewalDecision = { earns: true; incentive: SaleIncentive } | { earns: false; reason: RenewalSkipReason };

/**
 * `months` calendar months after `from`, in UTC, the day clamped to the target month's length
 * (31 January + 1 month is 28 or 29 February), as billing systems count subscription months.
 */
export function addMonths(from: number, months: number): number {
  const date = new Date(from);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
}

function renewalIncentive(program: ProgramRow, total: number, currency: string): SaleIncentive | undefined {
  switch (program.renewal_incentive) {
    case 'same':
      return saleIncentive(program, total, currency);
    case 'percent': {
      const basisPoints = program.renewal_bps ?? 0;
      return { amount: percentOf(total, basisPoints), incentive: { type: 'percent', basisPoints } };
    }
    case 'flat': {
      const amount = (program.renewal_amounts ? (JSON.parse(program.renewal_amounts) as Record<string, number>) : {})[currency];
      return amount === undefined ? undefined : { amount, incentive: { type: 'flat', amount } };
    }
    default:
      return undefined;
  }
}

/**
 * Whether a program pays a renewal, and what. The limits are checked before the amount, so a
 * renewal past them says so even when the program would also pay nothing in its currency: a
 * period limit of N pays renewals 1…N; a month limit of N pays renewals strictly before the
 * first sale's date plus N calendar months. With both, the first one reached ends the earning.
 */
export function decideRenewal(program: ProgramRow, facts: RenewalFacts): RenewalDecision {
  if (program.status !== 'active') return { earns: false, reason: 'program_inactive' };
  if (program.renewal_incentive === 'none') return { earns: false, reason: 'renewals_off' };
  if (program.renewal_limit_periods !== null && facts.period > program.renewal_limit_periods) return { earns: false, reason: 'period_limit' };
  if (program.renewal_limit_months !== null && facts.now >= addMonths(facts.firstSaleAt, program.renewal_limit_months)) return { earns: false, reason: 'month_limit' };
  const incentive = renewalIncentive(program, facts.total, facts.currency);
  return incentive ? { earns: true, incentive } : { earns: false, reason: 'no_incentive_in_currency' };
}
