import { describe, expect, it } from 'vitest';
import { firstDifference, jsonEqual } from '../../src/transform/json-equal.ts';
import { returnedValue } from '../../src/transform/activation.ts';

describe('jsonEqual', () => {
  it('ignores object key order at every depth', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(true);
  });

  it('keeps array order and length significant', () => {
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1], [1, 1])).toBe(false);
  });

  it('tells apart values that loose comparisons confuse', () => {
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonEqual({ a: null }, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual({ a: 1 }, { b: 1 })).toBe(false);
  });

  it('treats 150 and 150.0 as the same number, as JSON does', () => {
    expect(jsonEqual(JSON.parse('{"total":150.0}'), { total: 150 })).toBe(true);
  });
});

describe('firstDifference', () => {
  it('names the dotted path of the first differing value', () => {
    expect(firstDifference({ properties: { total: 1, tier: 'a' } }, { properties: { tier: 'b', total: 1 } })).toBe('properties.tier');
    expect(firstDifference([{ a: 1 }, { a: 2 }], [{ a: 1 }, { a: 3 }])).toBe('1.a');
    expect(firstDifference({ a: 1 }, { a: 1, extra: true })).toBe('extra');
    expect(firstDifference({ a: 1 }, null)).toBe('$');
    expect(firstDifference({ a: 1 }, { a: 1 })).toBeUndefined();
  });
});

describe('returnedValue', () => {
  it('gives back what transform returned: the object, the array, or null for a drop', () => {
    const base = { ok: true as const, logs: [], durationMs: 1 };
    expect(returnedValue({ ...base, events: [{ a: 1 }], shape: 'object' })).toEqual({ a: 1 });
    expect(returnedValue({ ...base, events: [{ a: 1 }], shape: 'array' })).toEqual([{ a: 1 }]);
    expect(returnedValue({ ...base, events: [], shape: 'drop' })).toBeNull();
    expect(returnedValue({ ...base, events: [], shape: 'array' })).toEqual([]);
  });
});
