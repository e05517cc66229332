import { Migrator, type Kysely } from 'kysely';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.ts';
import { migrationsFor } from '../../src/db/migrations/index.ts';
import { pickWinner, type GroupCandidate } from '../../src/attribution/flows/program-groups.ts';
import { GROUP_STRATEGIES } from '../../src/attribution/model/group-strategies.ts';
import { DIALECTS, testDatabase } from '../support/databases.ts';
import { bearer, useTestServer } from '../support/harness.ts';
import { clientFor, fieldsOf, otherWorkspace, type Client } from './api/api-client.ts';
import { AttributionFixtures } from './fixtures/attribution-fixtures.ts';

/** Seed 002's standard sale with a group decision, after the coupon path's first two steps. */
const GROUPED_COUPON_SALE = [
  'CouponApplied',
  'EngagementsTriggered',
  'SaleTriggered',
  'TransactionCreateRequested',
  'TransactionCreated',
  'ConversionInitialized',
  'ProgramGroupConversionTriggered',
  'ConversionsAwarded',
  'EngagementAwarded',
  'EngagementCompleted',
  'ObligationIssued',
  'TransactionCompleted',
  'ConversionApproved',
];

describe('pickWinner (group strategies)', () => {
  const candidates: GroupCandidate[] = [
    { programId: 3, priority: null, amount: 500, engagedAt: 2_000 },
    { programId: 1, priority: 2, amount: 900, engagedAt: 3_000 },
    { programId: 2, priority: 1, amount: 500, engagedAt: 1_000 },
    { programId: 4, priority: null, amount: 900, engagedAt: 3_000 },
  ];

  it('picks by each strategy and breaks ties by priority, then by the older program', () => {
    const winners = Object.fromEntries(GROUP_STRATEGIES.map((s) => [s, pickWinner(s, candidates).programId]));
    expect(winners).toEqual({ priority: 2, highest_reward: 1, lowest_reward: 2, first_engagement: 2, most_recent_engagement: 1 });
  });

  it('gives the same winner whatever order the candidates come in', () => {
    for (const strategy of GROUP_STRATEGIES) {
      const forward = pickWinner(strategy, candidates).programId;
      expect(pickWinner(strategy, [...candidates].reverse()).programId).toBe(forward);
      expect(pickWinner(strategy, [candidates[2]!, candidates[0]!, candidates[3]!, candidates[1]!]).programId).toBe(forward);
    }
  });

  it('falls back to priority for engagement strategies when there are no engagements (manual attribution)', () => {
    const manual = candidates.map((c) => ({ ...c, engagedAt: null }));
    expect(pickWinner('first_engagement', manual).programId).toBe(2);
    expect(pickWinner('most_recent_engagement', manual).programId).toBe(2);
    expect(pickWinner('priority', [{ programId: 9, priority: null, amount: 0, engagedAt: null }, { programId: 8, priority: null, amount: 0, engagedAt: null }]).programId).toBe(8);
  });
});

describe.each(DIALECTS)('migration 0011 on %s', (dialect) => {
  it('rewrites oldest_program groups to priority and gives existing programs renewals as the sale, unlimited', async () => {
    const database = testDatabase(dialect);
    const db = await openDatabase(database.config);
    try {
      const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrationsFor(db.dialect) }, ...(db.schema ? { migrationTableSchema: db.schema } : {}) });
      expect((await migrator.migrateTo('0010_inbox_speed')).error).toBeUndefined();
      // The 0010 schema has no 0011 columns: its rows are written untyped.
      const old = db.kysely as unknown as Kysely<any>;
      await old.insertInto('workspaces').values({ id: 'ws-old', name: 'Old', slug: 'old', created_at: 1, updated_at: 1 }).execute();
      const group = await old.insertInto('program_groups').values({ workspace_id: 'ws-old', name: 'Legacy', strategy: 'oldest_program', created_at: 1, updated_at: 1 }).returning('id').executeTakeFirstOrThrow();
      await old
        .insertInto('attribution_programs')
        .values({ workspace_id: 'ws-old', group_id: group.id, name: 'Old', status: 'active', incentive_type: 'percent', incentive_bps: 1000, attribution_window_days: 30, attribution_model: 'last_touch', engagement_trigger: 'any', approval: 'on_payment', created_at: 1, updated_at: 1 })
        .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await db.kysely.selectFrom('program_groups').select('strategy').where('workspace_id', '=', 'ws-old').execute()).toEqual([{ strategy: 'priority' }]);
      const program = await db.kysely.selectFrom('attribution_programs').selectAll().where('workspace_id', '=', 'ws-old').executeTakeFirstOrThrow();
      expect(program).toMatchObject({ renewal_incentive: 'same', renewal_limit_periods: null, renewal_limit_months: null, group_priority: null });
    } finally {
      await db.close();
      await database.cleanup();
    }
  });
});

describe.each(DIALECTS)('program groups (mutually exclusive programs) on %s', (dialect) => {
  const server = useTestServer(dialect);
  let f: AttributionFixtures;
  let operator: Client;
  let base: string;
  let run = 0;

  beforeAll(async () => {
    f = await AttributionFixtures.create(server);
    operator = clientFor(server, server.operatorToken);
    base = `/api/v1/workspaces/${server.workspaceId}`;
  });
  // Every visit engages every active program: each test starts from a workspace with none.
  beforeEach(async () => {
    run += 1;
    await f.db.updateTable('attribution_programs').set({ status: 'inactive' }).where('workspace_id', '=', server.workspaceId).execute();
  });

  const put = (url: string, payload: unknown) => server.inject({ method: 'PUT', url, headers: { authorization: bearer(server.operatorToken) }, payload: payload as object });

  async function group(strategy: string, programs: Array<{ program_id: number; priority?: number | null }>): Promise<number> {
    const res = await operator.post(`${base}/program-groups`, { name: `Group ${run}`, strategy, programs });
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  }

  /**
   * Program A engages on referral visits, program B on coupons, both in one group. The customer
   * visits through X's link (A's engagement, an hour ago), then buys with Y's coupon (B's engagement, now).
   */
  async function visitThenCoupon(strategy: string, a: { bps: number; priority?: number }, b: { bps: number; priority?: number }) {
    const programA = await f.program({ name: `A ${run}`, incentive_bps: a.bps, engagement_trigger: 'referral' });
    const programB = await f.program({ name: `B ${run}`, incentive_bps: b.bps, engagement_trigger: 'coupon' });
    const groupId = await group(strategy, [
      { program_id: programA, priority: a.priority ?? null },
      { program_id: programB, priority: b.priority ?? null },
    ]);
    const x = await f.collaborator({ name: `X ${run}` });
    const y = await f.collaborator({ name: `Y ${run}`, coupon: `Y${run}${dialect}` });
    const userId = `buyer-${run}`;
    const oid = await f.visit(x, { userId });
    await f.db.updateTable('engagements').set({ created_at: Date.now() - 3_600_000 }).where('opportunity_id', '=', oid).execute();
    const sale = await f.send('sale', { source: 'shop', externalId: `grouped-${run}`, total: 100, coupon: `y${run}${dialect}`, userId });
    expect(sale.statusCode).toBe(200);
    const entries = await f.logEntries(sale.headers['x-event-id'] as string);
    const awarded = entries.find((e) => e.name === 'ConversionsAwarded')!.payload as { programId: number; collaboratorId: number; amount: number };
    return { programA, programB, groupId, x, y, oid, entries, awarded, decision: entries[6]!.payload as Record<string, unknown> };
  }

  it('priority: the member with the smaller priority wins; the loser is named and its engagement superseded', async () => {
    const s = await visitThenCoupon('priority', { bps: 1000, priority: 2 }, { bps: 500, priority: 1 });
    expect(s.entries.map((e) => e.name)).toEqual(GROUPED_COUPON_SALE);
    expect(s.decision).toEqual({ groupId: s.groupId, strategy: 'priority', winnerProgramId: s.programB, loserProgramIds: [s.programA], supersededEngagementIds: expect.any(Array) });
    expect(s.awarded).toMatchObject({ programId: s.programB, collaboratorId: s.y, amount: 500 });
    const loserEngagements = await f.db.selectFrom('engagements').select(['id', 'status']).where('opportunity_id', '=', s.oid).execute();
    expect(loserEngagements.map((e) => e.status)).toEqual(['superseded']);
    expect(s.decision.supersededEngagementIds).toEqual(loserEngagements.map((e) => e.id));
  });

  it('highest_reward: the larger commission wins', async () => {
    const s = await visitThenCoupon('highest_reward', { bps: 1500 }, { bps: 500 });
    expect(s.entries.map((e) => e.name)).toEqual(GROUPED_COUPON_SALE);
    expect(s.decision).toMatchObject({ strategy: 'highest_reward', winnerProgramId: s.programA, loserProgramIds: [s.programB] });
    expect(s.awarded).toMatchObject({ programId: s.programA, collaboratorId: s.x, amount: 1500 });
  });

  it('lowest_reward: the smaller commission wins', async () => {
    const s = await visitThenCoupon('lowest_reward', { bps: 1500 }, { bps: 500 });
    expect(s.entries.map((e) => e.name)).toEqual(GROUPED_COUPON_SALE);
    expect(s.decision).toMatchObject({ strategy: 'lowest_reward', winnerProgramId: s.programB, loserProgramIds: [s.programA] });
    expect(s.awarded).toMatchObject({ programId: s.programB, collaboratorId: s.y, amount: 500 });
  });

  it('first_engagement: the program whose engagement came first wins, whatever it pays', async () => {
    const s = await visitThenCoupon('first_engagement', { bps: 500 }, { bps: 1500 });
    expect(s.entries.map((e) => e.name)).toEqual(GROUPED_COUPON_SALE);
    expect(s.decision).toMatchObject({ strategy: 'first_engagement', winnerProgramId: s.programA, loserProgramIds: [s.programB] });
    expect(s.awarded).toMatchObject({ programId: s.programA, collaboratorId: s.x, amount: 500 });
  });

  it('most_recent_engagement: the program whose engagement came last wins', async () => {
    const s = await visitThenCoupon('most_recent_engagement', { bps: 1500 }, { bps: 500 });
    expect(s.entries.map((e) => e.name)).toEqual(GROUPED_COUPON_SALE);
    expect(s.decision).toMatchObject({ strategy: 'most_recent_engagement', winnerProgramId: s.programB, loserProgramIds: [s.programA] });
    expect(s.awarded).toMatchObject({ programId: s.programB, collaboratorId: s.y, amount: 500 });
  });

  it('breaks a reward tie by priority, and with no priorities by the program created first', async () => {
    const prioritised = await visitThenCoupon('highest_reward', { bps: 1000 }, { bps: 1000, priority: 5 });
    expect(prioritised.decision).toMatchObject({ winnerProgramId: prioritised.programB });
    await f.db.updateTable('attribution_programs').set({ status: 'inactive' }).where('workspace_id', '=', server.workspaceId).execute();
    run += 1;
    const plain = await visitThenCoupon('highest_reward', { bps: 1000 }, { bps: 1000 });
    expect(plain.decision).toMatchObject({ winnerProgramId: plain.programA, loserProgramIds: [plain.programB] });
  });

  it('awards a program outside any group independently of the group decision', async () => {
    const small = await f.program({ name: 'Small', incentive_bps: 500 });
    const large = await f.program({ name: 'Large', incentive_bps: 1500 });
    const outside = await f.program({ name: 'Outside the group', incentive_type: 'flat', incentive_bps: null, incentive_amounts: JSON.stringify({ USD: 100 }) });
    await group('highest_reward', [{ program_id: small }, { program_id: large }]);
    const oid = await f.visit(await f.collaborator());
    const res = await f.send('sale', { source: 'shop', externalId: `outside-${run}`, total: 100, trackingId: oid });
    const entries = await f.logEntries(res.headers['x-event-id'] as string);
    expect(entries.map((e) => e.name)).toEqual([
      'SaleTriggered',
      'TransactionCreateRequested',
      'TransactionCreated',
      'ConversionInitialized',
      'ProgramGroupConversionTriggered',
      'ConversionsAwarded',
      'EngagementAwarded',
      'EngagementCompleted',
      'ObligationIssued',
      'ConversionsAwarded',
      'EngagementAwarded',
      'EngagementCompleted',
      'ObligationIssued',
      'TransactionCompleted',
      'ConversionApproved',
      'ConversionApproved',
    ]);
    expect(entries[4]!.payload).toMatchObject({ strategy: 'highest_reward', winnerProgramId: large, loserProgramIds: [small] });
    const conversions = (await f.conversions()).filter((c) => c.opportunity_id === oid);
    expect(conversions.map((c) => [c.program_id, c.amount])).toEqual([
      [large, 1500],
      [outside, 100],
    ]);
    const engagements = await f.db.selectFrom('engagements').selectAll().where('opportunity_id', '=', oid).orderBy('program_id').execute();
    expect(engagements.map((e) => [e.program_id, e.status])).toEqual([
      [small, 'superseded'],
      [large, 'completed'],
      [outside, 'completed'],
    ]);
  });

  it('a group with a single qualifying member decides nothing and the sale follows the standard order', async () => {
    const only = await f.program({ name: 'Only', incentive_bps: 1000, engagement_trigger: 'referral' });
    const coupons = await f.program({ name: 'Coupons only', incentive_bps: 2000, engagement_trigger: 'coupon' });
    await group('priority', [{ program_id: only }, { program_id: coupons }]);
    const oid = await f.visit(await f.collaborator());
    const res = await f.send('sale', { source: 'shop', externalId: `single-${run}`, total: 10, trackingId: oid });
    expect(await f.log(res.headers['x-event-id'] as string)).not.toContain('ProgramGroupConversionTriggered');
    expect((await f.conversions()).filter((c) => c.opportunity_id === oid).map((c) => c.program_id)).toEqual([only]);
  });

  describe('admin API', () => {
    it('creates, reads, lists, updates and assigns programs to a group, ranking members by priority', async () => {
      const p1 = await f.program({ name: 'Gold' });
      const p2 = await f.program({ name: 'Silver' });
      const p3 = await f.program({ name: 'Bronze' });
      const created = await operator.post(`${base}/program-groups`, { name: 'Tiers', strategy: 'priority', programs: [{ program_id: p1 }, { program_id: p2, priority: 1 }] });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as number;
      expect(created.json()).toMatchObject({
        name: 'Tiers',
        strategy: 'priority',
        programs: [
          { program_id: p2, name: 'Silver', priority: 1 },
          { program_id: p1, name: 'Gold', priority: null },
        ],
      });
      expect((await operator.get(`${base}/programs/${p2}`)).json()).toMatchObject({ group_id: id, group_priority: 1 });

      const assigned = await put(`${base}/program-groups/${id}/programs/${p3}`, { priority: 0 });
      expect(assigned.statusCode).toBe(200);
      expect(assigned.json().programs.map((m: { program_id: number }) => m.program_id)).toEqual([p3, p2, p1]);

      const renamed = await operator.patch(`${base}/program-groups/${id}`, { name: 'Tiers 2', strategy: 'lowest_reward', programs: [{ program_id: p1, priority: 3 }] });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: 'Tiers 2', strategy: 'lowest_reward', programs: [{ program_id: p1, priority: 3 }] });
      expect((await operator.get(`${base}/programs/${p3}`)).json()).toMatchObject({ group_id: null, group_priority: null });

      const alias = await operator.patch(`${base}/program-groups/${id}`, { strategy: 'oldest_program' });
      expect(alias.json().strategy).toBe('priority');

      expect((await operator.delete(`${base}/program-groups/${id}/programs/${p1}`)).statusCode).toBe(204);
      expect((await operator.delete(`${base}/program-groups/${id}/programs/${p1}`)).statusCode).toBe(404);
      expect((await operator.get(`${base}/program-groups/${id}`)).json().programs).toEqual([]);

      const list = await operator.get(`${base}/program-groups?limit=1`);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ data: [{ id }], has_more: true });
    });

    it('a recipe may name every strategy and the old oldest_program, which is stored as priority', async () => {
      const recipe = {
        groups: [
          { name: `Legacy ${run}`, strategy: 'oldest_program' },
          { name: `Early ${run}`, strategy: 'first_engagement' },
        ],
        programs: [{ name: `Recipe member ${run}`, incentive: { type: 'percent', basis_points: 100 }, group: `Legacy ${run}` }],
      };
      const applied = await operator.post(`${base}/recipes/apply`, recipe);
      expect(applied.statusCode).toBe(200);
      const groups = await f.db.selectFrom('program_groups').select(['name', 'strategy']).where('workspace_id', '=', server.workspaceId).where('name', 'in', [`Legacy ${run}`, `Early ${run}`]).orderBy('id').execute();
      expect(groups.map((g) => g.strategy)).toEqual(['priority', 'first_engagement']);
      const again = await operator.post(`${base}/recipes/apply`, recipe);
      expect(again.json().changes.filter((c: { kind: string }) => c.kind === 'group').map((c: { action: string }) => c.action)).toEqual(['unchanged', 'unchanged']);
    });

    it('answers 400 listing every field error at once', async () => {
      const mine = await f.program({ name: 'Mine' });
      const res = await operator.post(`${base}/program-groups`, {
        strategy: 'random',
        colour: 'red',
        programs: [{ program_id: mine }, { program_id: mine }, { program_id: 999_999 }, { program_id: 'x' }, { program_id: mine, priority: -1 }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(fieldsOf(res)).toEqual(['colour', 'name', 'programs.1.program_id', 'programs.2.program_id', 'programs.3.program_id', 'programs.4.priority', 'programs.4.program_id', 'strategy']);
      const member = await put(`${base}/program-groups/${await group('priority', [])}/programs/${mine}`, { priority: 'first', extra: 1 });
      expect(member.statusCode).toBe(400);
      expect(fieldsOf(member)).toEqual(['extra', 'priority']);
    });

    it('answers 404 for another workspace, its groups and its programs', async () => {
      const mine = await f.program({ name: 'Private' });
      const id = await group('priority', [{ program_id: mine }]);
      const other = await otherWorkspace(operator, `Other ${dialect} groups`);
      const foreign = clientFor(server, other.key);
      const otherBase = `/api/v1/workspaces/${other.id}`;
      expect((await foreign.get(`${base}/program-groups`)).statusCode).toBe(404);
      expect((await foreign.get(`${otherBase}/program-groups/${id}`)).statusCode).toBe(404);
      expect((await foreign.patch(`${otherBase}/program-groups/${id}`, { name: 'Stolen' })).statusCode).toBe(404);
      expect((await foreign.delete(`${otherBase}/program-groups/${id}`)).statusCode).toBe(404);
      const theirs = (await foreign.post(`${otherBase}/program-groups`, { name: 'Theirs', strategy: 'priority' })).json().id as number;
      const steal = await server.inject({ method: 'PUT', url: `${otherBase}/program-groups/${theirs}/programs/${mine}`, headers: { authorization: bearer(other.key) }, payload: {} });
      expect(steal.statusCode).toBe(404);
      const named = await foreign.post(`${otherBase}/program-groups`, { name: 'Theirs 2', strategy: 'priority', programs: [{ program_id: mine }] });
      expect(fieldsOf(named)).toEqual(['programs.0.program_id']);
      expect((await operator.get(`${base}/programs/${mine}`)).json().group_id).toBe(id);
    });

    it('deletes a group that decided nothing (its programs leave it) and answers 409 for one that decided a sale', async () => {
      const idle = await f.program({ name: 'Idle' });
      const unused = await group('priority', [{ program_id: idle }]);
      expect((await operator.delete(`${base}/program-groups/${unused}`)).statusCode).toBe(204);
      expect((await operator.get(`${base}/program-groups/${unused}`)).statusCode).toBe(404);
      expect((await operator.get(`${base}/programs/${idle}`)).json().group_id).toBeNull();

      const s = await visitThenCoupon('priority', { bps: 100 }, { bps: 200 });
      const refused = await operator.delete(`${base}/program-groups/${s.groupId}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('conflict');
      expect((await operator.get(`${base}/program-groups/${s.groupId}`)).json().programs).toHaveLength(2);
    });
  });
});
