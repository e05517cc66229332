import type { ErrorObject } from 'ajv';
import type { CompiledSchema } from './schema-definition.ts';
import type { EnforcementMode } from './tables.ts';

type Json = Record<string, unknown>;

/** One broken rule, described without the offending value (payloads may hold personal data). */
export interface Violation {
  rule: string;
  /** Dotted path from the event, e.g. `properties.total` or `traits.address.city`. */
  path: string;
  /** JSON type of the value found there; null when nothing is there. */
  value_type: string | null;
  message: string;
  /** The mode that applies to this violation: the contract's enforcement_mode, or undeclared_fields. */
  mode: EnforcementMode;
}

/** JSON type names, with `integer` told apart from `number` as JSON Schema does. */
export function jsonType(value: unknown): string | null {
  if (value === undefined) return null;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function dotted(prefix: string, pointer: string, extra?: string): string {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (extra !== undefined) parts.push(extra);
  return [prefix, ...parts].join('.');
}

function fromAjvError(error: ErrorObject, data: unknown, prefix: string, mode: EnforcementMode, undeclared: EnforcementMode): Violation {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty !== undefined) {
    return { rule: 'required_missing', path: dotted(prefix, error.instancePath, params.missingProperty), value_type: null, message: 'is required', mode };
  }
  if (error.keyword === 'additionalProperties' && params.additionalProperty !== undefined) {
    // The schema itself forbids extra fields: that is the contract's rule, so its mode applies.
    const path = dotted(prefix, error.instancePath, params.additionalProperty);
    const value = valueAt(data, `${error.instancePath}/${params.additionalProperty}`);
    // The schema itself forbids extra fields; undeclared_fields may ask for more, never for less.
    return { rule: 'undeclared_field', path, value_type: jsonType(value), message: 'is not declared in the contract', mode: stronger(mode, undeclared) };
  }
  const value = valueAt(data, error.instancePath);
  const rule = error.keyword === 'type' ? 'type_mismatch' : error.keyword;
  return { rule, path: dotted(prefix, error.instancePath), value_type: jsonType(value), message: error.message ?? 'is invalid', mode };
}

/** Fields present in `data` that the schema's `properties` (or `patternProperties`) do not declare, at any depth the schema describes. */
function undeclaredFields(schema: Json, data: unknown, path: string, out: Array<{ path: string; value: unknown }>): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) return;
  const declared = properties as Json;
  const patterns = Object.keys((schema.patternProperties as Json | undefined) ?? {}).map((source) => {
    try {
      return new RegExp(source, 'u');
    } catch {
      return undefined;
    }
  });
  for (const [key, value] of Object.entries(data)) {
    const child = `${path}.${key}`;
    if (Object.hasOwn(declared, key)) {
      const sub = declared[key];
      if (typeof sub === 'object' && sub !== null) undeclaredFields(sub as Json, value, child, out);
      continue;
    }
    if (patterns.some((re) => re?.test(key))) continue;
    out.push({ path: child, value });
  }
}

/**
 * Checks one event's properties (or traits) against a contract. Schema errors take the contract's
 * enforcement_mode; fields the schema does not declare take undeclared_fields, separately.
 */
export function evaluate(
  compiled: CompiledSchema,
  data: Json,
  prefix: 'properties' | 'traits',
  modes: { enforcement: EnforcementMode; undeclared: EnforcementMode },
): Violation[] {
  const violations: Violation[] = [];
  let valid: boolean;
  try {
    valid = compiled.validate(data) as boolean;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // A schema that loops on this data (a $ref behind a condition) would fail the event on every
    // retry; the contract could not check it, which is a violation under the contract's own mode.
    return [{ rule: 'schema_error', path: prefix, value_type: 'object', message: 'could not be checked: the contract schema refers to itself without end', mode: modes.enforcement }];
  }
  if (!valid) {
    for (const error of compiled.validate.errors ?? []) {
      violations.push(fromAjvError(error, data, prefix, modes.enforcement, modes.undeclared));
    }
  }
  const extra: Array<{ path: string; value: unknown }> = [];
  undeclaredFields(compiled.schema, data, prefix, extra);
  const reported = new Set(violations.filter((v) => v.rule === 'undeclared_field').map((v) => v.path));
  for (const { path, value } of extra) {
    if (reported.has(path)) continue;
    violations.push({ rule: 'undeclared_field', path, value_type: jsonType(value), message: 'is not declared in the contract', mode: modes.undeclared });
  }
  return violations;
}

const RANK: Record<EnforcementMode, number> = { allow: 0, warn: 1, block: 2 };

function stronger(a: EnforcementMode, b: EnforcementMode): EnforcementMode {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The strongest action among violations: block beats warn beats allow. */
export function strongestMode(violations: readonly Violation[]): EnforcementMode | undefined {
  if (violations.length === 0) return undefined;
  if (violations.some((v) => v.mode === 'block')) return 'block';
  if (violations.some((v) => v.mode === 'warn')) return 'warn';
  return 'allow';
}
