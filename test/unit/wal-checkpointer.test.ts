import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WalCheckpointer } from '../../src/db/wal-checkpointer.ts';

describe('WalCheckpointer', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function database() {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-checkpoint-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (payload text)');
    return { db, file };
  }

  function fill(db: SQLite.Database, rows: number): void {
    const insert = db.prepare('insert into t values (?)');
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run('x'.repeat(1000));
    })();
  }

  it('stays idle while the WAL is small, then copies it into the database from its own thread', async () => {
    const { db, file } = database();
    const checkpointer = new WalCheckpointer(file, { thresholdBytes: 256 * 1024, intervalMs: 20 });
    try {
      fill(db, 10);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(checkpointer.started).toBe(false);

      const before = statSync(file).size;
      fill(db, 1_000);
      await expect.poll(() => checkpointer.started, { timeout: 5_000 }).toBe(true);
      // The rows reach the database file itself, without this connection ever checkpointing.
      await expect.poll(() => statSync(file).size, { timeout: 5_000 }).toBeGreaterThan(before + 900_000);
      expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 1_010 });
    } finally {
      await checkpointer.close();
      db.close();
    }
  });

  it('closes its thread and connection on close', async () => {
    const { db, file } = database();
    const checkpointer = new WalCheckpointer(file, { thresholdBytes: 1, intervalMs: 10 });
    fill(db, 5);
    await expect.poll(() => checkpointer.started, { timeout: 5_000 }).toBe(true);
    await checkpointer.close();
    expect(checkpointer.started).toBe(false);
    db.close();
  });
});
