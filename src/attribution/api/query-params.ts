import { MAX_ROW_ID, parseRowId } from '../../db/index.ts';
import { AppError, type FieldError } from '../../errors/index.ts';

/** Query strings as Fastify parses them: a repeated key arrives as an array. */
export type Query = Record<string, unknown>;

/**
 * Collects every bad query parameter before answering, so a 400 lists all of them at once, as
 * body validation does.
 */
export class QueryReader {
  private readonly errors: FieldError[] = [];

  constructor(private readonly query: Query) {}

  private raw(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      this.errors.push({ field: name, message: 'must be given once' });
      return undefined;
    }
    return value;
  }

  /** A positive integer id (our attribution ids are integers). */
  id(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const parsed = parseRowId(value);
    if (parsed === undefined) this.errors.push({ field: name, message: `must be a positive integer up to ${MAX_ROW_ID}` });
    return parsed;
  }

  /** An integer between min and max, or the default when absent. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d{1,15}$/.test(value) || parsed < min || parsed > max) {
      this.errors.push({ field: name, message: `must be an integer from ${min} to ${max}` });
      return fallback;
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.errors.push({ field: name, message: `must be one of ${allowed.join(', ')}` });
      return undefined;
    }
    return value as T;
  }

  text(name: string, maxLength = 500): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length > maxLength) {
      this.errors.push({ field: name, message: `must be at most ${maxLength} characters` });
      return undefined;
    }
    return value;
  }

  /** An ISO-8601 date-time, as epoch ms. */
  time(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      this.errors.push({ field: name, message: 'must be an ISO-8601 date-time' });
      return undefined;
    }
    return ms;
  }

  currency(name: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && !/^[A-Z]{3}$/.test(value)) {
      this.errors.push({ field: name, message: 'must be an ISO 4217 code such as USD' });
      return undefined;
    }
    return value;
  }

  /** Refuses keys that are not in `known`: a misspelt filter must not silently widen a list. */
  rejectUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.query)) {
      if (!known.includes(key)) this.errors.push({ field: key, message: `is not a filter of this list (known: ${known.join(', ')})` });
    }
  }

  /** Throws one 400 listing every bad parameter, if any. */
  done(): void {
    if (this.errors.length > 0) throw AppError.validation(this.errors, 'The query has invalid parameters.');
  }
}
