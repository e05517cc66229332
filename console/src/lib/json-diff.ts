/** One place where two JSON values differ: a dotted path and both sides (undefined: absent). */
export interface JsonDifference {
  path: string;
  expected: unknown;
  actual: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Where `actual` differs from `expected`, leaf by leaf (`properties.tier`, `items.0.sku`), in key
 * order. Empty when they are equal as JSON, which is how the server compares a transformation's
 * output with its expected output on activation.
 */
export function jsonDifferences(expected: unknown, actual: unknown, path = ''): JsonDifference[] {
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((key) => jsonDifferences(expected[key], actual[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    return Array.from({ length }, (_, index) => jsonDifferences(expected[index], actual[index], path ? `${path}.${index}` : String(index))).flat();
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [{ path: path || '(the whole value)', expected, actual }];
}
