import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from '../../db/index.ts';

/** What a placeholder looks like while the query is compiled: a string no caller can send. */
const MARK = '\u0000tributary-param:';

type Slot = { readonly name: string } | { readonly value: unknown };

interface Template {
  readonly compiled: CompiledQuery;
  readonly slots: readonly Slot[];
}

/**
 * A hot-path query built and compiled once per database and then run with new values, the way
 * `kysely-params` does it. Kysely rebuilds and recompiles a query on every call (an immutable
 * node tree, frozen at each step, then visited into SQL): for the dozen small statements of a
 * sale flow that was more time than SQLite took to run them. Each value the query takes is read
 * from `params` by name; at the first run per database the builder receives placeholders
 * instead, and the SQL the dialect compiles from them is reused.
 *
 * Only scalar values can be parameters (an `in` list changes the SQL's shape: keep those as
 * ordinary queries). A placeholder Kysely does not pass through as a bound parameter (inlined,
 * transformed) fails the first run loudly instead of binding the wrong value.
 *
 * Kysely's public API has no key for "the same dialect" nor a way to tell whether an instance has
 * plugins, so this reads both from `getExecutor()`, which Kysely marks internal: the executor's
 * `adapter` (one per Kysely instance, shared by its transactions and connections) keys the
 * templates, and its `plugins` say when not to use one. test/attribution/prepared-query.test.ts
 * pins exactly that behaviour, so a Kysely upgrade that changes it fails a test; should
 * `getExecutor` disappear all the same, every run builds its query (slower, still correct).
 */
export class PreparedQuery<P extends Record<string, unknown>, R> {
  /** Per dialect adapter: one per Kysely instance, shared by its transactions. */
  private readonly templates = new WeakMap<object, Template>();

  constructor(private readonly build: (db: Kysely<Database>, params: P) => Compilable<R>) {}

  /** Runs the query; its rows (empty for a statement without `returning`). */
  async execute(db: Kysely<Database>, params: P): Promise<R[]> {
    return (await this.run(db, params)).rows;
  }

  /** Runs the query; its first row, if any. */
  async first(db: Kysely<Database>, params: P): Promise<R | undefined> {
    return (await this.run(db, params)).rows[0];
  }

  /** Runs the query; the driver's result (rows, affected row count). */
  async run(db: Kysely<Database>, params: P): Promise<QueryResult<R>> {
    const executor = typeof db.getExecutor === 'function' ? db.getExecutor() : undefined;
    // A plugin may rewrite queries per instance; such a database builds the query each time.
    if (executor?.adapter === undefined || executor.plugins.length > 0) return db.executeQuery(this.build(db, params));
    let template = this.templates.get(executor.adapter);
    if (!template) this.templates.set(executor.adapter, (template = compileTemplate(db, this.build)));
    const parameters = template.slots.map((slot) => ('name' in slot ? params[slot.name] : slot.value));
    return db.executeQuery<R>({ ...template.compiled, parameters });
  }
}

function compileTemplate<P extends Record<string, unknown>, R>(db: Kysely<Database>, build: (db: Kysely<Database>, params: P) => Compilable<R>): Template {
  const asked = new Set<string>();
  const placeholders = new Proxy({} as P, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      asked.add(name);
      return `${MARK}${name}`;
    },
  });
  const compiled = build(db, placeholders).compile();
  const slots = compiled.parameters.map((value): Slot => (typeof value === 'string' && value.startsWith(MARK) ? { name: value.slice(MARK.length) } : { value }));
  const bound = new Set(slots.flatMap((slot) => ('name' in slot ? [slot.name] : [])));
  const lost = [...asked].filter((name) => !bound.has(name));
  if (lost.length > 0) throw new Error(`prepared query does not bind ${lost.join(', ')} as parameters: ${compiled.sql}`);
  return { compiled, slots };
}
