import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { AppError, type FieldError } from '../errors/index.ts';
import { isCurrencyCode } from '../lib/currencies.ts';

/** Messages for our own formats, where Ajv's would only say `must match format "currency"`. */
const FORMAT_MESSAGES: Record<string, string> = { currency: 'must be an ISO 4217 currency code, such as USD' };

/**
 * The request validator: one Ajv with our formats, and `compile` that turns a schema into a
 * function answering `400 validation_failed` with every field. Schemas compile once, at start-up,
 * and are reused on every request.
 */
export interface Validator {
  readonly ajv: Ajv;
  compile<T>(schema: object): (value: unknown) => T;
}

/**
 * Builds a validator whose Ajv is configured here and nowhere else: no caller changes a shared
 * instance after the fact, so no caller's options win over another's (STYLE 18). The runtime
 * creates one and passes it down.
 */
export function createValidator(): Validator {
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
  // `format: 'currency'`: an ISO 4217 code in circulation, upper case (`USD`, not `usd` or `ZZZ`).
  ajv.addFormat('currency', { type: 'string', validate: isCurrencyCode });
  return {
    ajv,
    compile<T>(schema: object) {
      const validate: ValidateFunction = ajv.compile(schema);
      return (value: unknown): T => {
        if (!validate(value)) throw AppError.validation(fieldErrors(validate.errors));
        return value as T;
      };
    },
  };
}

/**
 * The validator the route modules import until they receive one from the runtime. It is built by
 * the same factory and never changed after, so it is the same as one the runtime would create.
 */
export const defaultValidator: Validator = createValidator();
/** The default validator's Ajv, for modules that compile schemas with their own error messages. */
export const ajv: Ajv = defaultValidator.ajv;

export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  return path ? `${prefix}.${path}` : prefix;
}

/**
 * Ajv's errors as `{ field, message }`, with dotted paths under `prefix` (e.g. `batch.3`). A missing
 * or unknown property is named in the path itself (`incentive.amounts`, `id`), not left as its
 * parent with Ajv's "must NOT have additional properties", which does not say which one. An error
 * on the value itself is named `root` (`body`, or Fastify's `querystring` / `params`).
 *
 * The one mapping from schema errors to field errors: our validators and Fastify's route schemas
 * (error-handler.ts) both answer through it.
 */
export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix = '', root = 'body'): FieldError[] {
  if (!errors) return [];
  return errors.map((issue) => {
    const base = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const { missingProperty: missing, additionalProperty: unknown } = issue.params as { missingProperty?: string; additionalProperty?: string };
    const named = missing ?? unknown;
    const path = named === undefined ? base : joinPath(base, named);
    const format = issue.keyword === 'format' ? FORMAT_MESSAGES[(issue.params as { format?: string }).format ?? ''] : undefined;
    const message = missing !== undefined ? 'is required' : unknown !== undefined ? 'is not a known field' : (format ?? issue.message ?? 'is invalid');
    return { field: joinPath(prefix, path) || root, message };
  });
}

/** Compiles a schema with the default validator; see `Validator.compile`. */
export function compileValidator<T>(schema: object): (value: unknown) => T {
  return defaultValidator.compile<T>(schema);
}
