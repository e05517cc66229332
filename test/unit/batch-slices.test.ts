import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchMessageTexts } from '../../src/ingest/batch-slices.ts';

describe('batchMessageTexts', () => {
  it('finds each batch message as written, whitespace, escapes and nesting included', () => {
    const body = ' {"sentAt":"x","batch" : [ {"a":"q\\"}]","b":[1,{"c":"\\\\"}]} ,\n{"n":-1.5e3,"t":true}\t], "z":null}';
    expect(batchMessageTexts(body)).toEqual(['{"a":"q\\"}]","b":[1,{"c":"\\\\"}]}', '{"n":-1.5e3,"t":true}']);
  });

  it('takes the last batch key, as JSON.parse does, and gives up on bodies it cannot map', () => {
    expect(batchMessageTexts('{"batch":[{"a":1}],"batch":[{"b":2},{"c":3}]}')).toEqual(['{"b":2}', '{"c":3}']);
    expect(batchMessageTexts('{"batch":[{"a":1}],"batch":"none"}')).toBeUndefined();
    expect(batchMessageTexts('{"ba\\u0074ch":[{"a":1}]}')).toBeUndefined();
    expect(batchMessageTexts('[{"a":1}]')).toBeUndefined();
    expect(batchMessageTexts('{"batch":[]}')).toEqual([]);
  });

  it('agrees with JSON.parse on any batch of any JSON values, however indented', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.jsonValue(), fc.constantFrom(undefined, 0, 2, '\t'), (batch, other, indent) => {
        const text = JSON.stringify({ before: other, batch, after: other }, null, indent);
        const texts = batchMessageTexts(text);
        expect(texts?.map((t) => JSON.parse(t))).toEqual(JSON.parse(text).batch);
      }),
      { numRuns: 300 },
    );
  });
});
