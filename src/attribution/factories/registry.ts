import type { ValidateFunction } from 'ajv';
import type { FieldError } from '../../errors/index.ts';
import { ajv, fieldErrors } from '../../http/validate.ts';
import type { EventFactory } from './event-factory.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

interface Entry {
  factory: EventFactory<any>;
  validate: ValidateFunction;
}

/** The slugs `/event/{slug}` accepts. Schemas compile once, when the factory is added. */
export class FactoryRegistry {
  private readonly entries = new Map<string, Entry>();

  addFactory<Body>(factory: EventFactory<Body>): void {
    if (!SLUG.test(factory.slug)) throw new Error(`invalid event factory slug ${JSON.stringify(factory.slug)}`);
    if (this.entries.has(factory.slug)) throw new Error(`an event factory for ${factory.slug} is already registered`);
    this.entries.set(factory.slug, { factory, validate: ajv.compile(factory.schema) });
  }

  get(slug: string): EventFactory<any> | undefined {
    return this.entries.get(slug)?.factory;
  }

  /** The factory `/event/{slug}` and bindings may use: none for an internal slug. */
  getPublic(slug: string): EventFactory<any> | undefined {
    const factory = this.entries.get(slug)?.factory;
    return factory?.internal ? undefined : factory;
  }

  /** The slugs `/event/{slug}` and bindings accept (internal ones left out). */
  slugs(): string[] {
    return [...this.entries.values()].filter((entry) => !entry.factory.internal).map((entry) => entry.factory.slug);
  }

  /** Every field error of the body against the slug's schema and extra checks. */
  validate(slug: string, body: unknown): FieldError[] {
    const entry = this.entries.get(slug);
    if (!entry) throw new Error(`no event factory for ${slug}`);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return [{ field: 'body', message: 'must be a JSON object' }];
    // Schema errors and the factory's own checks together, one error per field: a client fixes all at once.
    const errors = entry.validate(body) ? [] : fieldErrors(entry.validate.errors);
    const seen = new Set(errors.map((error) => error.field));
    for (const error of entry.factory.check?.(body) ?? []) if (!seen.has(error.field)) errors.push(error);
    return errors;
  }

  /** Whether a repeat of the slug's dedupe key must carry the same body (see EventFactory). */
  repeatMustMatch(slug: string): boolean {
    return (this.entries.get(slug)?.factory.repeatWithOtherBody ?? 'conflict') === 'conflict';
  }

  dedupeKey(slug: string, body: Record<string, unknown>): string | null {
    const factory = this.entries.get(slug)?.factory;
    if (!factory) return null;
    if (factory.dedupeKey) return factory.dedupeKey(body);
    const { source, externalId } = body;
    if ((typeof source === 'string' || typeof source === 'number') && (typeof externalId === 'string' || typeof externalId === 'number')) {
      return `dom:${slug}:${source}:${externalId}`;
    }
    return null;
  }
}
