import { describe, expect, it } from 'vitest';
import { ClickRecorder, type Click } from '../../src/links/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { useMigratedDb } from '../support/migrated-db.ts';

const DAY = 86_400_000;
const monday = Date.parse('2026-12-07T10:00:00Z');

function click(at: number, address: string, overrides: Partial<Click> = {}): Click {
  return { workspaceId: 'ws_1', code: 'ADA', collaboratorId: 7, programId: 3, valid: true, referrer: undefined, userAgent: 'UA', address, at, ...overrides };
}

describe.each(DIALECTS)('ClickRecorder on %s', (dialect) => {
  const database = useMigratedDb(dialect);

  it('adds one batch\'s clicks to the day counts in one upsert per collaborator, program and day, across batches', async () => {
    const recorder = new ClickRecorder(database.db);
    await Promise.all([
      recorder.record(click(monday, '10.0.0.1')),
      recorder.record(click(monday + 1, '10.0.0.2')),
      recorder.record(click(monday + 2, '10.0.0.3', { valid: false, collaboratorId: null, programId: null, code: 'nobody' })),
      recorder.record(click(monday + DAY, '10.0.0.1')),
    ]);
    await recorder.record(click(monday + 3, '10.0.0.4'));
    const days = await database.db.kysely.selectFrom('link_click_days').selectAll().orderBy('day').orderBy('collaborator_id').execute();
    expect(days.map((d) => ({ ...d, clicks: Number(d.clicks), invalid_clicks: Number(d.invalid_clicks) }))).toEqual([
      { workspace_id: 'ws_1', day: '2026-12-07', collaborator_id: 0, program_id: 0, clicks: 0, invalid_clicks: 1 },
      { workspace_id: 'ws_1', day: '2026-12-07', collaborator_id: 7, program_id: 3, clicks: 3, invalid_clicks: 0 },
      { workspace_id: 'ws_1', day: '2026-12-08', collaborator_id: 7, program_id: 3, clicks: 1, invalid_clicks: 0 },
    ]);
  });

  it('hashes an address the same all day, differently the next day, and deletes salts two days old', async () => {
    const recorder = new ClickRecorder(database.db);
    const hashOf = async (at: number, address: string) => {
      await recorder.record(click(at, address, { userAgent: `${at}-${address}` }));
      const row = await database.db.kysely.selectFrom('link_clicks').select('ip_hash').where('user_agent', '=', `${at}-${address}`).executeTakeFirstOrThrow();
      return row.ip_hash;
    };
    const start = monday + 20 * DAY;
    const morning = await hashOf(start, '192.0.2.1');
    expect(await hashOf(start + 3_600_000, '192.0.2.1')).toBe(morning);
    expect(await hashOf(start, '192.0.2.2')).not.toBe(morning);
    expect(await hashOf(start + DAY, '192.0.2.1')).not.toBe(morning);
    await hashOf(start + 3 * DAY, '192.0.2.1');
    const salts = await database.db.kysely.selectFrom('link_salts').select('day').orderBy('day').execute();
    expect(salts.map((s) => s.day).filter((day) => day >= '2026-12-27')).toEqual(['2026-12-30']);
    expect(salts.map((s) => s.day)).not.toContain('2026-12-27');
  });
});
