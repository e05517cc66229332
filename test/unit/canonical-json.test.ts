import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson } from '../../src/lib/canonical-json.ts';

/** The same value with every object's members in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([name, member]) => [name, reordered(member)]));
}

describe('canonicalJson (RFC 8785)', () => {
  it('sorts members by UTF-16 code units, at every depth (RFC 8785 §3.2.3)', () => {
    const input = JSON.parse('{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}');
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    expect(canonicalJson({ b: { d: 1, c: [{ f: 1, e: 2 }] }, a: null })).toBe('{"a":null,"b":{"c":[{"e":2,"f":1}],"d":1}}');
  });

  it('writes the RFC 8785 §3.2.2 sample: literals, numbers and escapes', () => {
    const input = JSON.parse('{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}');
    expect(canonicalJson(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('writes numbers as ECMAScript does (RFC 8785 Appendix B samples)', () => {
    const samples: Array<[string, string]> = [
      ['0', '0'],
      ['-0', '0'],
      ['1.50', '1.5'],
      ['1e2', '100'],
      ['100.000', '100'],
      ['49.990', '49.99'],
      ['4999e-2', '49.99'],
      ['1E21', '1e+21'],
      ['1e20', '100000000000000000000'],
      ['0.000001', '0.000001'],
      ['1e-7', '1e-7'],
      ['9007199254740992', '9007199254740992'],
      ['5e-324', '5e-324'],
      ['1.7976931348623157e308', '1.7976931348623157e+308'],
    ];
    for (const [written, canonical] of samples) expect(canonicalJson(JSON.parse(written)), written).toBe(canonical);
  });

  it('leaves out undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('throws for what JSON cannot hold', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Infinity])).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });

  it('gives the same text for any member order and spacing, and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reordered(value))).toBe(text);
        expect(canonicalJson(JSON.parse(JSON.stringify(value, null, 2)))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(text).not.toMatch(/[\n\t]/);
      }),
    );
  });
});

describe('canonicalHash', () => {
  it('hashes the meaning: reordered keys and respelled numbers match, another value does not', () => {
    const first = canonicalHash(JSON.parse('{"total": 49.99, "items": [{"amount": 1.50}]}'));
    expect(canonicalHash(JSON.parse('{"items":[{"amount":1.5}],"total":49.990}'))).toBe(first);
    expect(canonicalHash(JSON.parse('{"items":[{"amount":1.5}],"total":49.98}'))).not.toBe(first);
    expect(first).toMatch(/^jcs:[A-Za-z0-9_-]{43}$/);
  });
});
