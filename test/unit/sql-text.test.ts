import { describe, expect, it } from 'vitest';
import { bulkInsert } from '../../src/db/bulk-insert.ts';
import { placeholders, sqlTextBySize } from '../../src/db/sql-text.ts';
import { POSTGRES_CAPABILITIES, SQLITE_CAPABILITIES } from '../../src/db/dialect-capabilities.ts';

describe('sqlTextBySize', () => {
  const insert = (built: string[]) =>
    sqlTextBySize((placeholder, rows) => {
      const text = `insert into t (a, b) values ${Array.from({ length: rows }, () => `(${placeholder()}, ${placeholder()})`).join(', ')}`;
      built.push(text);
      return text;
    });

  it('numbers PostgreSQL placeholders from 1 in each text, and uses ? on SQLite', () => {
    const text = insert([]);
    expect(text(POSTGRES_CAPABILITIES, 2)).toBe('insert into t (a, b) values ($1, $2), ($3, $4)');
    expect(text(POSTGRES_CAPABILITIES, 1)).toBe('insert into t (a, b) values ($1, $2)');
    expect(text(SQLITE_CAPABILITIES, 2)).toBe('insert into t (a, b) values (?, ?), (?, ?)');
  });

  it('builds each dialect and size once', () => {
    const built: string[] = [];
    const text = insert(built);
    text(SQLITE_CAPABILITIES, 3);
    text(SQLITE_CAPABILITIES, 3);
    text(POSTGRES_CAPABILITIES, 3);
    text(SQLITE_CAPABILITIES, 4);
    expect(built).toHaveLength(3);
  });

  it('gives each generator its own count', () => {
    const first = placeholders(POSTGRES_CAPABILITIES);
    const second = placeholders(POSTGRES_CAPABILITIES);
    expect([first(), first(), second()]).toEqual(['$1', '$2', '$1']);
  });
});

describe('bulkInsert', () => {
  type Row = { a: string | null; b: number | null };
  const insert = bulkInsert<Row, 'a' | 'b'>('t', ['a', 'b'], { a: 'text', b: 'bigint' }, { suffix: 'on conflict do nothing', rowsPerValuesStatement: 2 });
  const rows: Row[] = [
    { a: 'say "hi"', b: 1 },
    { a: 'back\\slash {a,b}', b: null },
    { a: null, b: 3 },
  ];

  it('is one statement of one array literal per column on PostgreSQL, quotes and backslashes escaped', () => {
    const [only, ...more] = insert(POSTGRES_CAPABILITIES, rows);
    expect(more).toHaveLength(0);
    expect(only!.sql).toBe('insert into "t" ("a", "b") select * from unnest($1::text[], $2::bigint[]) on conflict do nothing');
    expect(only!.parameters).toEqual(['{"say \\"hi\\"","back\\\\slash {a,b}",NULL}', '{1,NULL,3}']);
  });

  it('is multi-row VALUES of at most rowsPerValuesStatement rows on SQLite', () => {
    const queries = insert(SQLITE_CAPABILITIES, rows);
    expect(queries.map((query) => query.sql)).toEqual([
      'insert into "t" ("a", "b") values (?, ?), (?, ?) on conflict do nothing',
      'insert into "t" ("a", "b") values (?, ?) on conflict do nothing',
    ]);
    expect(queries.flatMap((query) => query.parameters)).toEqual(['say "hi"', 1, 'back\\slash {a,b}', null, null, 3]);
  });
});
