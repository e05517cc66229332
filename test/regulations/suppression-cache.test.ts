import { describe, expect, it } from 'vitest';
import { SuppressionCache } from '../../src/regulations/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { useMigratedDb } from '../support/migrated-db.ts';
import { waitFor } from '../support/harness.ts';

const TTL = 1000;

describe.each(DIALECTS)('SuppressionCache on %s', (dialect) => {
  const migrated = useMigratedDb(dialect, { each: true });

  const suppress = async (subjectId: string) => {
    const now = Date.now();
    await migrated.db.kysely.insertInto('workspaces').values({ id: 'ws', name: 'ws', slug: 'ws', created_at: now, updated_at: now }).onConflict((oc) => oc.doNothing()).execute();
    await migrated.db.kysely
      .insertInto('suppressions')
      .values({ workspace_id: 'ws', subject_type: 'user_id', subject_id: subjectId, regulation_id: 'r', temporary: 0, created_at: now })
      .execute();
  };
  const named = (userId: string) => ({ userId, anonymousId: null, email: null, previousId: null });

  it('answers from memory within its lifetime, and at once after a change in this process', async () => {
    const cache = new SuppressionCache(migrated.db, TTL);
    const t0 = Date.now();
    expect(await cache.forWorkspace('ws', t0)).toBeUndefined();
    await suppress('u1');
    expect(await cache.forWorkspace('ws', t0 + 10)).toBeUndefined();
    cache.invalidate('ws');
    expect((await cache.forWorkspace('ws', t0 + 20))?.matches(named('u1'))).toBe(true);
    expect(await cache.isSuppressed('ws', named('u2'))).toBe(false);
  });

  it('reads a busy workspace again in the background past half its lifetime, and never answers older than its lifetime', async () => {
    const cache = new SuppressionCache(migrated.db, TTL);
    const t0 = Date.now();
    await cache.forWorkspace('ws', t0);
    await suppress('u1');
    // Three quarters through: the old answer, while a read starts behind it.
    expect(await cache.forWorkspace('ws', t0 + 750)).toBeUndefined();
    await waitFor(async () => ((await cache.forWorkspace('ws', t0 + 760))?.matches(named('u1')) ? true : undefined), 'the background read');
    // Past the lifetime of every answer it holds, it waits for the database.
    await suppress('u2');
    expect((await cache.forWorkspace('ws', t0 + 760 + 2 * TTL))?.matches(named('u2'))).toBe(true);
  });
});
