import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import safeRegex from 'safe-regex2';
import { AppError } from '../errors/index.ts';

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

type Json = Record<string, unknown>;

/** Largest schema_definition accepted, as JSON text: a contract is a description, not a data set. */
export const MAX_SCHEMA_BYTES = 64 * 1024;

const DRAFT_2020 = /json-schema\.org\/draft\/2020-12\/schema/;
const DRAFT_07 = /json-schema\.org\/draft-07\/schema/;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Seed 003 writes `{ "properties": { "x": { "type": "string", "required": true } } }`; JSON Schema
 * wants `required: ["x"]` on the parent. A boolean `required` is never valid JSON Schema, so the
 * two shapes cannot be confused: translate every boolean at any depth, keep everything else.
 */
export function toJsonSchema(definition: Json): Json {
  const out: Json = { ...definition };
  if (isObject(definition.properties)) {
    const properties: Json = {};
    const required = Array.isArray(definition.required) ? [...(definition.required as unknown[])] : [];
    for (const [name, raw] of Object.entries(definition.properties)) {
      if (!isObject(raw)) {
        properties[name] = raw;
        continue;
      }
      const { required: flag, ...rest } = raw;
      if (typeof flag === 'boolean') {
        if (flag && !required.includes(name)) required.push(name);
        properties[name] = toJsonSchema(rest);
      } else {
        properties[name] = toJsonSchema(raw);
      }
    }
    out.properties = properties;
    if (required.length > 0) out.required = required;
  }
  if (isObject(definition.items)) out.items = toJsonSchema(definition.items);
  return out;
}

/** Which JSON Schema dialect a definition declares; no `$schema` means draft 2020-12. */
export function detectDraft(definition: Json): '2020-12' | 'draft-07' {
  const declared = definition.$schema;
  if (declared === undefined) return '2020-12';
  if (typeof declared === 'string' && DRAFT_2020.test(declared)) return '2020-12';
  if (typeof declared === 'string' && DRAFT_07.test(declared)) return 'draft-07';
  throw AppError.validation([
    { field: 'schema_definition.$schema', message: 'must be JSON Schema draft 2020-12 or draft-07 (or left out)' },
  ]);
}

/** Keywords whose values are data, not schemas: a "pattern" key inside them is not a regex. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'example']);

/**
 * Regexes in `pattern` and `patternProperties` run on every event in the worker: one with
 * exponential backtracking (`(a+)+$`) would stall ingestion for everyone. Refuse those when saved.
 */
function unsafePatterns(node: unknown, out: string[]): string[] {
  if (Array.isArray(node)) {
    for (const item of node) unsafePatterns(item, out);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (DATA_KEYWORDS.has(key)) continue;
      if (key === 'pattern' && typeof value === 'string' && !safeRegex(value)) out.push(value);
      if (key === 'patternProperties' && isObject(value)) {
        for (const source of Object.keys(value)) if (!safeRegex(source)) out.push(source);
      }
      unsafePatterns(value, out);
    }
  }
  return out;
}

/** A compiled contract schema and the declared top-level property names (for undeclared fields). */
export interface CompiledSchema {
  readonly validate: ValidateFunction;
  readonly schema: Json;
}

/**
 * Compiles a user's schema_definition, or throws a 400 naming the reason. Every contract gets its
 * own Ajv instance: user schemas may reuse `$id`s across contracts, and dropping the instance with
 * the contract frees its compiled code (one shared Ajv would keep every version ever compiled).
 */
export function compileSchemaDefinition(definition: unknown): CompiledSchema {
  if (!isObject(definition)) {
    throw AppError.validation([{ field: 'schema_definition', message: 'must be a JSON object' }]);
  }
  if (JSON.stringify(definition).length > MAX_SCHEMA_BYTES) {
    throw AppError.validation([{ field: 'schema_definition', message: `must be at most ${MAX_SCHEMA_BYTES} bytes of JSON` }]);
  }
  const draft = detectDraft(definition);
  const unsafe = unsafePatterns(definition, []);
  if (unsafe.length > 0) {
    throw AppError.validation(
      unsafe.map((source) => ({ field: 'schema_definition', message: `pattern ${JSON.stringify(source)} may backtrack exponentially; simplify it` })),
    );
  }
  const schema = toJsonSchema(definition);
  // strict: false lets users keep annotations Ajv does not know (x-owner, examples); the meta-schema
  // check still refuses wrong keyword values such as `"type": "strin"`.
  const options = { allErrors: true, strict: false, validateSchema: true, loadSchema: undefined } as const;
  const ajv = draft === '2020-12' ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw AppError.validation([{ field: 'schema_definition', message: `is not a valid JSON Schema: ${reason}` }]);
  }
  // `{"$ref": "#"}` (or `allOf: [{$ref: "#"}]`) compiles but applies itself to the same value forever:
  // every matching event would overflow the stack. An empty object finds the plain loops here;
  // a loop behind a condition (`if`/`then`) is caught per event by evaluate().
  if (overflowsStack(validate, {})) {
    throw AppError.validation([{ field: 'schema_definition', message: 'refers to itself ($ref) without descending into the data, so it never finishes' }]);
  }
  return { validate, schema };
}

/** True when validating `data` recurses until the stack overflows. */
export function overflowsStack(validate: ValidateFunction, data: unknown): boolean {
  try {
    validate(data);
    return false;
  } catch (error) {
    if (error instanceof RangeError) return true;
    throw error;
  }
}
