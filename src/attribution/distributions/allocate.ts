import { toCommonScale } from './decimal.ts';

export interface Share {
  collaboratorId: number;
  /** The collaborator's metric sum over the period, decimal text. */
  metricValue: string;
}

export interface Allocation extends Share {
  amount: number;
}

/**
 * Splits `pool` (minor units) by metric, largest-remainder (Hamilton) rounding: each share is first
 * floored, then the units left over go one each to the largest remainders, so the shares always sum
 * to exactly the pool. Ties on the remainder go to the larger metric, then the lower collaborator
 * id, so a rerun of the same period allocates the same way. Collaborators whose share is zero (a
 * zero metric, or a share that rounds to nothing) are left out; a zero total allocates nothing.
 */
export function allocatePool(pool: number, shares: readonly Share[]): Allocation[] {
  const { units } = toCommonScale(shares.map((s) => s.metricValue));
  const total = units.reduce((a, b) => a + b, 0n);
  if (total === 0n || pool <= 0) return [];
  const bigPool = BigInt(pool);
  const rows = shares
    .map((share, i) => {
      const weighted = bigPool * units[i]!;
      return { share, metric: units[i]!, floor: weighted / total, remainder: weighted % total };
    })
    .filter((row) => row.metric > 0n);
  let left = bigPool - rows.reduce((sum, row) => sum + row.floor, 0n);
  const order = [...rows].sort((a, b) =>
    a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.metric !== b.metric ? (a.metric > b.metric ? -1 : 1) : a.share.collaboratorId - b.share.collaboratorId,
  );
  for (const row of order) {
    if (left === 0n) break;
    row.floor += 1n;
    left -= 1n;
  }
  // A share that rounds to nothing is left out: an obligation of 0 would only sit in every payout.
  return rows
    .filter((row) => row.floor > 0n)
    .sort((a, b) => a.share.collaboratorId - b.share.collaboratorId)
    .map((row) => ({ ...row.share, amount: Number(row.floor) }));
}
