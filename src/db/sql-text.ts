import type { DialectCapabilities } from './dialect-capabilities.ts';

/** Numbered placeholders in the dialect's style: `?` on SQLite, `$1`, `$2`, … on PostgreSQL. */
export function placeholders(dialect: DialectCapabilities): () => string {
  let n = 0;
  return dialect.numberedPlaceholders ? () => `$${++n}` : () => '?';
}

/**
 * SQL text for a bulk statement, built once per dialect and size (rows inserted, ids listed) and
 * kept: hot paths run the same few sizes again and again, and building a statement of hundreds of
 * placeholders (or compiling it through Kysely) per batch cost more than running it.
 *
 * `build` receives a fresh placeholder generator for each text, so numbered placeholders start at 1.
 */
export function sqlTextBySize(build: (placeholder: () => string, size: number) => string): (dialect: DialectCapabilities, size: number) => string {
  const texts = new Map<string, string>();
  return (dialect, size) => {
    const key = `${dialect.name}:${size}`;
    let text = texts.get(key);
    if (text === undefined) {
      text = build(placeholders(dialect), size);
      texts.set(key, text);
    }
    return text;
  };
}

/**
 * A multi-row `INSERT` of `columns` into `table` per dialect and row count (see sqlTextBySize),
 * each row's parameters bound in `columns` order; `suffix` follows the values (`on conflict …`).
 */
export function insertTextBySize(table: string, columns: readonly string[], suffix = ''): (dialect: DialectCapabilities, rowCount: number) => string {
  const names = columns.map((column) => `"${column}"`).join(', ');
  return sqlTextBySize((placeholder, rowCount) => {
    const rows = Array.from({ length: rowCount }, () => `(${columns.map(placeholder).join(', ')})`);
    return `insert into "${table}" (${names}) values ${rows.join(', ')}${suffix ? ` ${suffix}` : ''}`;
  });
}
