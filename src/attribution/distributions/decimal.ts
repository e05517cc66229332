/**
 * Exact non-negative decimals for metric values. A metric may be a count (`3`) or a measure
 * (`12.5` hours); floats would make two sums of the same values differ, so values stay decimal
 * text in storage and are added as scaled BigInts.
 */

const DECIMAL = /^(\d{1,30})(?:\.(\d{1,18}))?$/;

/** A decimal as `units / 10^scale`. */
export interface Scaled {
  units: bigint;
  scale: number;
}

/** Whether the text (or safe integer) is a non-negative decimal a metric accepts. */
export function isMetricValue(value: unknown): value is string | number {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0;
  return typeof value === 'string' && DECIMAL.test(value);
}

/** Canonical text: no leading zeros, no trailing fractional zeros (`007.50` → `7.5`). */
export function normalizeDecimal(value: string | number): string {
  return formatScaled(parseDecimal(value));
}

export function parseDecimal(value: string | number): Scaled {
  const match = DECIMAL.exec(String(value));
  if (!match) throw new RangeError(`not a non-negative decimal: ${String(value)}`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return { units: BigInt(match[1]! + fraction), scale: fraction.length };
}

export function formatScaled({ units, scale }: Scaled): string {
  if (scale === 0) return units.toString();
  const text = units.toString().padStart(scale + 1, '0');
  const whole = text.slice(0, -scale);
  const fraction = text.slice(-scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** The values on one common scale, so they can be added and compared exactly. */
export function toCommonScale(values: readonly string[]): { units: bigint[]; scale: number } {
  const parsed = values.map(parseDecimal);
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  return { units: parsed.map((p) => p.units * 10n ** BigInt(scale - p.scale)), scale };
}

/** The exact sum of decimal texts, as canonical text. */
export function sumDecimals(values: readonly string[]): string {
  const { units, scale } = toCommonScale(values);
  return formatScaled({ units: units.reduce((a, b) => a + b, 0n), scale });
}
