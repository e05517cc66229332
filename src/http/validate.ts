import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { AppError, type FieldError } from '../errors/index.ts';
import { isCurrencyCode } from '../lib/currencies.ts';

/** One Ajv for the process: schemas compile once at start-up and are reused on every request. */
export const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
/** `format: 'currency'`: an ISO 4217 code in circulation, upper case (`USD`, not `usd` or `ZZZ`). */
ajv.addFormat('currency', { type: 'string', validate: isCurrencyCode });

/** Messages for our own formats, where Ajv's would only say `must match format "currency"`. */
const FORMAT_MESSAGES: Record<string, string> = { currency: 'must be an ISO 4217 currency code, such as USD' };

export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  return path ? `${prefix}.${path}` : prefix;
}

/**
 * Ajv's errors as `{ field, message }`, with dotted paths under `prefix` (e.g. `batch.3`). A missing
 * or unknown property is named in the path itself (`incentive.amounts`, `id`), not left as its
 * parent with Ajv's "must NOT have additional properties", which does not say which one.
 */
export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  if (!errors) return [];
  return errors.map((issue) => {
    const base = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const { missingProperty: missing, additionalProperty: unknown } = issue.params as { missingProperty?: string; additionalProperty?: string };
    const named = missing ?? unknown;
    const path = named === undefined ? base : joinPath(base, named);
    const format = issue.keyword === 'format' ? FORMAT_MESSAGES[(issue.params as { format?: string }).format ?? ''] : undefined;
    const message = missing !== undefined ? 'is required' : unknown !== undefined ? 'is not a known field' : (format ?? issue.message ?? 'is invalid');
    return { field: joinPath(prefix, path) || 'body', message };
  });
}

/** Compiles a schema into a function that returns the value typed, or throws a 400 listing every field. */
export function compileValidator<T>(schema: object): (value: unknown) => T {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value: unknown): T => {
    if (!validate(value)) throw AppError.validation(fieldErrors(validate.errors));
    return value as T;
  };
}
