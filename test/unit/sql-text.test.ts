import { describe, expect, it } from 'vitest';
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
