import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { AttributionFixtures } from './fixtures/attribution-fixtures.ts';

describe.each(DIALECTS)('program groups (mutually exclusive programs) on %s', (dialect) => {
  let server: TestServer;
  let f: AttributionFixtures;
  let small: number;
  let large: number;
  let outside: number;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    f = await AttributionFixtures.create(server);
    const now = Date.now();
    const group = await f.db
      .insertInto('program_groups')
      .values({ workspace_id: server.workspaceId, name: 'One of', strategy: 'highest_reward', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    small = await f.program({ name: 'Small', incentive_bps: 500, group_id: group.id });
    large = await f.program({ name: 'Large', incentive_bps: 1500, group_id: group.id });
    outside = await f.program({ name: 'Outside the group', incentive_type: 'flat', incentive_bps: null, incentive_amounts: JSON.stringify({ USD: 100 }) });
  });
  afterAll(() => server?.close());

  it('fires ProgramGroupConversionTriggered after ConversionInitialized and awards only the group winner', async () => {
    const oid = await f.visit(await f.collaborator());
    const res = await f.send('sale', { source: 'shop', externalId: 'grouped-1', total: 100, trackingId: oid });
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
});
