import { describe, expect, it } from 'vitest';
import { compileSchemaDefinition, evaluate, jsonType, toJsonSchema } from '../../src/contracts/index.ts';
import type { AppError, FieldError } from '../../src/errors/index.ts';
import { chunkNotices, MAX_PAYLOAD_BYTES } from '../../src/observe/live-pg-channel.ts';

/** The field messages of the 400 a schema_definition gets, or '' when it compiles. */
function refusal(definition: unknown): string {
  try {
    compileSchemaDefinition(definition);
    return '';
  } catch (error) {
    return ((error as AppError).data as { fields: FieldError[] }).fields.map((f) => `${f.field}: ${f.message}`).join('\n');
  }
}

const modes = (enforcement: 'allow' | 'warn' | 'block', undeclared: 'allow' | 'warn' | 'block' = 'allow') => ({ enforcement, undeclared });

describe('schema_definition translation', () => {
  it('turns the seed shape (required: true on a property) into JSON Schema required arrays, at any depth', () => {
    expect(
      toJsonSchema({
        properties: {
          id: { type: 'string', required: true },
          note: { type: 'string', required: false },
          address: { type: 'object', required: true, properties: { city: { type: 'string', required: true } } },
        },
      }),
    ).toEqual({
      properties: {
        id: { type: 'string' },
        note: { type: 'string' },
        address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
      required: ['id', 'address'],
    });
  });

  it('leaves full JSON Schema as it is', () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: ['a'], properties: { a: { type: 'string' } } };
    expect(toJsonSchema(schema)).toEqual(schema);
  });

  it('refuses an invalid schema with the reason, and an unsupported draft', () => {
    expect(refusal({ properties: { a: { type: 'strin' } } })).toMatch(/^schema_definition: is not a valid JSON Schema: .*type/);
    expect(refusal({ $schema: 'http://json-schema.org/draft-04/schema#' })).toMatch(/^schema_definition.\$schema: must be JSON Schema draft 2020-12 or draft-07/);
    expect(refusal({ $ref: 'https://example.com/remote.json' })).toMatch(/can't resolve reference/);
    expect(refusal({ properties: { a: { description: 'x'.repeat(70_000) } } })).toMatch(/at most 65536 bytes/);
    expect(refusal({ properties: { a: { type: 'string', required: true } } })).toBe('');
  });

  it('refuses patterns that backtrack exponentially, which would stall the worker on every event', () => {
    expect(refusal({ properties: { a: { type: 'string', pattern: '^(a+)+$' } } })).toMatch(/backtrack/);
    expect(refusal({ patternProperties: { '^(x+x+)+y$': { type: 'string' } } })).toMatch(/backtrack/);
    expect(refusal({ properties: { a: { type: 'string', pattern: '^SKU-[0-9]{3}$' } } })).toBe('');
    expect(refusal({ properties: { a: { const: { pattern: '(a+)+' } } } })).toBe('');
  });
});

describe('contract evaluation', () => {
  const compiled = compileSchemaDefinition({
    properties: {
      order_id: { type: 'string', required: true },
      total: { type: 'number', minimum: 0, required: true },
      address: { type: 'object', properties: { city: { type: 'string' } } },
    },
  });

  it('names the rule, path and value type of every violation, never the value', () => {
    const violations = evaluate(compiled, { total: -3, address: { city: 7, zip: '1000' }, ssn: '123-45-6789' }, 'properties', modes('warn', 'block'));
    const summary = violations.map((v) => [v.rule, v.path, v.value_type, v.mode]).sort();
    expect(summary).toEqual([
      ['minimum', 'properties.total', 'integer', 'warn'],
      ['required_missing', 'properties.order_id', null, 'warn'],
      ['type_mismatch', 'properties.address.city', 'integer', 'warn'],
      ['undeclared_field', 'properties.address.zip', 'string', 'block'],
      ['undeclared_field', 'properties.ssn', 'string', 'block'],
    ]);
    expect(JSON.stringify(violations)).not.toContain('123-45-6789');
  });

  it('finds nothing in a valid event', () => {
    expect(evaluate(compiled, { order_id: 'o', total: 1.5 }, 'properties', modes('block', 'block'))).toEqual([]);
  });

  it('reports a schema that forbids extra fields itself once, with the stronger of the two modes', () => {
    const closed = compileSchemaDefinition({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false });
    const violations = evaluate(closed, { a: 'x', b: 1 }, 'traits', modes('warn', 'block'));
    expect(violations).toEqual([expect.objectContaining({ rule: 'undeclared_field', path: 'traits.b', mode: 'block' })]);
  });

  it('gives JSON Schema type names', () => {
    expect([1, 1.5, 'a', true, null, [], {}, undefined].map(jsonType)).toEqual(['integer', 'number', 'string', 'boolean', 'null', 'array', 'object', null]);
  });
});

describe('NOTIFY payload chunking', () => {
  it('splits event ids into payloads under 8000 bytes and loses none', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `0190f0f0-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const payloads = chunkNotices('origin', '0190f0f0-aaaa-7000-8000-000000000000', ids);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(payloads.flatMap((p) => JSON.parse(p).i)).toEqual(ids);
  });
});
