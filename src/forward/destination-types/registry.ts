import type { ValidateFunction } from 'ajv';
import type { FieldError } from '../../errors/index.ts';
import { ajv, fieldErrors } from '../../http/validate.ts';
import type { DestinationType } from './destination-type.ts';

const TYPE_ID = /^[a-z][a-z0-9-]{0,39}$/;

interface Entry {
  readonly type: DestinationType<any>;
  readonly validate: ValidateFunction;
  readonly secretFields: readonly string[];
}

/**
 * The destination types this process knows. The runtime builds one with the built-in types
 * (`builtInDestinationTypes`) and plugins add theirs with `add` before the server starts; schemas
 * compile once, when the type is added. Owned by ForwardServices, never a module-level map.
 */
export class DestinationTypeRegistry {
  private readonly entries = new Map<string, Entry>();

  add<Config extends object>(type: DestinationType<Config>): void {
    if (!TYPE_ID.test(type.id)) throw new Error(`invalid destination type id ${JSON.stringify(type.id)}`);
    if (this.entries.has(type.id)) throw new Error(`a destination type ${type.id} is already registered`);
    const secretFields = Object.entries(type.configSchema.properties).flatMap(([name, schema]) => (schema['x-secret'] === true ? [name] : []));
    for (const name of secretFields) {
      if (type.configSchema.properties[name]!.type !== 'string') throw new Error(`secret field ${type.id}.${name} must be a string`);
    }
    if (type.limits.maxEvents < 1 || type.limits.maxEvents > 1000) throw new Error(`${type.id}: limits.maxEvents must be 1 to 1000`);
    this.entries.set(type.id, { type, validate: ajv.compile(type.configSchema), secretFields });
  }

  get(id: string): DestinationType<any> | undefined {
    return this.entries.get(id)?.type;
  }

  /** The type, or an error naming the types there are (a bug or a removed plugin: not user input). */
  require(id: string): DestinationType<any> {
    const type = this.get(id);
    if (!type) throw new Error(`no destination type ${id} is registered (known: ${this.ids().join(', ')})`);
    return type;
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  list(): DestinationType<any>[] {
    return [...this.entries.values()].map((entry) => entry.type);
  }

  /** The config properties marked `x-secret`. */
  secretFields(id: string): readonly string[] {
    return this.entries.get(id)?.secretFields ?? [];
  }

  /** Every field error of a config, as `config.<field>`: the schema's, then the type's own checks. */
  validate(id: string, config: unknown): FieldError[] {
    const entry = this.entries.get(id);
    if (!entry) return [{ field: 'type', message: `must be one of ${this.ids().join(', ')}` }];
    if (config === null || typeof config !== 'object' || Array.isArray(config)) return [{ field: 'config', message: 'must be a JSON object' }];
    if (!entry.validate(config)) return fieldErrors(entry.validate.errors, 'config');
    return (entry.type.check?.(config) ?? []).map((error) => ({ ...error, field: `config.${error.field}` }));
  }
}
