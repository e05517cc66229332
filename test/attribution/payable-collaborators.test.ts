import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaboratorNotHeld } from '../../src/attribution/model/payable-collaborators.ts';
import type { CollaboratorStatus } from '../../src/attribution/model/tables.ts';
import { DIALECTS } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { PayoutFixtures } from './fulfillment/payout-fixtures.ts';

/** The where-clause a fulfillment claim uses to hold a banned collaborator's obligations, in a select and in a guarded update. */
describe.each(DIALECTS)('collaboratorNotHeld on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  const db = () => server.runtime.services.db.kysely;

  async function collaborator(workspaceId: string, status: CollaboratorStatus): Promise<number> {
    const now = Date.now();
    const row = await db()
      .insertInto('collaborators')
      .values({ workspace_id: workspaceId, name: status, email: null, user_id: null, status, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function obligation(workspaceId: string, collaboratorId: number, amount: number): Promise<number> {
    const now = Date.now();
    const row = await db()
      .insertInto('obligations')
      .values({ workspace_id: workspaceId, conversion_id: null, collaborator_id: collaboratorId, kind: 'commission', status: 'pending', amount, original_amount: amount, currency: 'USD', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('keeps every obligation but a banned collaborator\'s, of this workspace only, and lets an unban through', async () => {
    const ws = server.workspaceId;
    const other = (await PayoutFixtures.create(server, 'other')).workspaceId;
    const byStatus = {
      active: await collaborator(ws, 'active'),
      pending: await collaborator(ws, 'pending'),
      inactive: await collaborator(ws, 'inactive'),
      banned: await collaborator(ws, 'banned'),
    };
    const owed = {
      active: await obligation(ws, byStatus.active, 100),
      pending: await obligation(ws, byStatus.pending, 200),
      inactive: await obligation(ws, byStatus.inactive, 300),
      banned: await obligation(ws, byStatus.banned, 400),
      bannedClawback: await obligation(ws, byStatus.banned, -50),
    };
    // Another workspace's banned collaborator and obligation never enter this workspace's claim.
    await obligation(other, await collaborator(other, 'banned'), 999);

    const payable = () =>
      db()
        .selectFrom('obligations')
        .select('id')
        .where('workspace_id', '=', ws)
        .where((eb) => collaboratorNotHeld(eb, ws))
        .orderBy('id')
        .execute()
        .then((rows) => rows.map((r) => r.id));
    expect(await payable()).toEqual([owed.active, owed.pending, owed.inactive]);

    // As in claimPayable: a guarded update claims only what is not held.
    const claimed = await db()
      .updateTable('obligations')
      .set({ updated_at: 1 })
      .where('workspace_id', '=', ws)
      .where('status', '=', 'pending')
      .where((eb) => collaboratorNotHeld(eb, ws))
      .returning('id')
      .execute();
    expect(claimed.map((r) => r.id).sort((a, b) => a - b)).toEqual([owed.active, owed.pending, owed.inactive]);

    await db().updateTable('collaborators').set({ status: 'active' }).where('id', '=', byStatus.banned).execute();
    expect(await payable()).toEqual([owed.active, owed.pending, owed.inactive, owed.banned, owed.bannedClawback]);
  });
});
