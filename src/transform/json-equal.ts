/**
 * Deep equality of JSON values, as a user comparing a transformation's output with the expected
 * one means it: object key order is irrelevant, array order matters, `1` equals `1.0`.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key], right[key]));
}

/** The first path where two JSON values differ (`properties.tier`), or `$` when the roots differ. */
export function firstDifference(actual: unknown, expected: unknown, path = ''): string | undefined {
  if (jsonEqual(actual, expected)) return undefined;
  const here = path || '$';
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return here;
  if (Array.isArray(actual) !== Array.isArray(expected)) return here;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return here;
    for (let i = 0; i < actual.length; i += 1) {
      const diff = firstDifference(actual[i], expected[i], path ? `${path}.${i}` : String(i));
      if (diff) return diff;
    }
    return here;
  }
  const left = actual as Record<string, unknown>;
  const right = expected as Record<string, unknown>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)].sort())) {
    const diff = firstDifference(left[key], right[key], path ? `${path}.${key}` : key);
    if (diff) return diff;
  }
  return here;
}
