import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { migrateToLatest, openDatabase } from '../../src/db/index.ts';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../support/databases.ts';

describe('migrations on PostgreSQL', () => {
  it('lets four processes start on one fresh schema at once, migrating it once', async () => {
    const schema = uniqueSchema();
    const config = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema });
    const dbs = await Promise.all([0, 1, 2, 3].map(() => openDatabase(config)));
    try {
      const results = await Promise.allSettled(dbs.map((db) => migrateToLatest(db)));
      expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : String((r.reason as Error).cause ?? r.reason)))).toEqual([
        'ok',
        'ok',
        'ok',
        'ok',
      ]);
      const applied = results.flatMap((r) => (r.status === 'fulfilled' ? (r.value.results ?? []) : []));
      const names = applied.filter((m) => m.status === 'Success').map((m) => m.migrationName);
      // Every migration ran exactly once across the four.
      expect(names.length).toBe(new Set(names).size);
      expect(names.length).toBeGreaterThan(0);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await dropSchema(schema);
    }
  });
});
