import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/db/statement-cache.ts';

describe('withStatementCache', () => {
  let raw: SQLite.Database;
  afterEach(() => {
    if (raw.open) raw.close();
  });

  it('prepares each SQL text once and reuses the statement', () => {
    raw = new SQLite(':memory:');
    const db = withStatementCache(raw);
    const first = db.prepare('select 1 as one');
    expect(db.prepare('select 1 as one')).toBe(first);
    expect(db.prepare('select 2 as two')).not.toBe(first);
    expect(first.all([])).toEqual([{ one: 1 }]);
  });

  it('drops the least recently used text beyond its capacity', () => {
    raw = new SQLite(':memory:');
    const db = withStatementCache(raw, 2);
    const a = db.prepare('select 1');
    db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // now the most recent
    db.prepare('select 3'); // evicts `select 2`
    expect(db.prepare('select 1')).toBe(a);
    const b = db.prepare('select 2');
    expect(db.prepare('select 2')).toBe(b);
    expect(db.prepare('select 3')).not.toBe(undefined);
  });

  it('hands out a fresh statement while the cached one is still being iterated', () => {
    raw = new SQLite(':memory:');
    const db = withStatementCache(raw);
    raw.exec('create table t (n integer); insert into t values (1), (2)');
    const iterating = db.prepare('select n from t');
    const rows = iterating.iterate([]);
    rows.next();
    const second = db.prepare('select n from t');
    expect(second).not.toBe(iterating);
    expect(second.all([])).toEqual([{ n: 1 }, { n: 2 }]);
    rows.return?.();
  });

  it('sees schema changes made after a statement was cached', () => {
    raw = new SQLite(':memory:');
    const db = withStatementCache(raw);
    raw.exec('create table t (a integer); insert into t values (1)');
    expect(db.prepare('select * from t').all([])).toEqual([{ a: 1 }]);
    raw.exec('alter table t add column b integer default 7');
    expect(db.prepare('select * from t').all([])).toEqual([{ a: 1, b: 7 }]);
  });

  it('closes the database', () => {
    raw = new SQLite(':memory:');
    withStatementCache(raw).close();
    expect(raw.open).toBe(false);
  });
});
