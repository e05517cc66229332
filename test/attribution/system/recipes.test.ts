import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

const RECIPE = {
  name: 'Course creator starter',
  groups: [{ name: 'Launch', strategy: 'highest_reward' }],
  programs: [
    { name: 'Affiliates', incentive: { type: 'percent', basis_points: 2000 }, group: 'Launch', lesson_incentive: { amount: 100, currency: 'USD' } },
    { name: 'Ambassadors', incentive: { type: 'flat', amounts: { USD: 500 } }, group: 'Launch', attribution_window_days: 60 },
  ],
  settings: { public_slugs: ['site-visited'], allowed_origins: ['https://Shop.example'] },
};

/** RecipeApplyRequested (seed 002's system events): a bundle applied in one step, with a dry run. */
describe.each(DIALECTS)('recipes on %s', (dialect) => {
  const server = useTestServer(dialect);


  const programs = (f: PayoutFixtures) => f.db.selectFrom('attribution_programs').selectAll().where('workspace_id', '=', f.workspaceId).orderBy('id').execute();
  const logCount = async (f: PayoutFixtures) => (await f.db.selectFrom('domain_events').select('id').where('workspace_id', '=', f.workspaceId).execute()).length;

  it('a dry run answers what would change and writes nothing, not even the log', async () => {
    const f = await PayoutFixtures.create(server, 'dry');
    const res = await f.ok('POST', '/recipes/apply', { ...RECIPE, dry_run: true });
    expect(res).toMatchObject({ dry_run: true, inbound_event_id: null });
    expect(res.changes.map((c: any) => [c.kind, c.name, c.action, c.id])).toEqual([
      ['group', 'Launch', 'create', null],
      ['program', 'Affiliates', 'create', null],
      ['lesson_incentive', 'Affiliates', 'create', null],
      ['program', 'Ambassadors', 'create', null],
      ['settings', 'attribution', 'update', null],
    ]);
    expect(await programs(f)).toEqual([]);
    expect(await logCount(f)).toBe(0);
  });

  it('applying fires RecipeApplyRequested and writes groups, programs, lesson incentives and settings in one step; applying again changes nothing', async () => {
    const f = await PayoutFixtures.create(server, 'apply');
    const res = await f.ok('POST', '/recipes/apply', RECIPE);
    const entries = await f.logEntries(res.inbound_event_id);
    expect(entries.map((e) => e.name)).toEqual(['RecipeApplyRequested']);
    expect(entries[0]!.payload).toMatchObject({ name: 'Course creator starter', dryRun: false, bundle: { groups: RECIPE.groups } });
    const rows = await programs(f);
    const group = await f.db.selectFrom('program_groups').selectAll().where('workspace_id', '=', f.workspaceId).executeTakeFirstOrThrow();
    expect(rows.map((p) => [p.name, p.incentive_type, p.incentive_bps, p.group_id, p.attribution_window_days])).toEqual([
      ['Affiliates', 'percent', 2000, group.id, 30],
      ['Ambassadors', 'flat', null, group.id, 60],
    ]);
    expect(group).toMatchObject({ name: 'Launch', strategy: 'highest_reward' });
    const lesson = await f.db.selectFrom('lesson_incentives').selectAll().where('workspace_id', '=', f.workspaceId).execute();
    expect(lesson.map((l) => [l.program_id, l.amount, l.currency])).toEqual([[rows[0]!.id, 100, 'USD']]);
    expect(await f.ok('GET', '/attribution-settings')).toEqual({ public_slugs: ['site-visited'], allowed_origins: ['https://shop.example'], default_landing_url: null, public_visits: false });

    const again = await f.ok('POST', '/recipes/apply', RECIPE);
    expect(again.changes.map((c: any) => c.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    const changed = await f.ok('POST', '/recipes/apply', { programs: [{ name: 'Ambassadors', attribution_window_days: 90, group: null }] });
    expect(changed.changes).toEqual([{ kind: 'program', name: 'Ambassadors', action: 'update', id: rows[1]!.id, changes: { attribution_window_days: 90, group_id: null } }]);
  });

  it('a listener of the mutable RecipeApplyRequested can add to the bundle before it is applied', async () => {
    const f = await PayoutFixtures.create(server, 'mutable');
    const off = server.services.attribution.bus.on('RecipeApplyRequested', (request) => {
      request.bundle.programs.push({ name: 'House program', incentive: { type: 'percent', basis_points: 500 } });
    });
    try {
      const res = await f.ok('POST', '/recipes/apply', { programs: [{ name: 'Guests', incentive: { type: 'percent', basis_points: 100 } }] });
      expect(res.changes.map((c: any) => c.name)).toEqual(['Guests', 'House program']);
    } finally {
      off();
    }
    expect((await programs(f)).map((p) => p.name)).toEqual(['Guests', 'House program']);
  });

  it('an invalid recipe answers 400 listing every field, and nothing of it is applied', async () => {
    const f = await PayoutFixtures.create(server, 'invalid');
    const res = await f.request('POST', '/recipes/apply', {
      groups: [{ name: 'G', strategy: 'coin_flip' }],
      programs: [{ name: 'Fine', incentive: { type: 'percent', basis_points: 100 } }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.data.fields.map((e: any) => e.field)).toEqual(['groups.0.strategy']);
    const deep = await f.request('POST', '/recipes/apply', {
      programs: [
        { name: 'Fine', incentive: { type: 'percent', basis_points: 100 } },
        { name: 'Broken', incentive: { type: 'percent', basis_points: 20_000 }, group: 'Nowhere', lesson_incentive: { amount: 1 } },
      ],
    });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['programs.1.group', 'programs.1.incentive.basis_points', 'programs.1.lesson_incentive.currency']);
    expect(await programs(f)).toEqual([]);
  });
});
