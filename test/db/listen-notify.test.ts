import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/index.ts';
import { DIALECTS, testDatabase, type TestDatabase } from '../support/databases.ts';

describe.each(DIALECTS)('Db.listen and Db.notify on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = testDatabase(dialect);
    db = await openDatabase(database.config);
  });
  afterAll(async () => {
    await db?.close();
    await database?.cleanup();
  });

  it('hears what is notified on its channel until it stops listening, where the dialect can', async () => {
    if (!db.dialect.supportsListenNotify) {
      await expect(db.listen('trb_test_channel', () => {})).rejects.toThrow(/LISTEN\/NOTIFY/);
      await expect(db.notify('trb_test_channel', 'x')).rejects.toThrow(/LISTEN\/NOTIFY/);
      return;
    }
    const heard: string[] = [];
    let hear: (() => void) | undefined;
    const unlisten = await db.listen('trb_test_channel', (payload) => {
      heard.push(payload);
      hear?.();
    });
    const first = new Promise<void>((resolve) => (hear = resolve));
    await db.notify('trb_test_other', 'elsewhere');
    await db.notify('trb_test_channel', 'hello');
    await first;
    expect(heard).toEqual(['hello']);
    await unlisten();
    await unlisten();
    // Another listener hears a later notice; the first, which stopped, does not.
    let hearAgain!: (payload: string) => void;
    const again = new Promise<string>((resolve) => (hearAgain = resolve));
    const stop = await db.listen('trb_test_channel', (payload) => hearAgain(payload));
    await db.notify('trb_test_channel', 'again');
    expect(await again).toBe('again');
    await stop();
    expect(heard).toEqual(['hello']);
  });

  it('refuses a channel name that is not a plain identifier', async () => {
    if (!db.dialect.supportsListenNotify) return;
    await expect(db.listen('bad"; drop table x; --', () => {})).rejects.toThrow(/invalid channel name/);
  });
});
