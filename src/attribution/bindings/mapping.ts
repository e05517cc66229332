import type { FieldError } from '../../errors/index.ts';
import type { CanonicalEvent } from '../../pipeline/index.ts';

type Json = Record<string, unknown>;

/**
 * How one body field is filled from a canonical event: a dotted path (`properties.order_id`),
 * alternatives tried in order (`["properties.total", "properties.revenue"]`), a constant
 * (`{ "const": "segment" }`), or a list built from an array (`{ "each": "properties.products",
 * "fields": { "name": "name", "amount": "price" } }`, paths relative to each element).
 */
export type MappingRule = string | string[] | { const: unknown } | { each: string; fields: Record<string, MappingRule> };

/** Target body field → rule. */
export type FieldMapping = Record<string, MappingRule>;

const PATH = /^[A-Za-z_$][\w$-]*(\.[\w$-]+)*$/;

/** What a path reads: the canonical event's identity, name, properties, traits and context. */
export function mappingSource(event: CanonicalEvent): Json {
  return {
    type: event.type,
    name: event.name,
    userId: event.userId,
    anonymousId: event.anonymousId,
    email: event.email,
    messageId: event.messageId,
    properties: event.properties,
    traits: event.traits,
    context: event.context,
  };
}

function read(source: unknown, path: string): unknown {
  let value = source;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Json)[key];
  }
  return value ?? undefined;
}

function applyRule(source: unknown, rule: MappingRule): unknown {
  if (typeof rule === 'string') return read(source, rule);
  if (Array.isArray(rule)) {
    for (const path of rule) {
      const value = read(source, path);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  if ('const' in rule) return rule.const;
  const list = read(source, rule.each);
  if (!Array.isArray(list)) return undefined;
  return list.map((element) => applyMapping(element, rule.fields));
}

/** The domain body a mapping builds; fields whose rule finds nothing are left out. */
export function applyMapping(source: unknown, mapping: FieldMapping): Json {
  const body: Json = {};
  for (const [field, rule] of Object.entries(mapping)) {
    const value = applyRule(source, rule);
    if (value !== undefined) body[field] = value;
  }
  return body;
}

/** Every malformed rule of a mapping, with its dotted position. */
export function checkMapping(mapping: unknown, prefix = 'mapping'): FieldError[] {
  if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) return [{ field: prefix, message: 'must be an object of field → rule' }];
  const errors: FieldError[] = [];
  for (const [field, rule] of Object.entries(mapping as Json)) {
    const at = `${prefix}.${field}`;
    if (typeof rule === 'string') {
      if (!PATH.test(rule)) errors.push({ field: at, message: 'must be a dotted path' });
    } else if (Array.isArray(rule)) {
      if (rule.length === 0 || !rule.every((path) => typeof path === 'string' && PATH.test(path))) errors.push({ field: at, message: 'must be a non-empty list of dotted paths' });
    } else if (rule !== null && typeof rule === 'object' && 'const' in rule) {
      continue;
    } else if (rule !== null && typeof rule === 'object' && typeof (rule as Json).each === 'string') {
      if (!PATH.test((rule as Json).each as string)) errors.push({ field: `${at}.each`, message: 'must be a dotted path' });
      errors.push(...checkMapping((rule as Json).fields, `${at}.fields`));
    } else {
      errors.push({ field: at, message: 'must be a path, a list of paths, { const } or { each, fields }' });
    }
  }
  return errors;
}
