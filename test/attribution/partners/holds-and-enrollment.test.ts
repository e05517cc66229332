import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/lib/clock.ts';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

const DAY = 86_400_000;

/** Issue 18 §1: holding periods, per-program minimum payouts, enrollment — through the admin API and `/event/{slug}`. */
describe.each(DIALECTS)('partner programs on %s', (dialect) => {
  const clock = new ManualClock();
  const server = useTestServer(dialect, {}, { clock });

  const names = async (f: PayoutFixtures) =>
    (await f.db.selectFrom('domain_events').select('name').where('workspace_id', '=', f.workspaceId).orderBy('id').execute()).map((e) => e.name);
  const ledgerKinds = async (f: PayoutFixtures, obligationId: number) =>
    (await f.db.selectFrom('ledger_entries').select(['kind', 'amount']).where('workspace_id', '=', f.workspaceId).where('obligation_id', '=', obligationId).orderBy('id').execute()).map(
      (e) => [e.kind, Number(e.amount)],
    );

  describe('holding periods', () => {
    it('holds a new commission for hold_days, pays nothing meanwhile, then pays it once the period ends', async () => {
      const f = await PayoutFixtures.create(server, 'hold');
      const program = await f.ok('POST', '/programs', { name: 'Held', incentive: { type: 'percent', basis_points: 1000 }, hold_days: 30 });
      expect(program).toMatchObject({ hold_days: 30, minimum_payouts: null, enrollment: 'open' });
      const ada = await f.collaborator('Ada');
      const before = clock.now();
      await f.referredSale(ada, 'hold-1', 100);

      const [held] = await f.obligations();
      expect(held).toMatchObject({ status: 'hold', amount: 1000 });
      expect(Number(held!.hold_until)).toBeGreaterThanOrEqual(before + 30 * DAY);
      expect(Number(held!.hold_until)).toBeLessThan(clock.now() + 30 * DAY + 1);
      // Seed 002's sale sequence stays as it was; the hold is announced after it.
      expect((await names(f)).slice(-3)).toEqual(['TransactionCompleted', 'ConversionApproved', 'ObligationsHeld']);
      const read = await f.ok('GET', `/obligations/${held!.id}`);
      expect(read).toMatchObject({ status: 'hold', hold_until: new Date(Number(held!.hold_until)).toISOString() });

      expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts).toEqual([]);
      clock.advance(29 * DAY);
      expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts).toEqual([]);
      expect((await f.obligations())[0]).toMatchObject({ status: 'hold', fulfillment_id: null });

      clock.advance(2 * DAY);
      const run = await f.ok('POST', '/fulfillments', { mark_paid: true });
      expect(run.payouts.map((p: any) => [p.collaborator_id, p.amount, p.obligation_ids])).toEqual([[ada, 1000, [held!.id]]]);
      expect((await f.obligations())[0]).toMatchObject({ status: 'complete' });
      // The release is an action of its own before the run, whose log keeps seed 002's order.
      expect(await f.log(run.inbound_event_id)).toEqual(['FulfillmentCreated', 'FulfillmentStatusChanged', 'PayoutCreated', 'PayoutPaid', 'ObligationCompleted', 'FulfillmentStatusChanged']);
      expect(await ledgerKinds(f, held!.id)).toEqual([
        ['obligation_issued', 1000],
        ['obligation_approved', 0],
        ['obligation_released', 0],
        ['paid', -1000],
      ]);
    });

    it('a refund during the hold cancels the commission with no clawback, and nothing is ever paid', async () => {
      const f = await PayoutFixtures.create(server, 'hold-refund');
      await f.program(1000, { hold_days: 14 });
      const ada = await f.collaborator('Ada');
      await f.referredSale(ada, 'hold-refund-1', 100);
      await f.refund('hold-refund-1');
      const obligations = await f.obligations();
      expect(obligations.map((o) => [o.kind, o.status, o.amount])).toEqual([['commission', 'cancelled', 1000]]);
      clock.advance(15 * DAY);
      expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts).toEqual([]);
      const ledger = await f.ok('GET', `/collaborators/${ada}/ledger`);
      expect(ledger.balance).toEqual(expect.arrayContaining([expect.objectContaining({ currency: 'USD', balance: 0 })]));
      expect(await f.db.selectFrom('obligations').select('id').where('workspace_id', '=', f.workspaceId).where('kind', '=', 'clawback').execute()).toEqual([]);
    });

    it('a partial refund during the hold shrinks the held commission, which is paid at the smaller amount', async () => {
      const f = await PayoutFixtures.create(server, 'hold-partial');
      await f.program(1000, { hold_days: 7 });
      const ada = await f.collaborator('Ada');
      await f.referredSale(ada, 'hold-partial-1', 100);
      const refund = await f.event('refund', { source: 'shop', externalId: 'hold-partial-1', amount: 40 });
      expect(refund.statusCode, refund.body).toBe(200);
      expect((await f.obligations()).map((o) => [o.status, o.amount])).toEqual([['hold', 600]]);
      clock.advance(8 * DAY);
      const run = await f.ok('POST', '/fulfillments', { mark_paid: true });
      expect(run.payouts.map((p: any) => p.amount)).toEqual([600]);
    });

    it('POST …/obligations/release-holds releases what is due in this workspace only', async () => {
      const f = await PayoutFixtures.create(server, 'release');
      const other = await PayoutFixtures.create(server, 'release-other');
      for (const fixture of [f, other]) {
        await fixture.program(1000, { hold_days: 1 });
        await fixture.referredSale(await fixture.collaborator('Ada'), 'release-1', 100);
      }
      expect(await f.ok('POST', '/obligations/release-holds')).toEqual({ released: 0 });
      clock.advance(DAY + 1000);
      expect(await f.ok('POST', '/obligations/release-holds')).toEqual({ released: 1 });
      expect((await f.obligations())[0]).toMatchObject({ status: 'pending' });
      expect((await other.obligations())[0]).toMatchObject({ status: 'hold' });
      expect((await names(f)).at(-1)).toBe('ObligationsReleased');
      expect(await f.ok('POST', '/obligations/release-holds')).toEqual({ released: 0 });
    });

    it('an admin rejection during the hold cancels the held commission', async () => {
      const f = await PayoutFixtures.create(server, 'hold-reject');
      await f.program(1000, { hold_days: 30 });
      await f.referredSale(await f.collaborator('Ada'), 'hold-reject-1', 100);
      const conversion = await f.db.selectFrom('conversions').select('id').where('workspace_id', '=', f.workspaceId).executeTakeFirstOrThrow();
      await f.ok('POST', `/conversions/${conversion.id}/reject`, {});
      expect((await f.obligations()).map((o) => [o.kind, o.status])).toEqual([['commission', 'cancelled']]);
    });
  });

  describe('minimum payouts per program and currency', () => {
    it('leaves a balance below the program minimum for a later run; the per-run minimum overrides it', async () => {
      const f = await PayoutFixtures.create(server, 'minimum');
      await f.program(1000, { minimum_payouts: { USD: 2500 } });
      const ada = await f.collaborator('Ada');
      await f.referredSale(ada, 'min-1', 100);
      await f.referredSale(ada, 'min-2', 100);
      expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts).toEqual([]);
      expect((await f.obligations()).every((o) => o.status === 'pending' && o.fulfillment_id === null)).toBe(true);
      await f.referredSale(ada, 'min-3', 100);
      const run = await f.ok('POST', '/fulfillments', { mark_paid: true });
      expect(run.payouts.map((p: any) => p.amount)).toEqual([3000]);

      await f.referredSale(ada, 'min-4', 100);
      expect((await f.ok('POST', '/fulfillments', { mark_paid: true })).payouts).toEqual([]);
      const override = await f.ok('POST', '/fulfillments', { mark_paid: true, minimum_payout: 500, currency: 'USD' });
      expect(override.payouts.map((p: any) => p.amount)).toEqual([1000]);
    });

    it('applies each program’s minimum to that program’s commissions only', async () => {
      const f = await PayoutFixtures.create(server, 'minimum-two');
      await f.program(1000, { name: 'Strict', minimum_payouts: { USD: 5000 } });
      const ada = await f.collaborator('Ada');
      await f.referredSale(ada, 'two-1', 100);
      const [strict] = await f.obligations();
      await f.ok('PATCH', '/programs/' + (await f.db.selectFrom('attribution_programs').select('id').where('workspace_id', '=', f.workspaceId).executeTakeFirstOrThrow()).id, { status: 'inactive' });
      await f.program(500, { name: 'Loose' });
      await f.referredSale(ada, 'two-2', 100);
      const run = await f.ok('POST', '/fulfillments', { mark_paid: true });
      expect(run.payouts.map((p: any) => p.amount)).toEqual([500]);
      expect((await f.obligations()).find((o) => o.id === strict!.id)).toMatchObject({ status: 'pending', fulfillment_id: null });
    });
  });

  describe('enrollment', () => {
    it('a program taking applications pays only approved collaborators; the open one pays everyone', async () => {
      const f = await PayoutFixtures.create(server, 'enroll');
      const open = await f.program(1000, { name: 'Open' });
      const closed = await f.program(500, { name: 'Partners', enrollment: 'approval' });
      const ada = await f.collaborator('Ada');
      await f.referredSale(ada, 'enroll-1', 100);
      const first = await f.db.selectFrom('conversions').select(['program_id', 'amount']).where('workspace_id', '=', f.workspaceId).execute();
      expect(first).toEqual([{ program_id: open, amount: 1000 }]);

      const applied = await f.ok('POST', `/programs/${closed}/enrollments`, { collaborator_id: ada, status: 'applied' });
      expect(applied).toMatchObject({ program_id: closed, collaborator_id: ada, status: 'applied' });
      await f.referredSale(ada, 'enroll-2', 100);
      expect(await f.db.selectFrom('conversions').select('id').where('workspace_id', '=', f.workspaceId).where('program_id', '=', closed).execute()).toEqual([]);

      expect(await f.ok('PATCH', `/programs/${closed}/enrollments/${applied.id}`, { status: 'approved' })).toMatchObject({ status: 'approved' });
      await f.referredSale(ada, 'enroll-3', 100);
      const third = await f.db.selectFrom('conversions').select(['program_id', 'amount']).where('workspace_id', '=', f.workspaceId).orderBy('id').execute();
      expect(third.slice(-2)).toEqual([
        { program_id: open, amount: 1000 },
        { program_id: closed, amount: 500 },
      ]);
      const listed = await f.ok('GET', `/collaborators/${ada}/enrollments`);
      expect(listed.data.map((e: any) => [e.program_id, e.status])).toEqual([[closed, 'approved']]);
      expect((await f.ok('GET', `/programs/${closed}/enrollments?status=approved`)).data).toHaveLength(1);
      expect((await f.ok('GET', `/programs/${closed}/enrollments?status=applied`)).data).toHaveLength(0);

      // Removed: no new earnings in that program.
      await f.ok('PATCH', `/programs/${closed}/enrollments/${applied.id}`, { status: 'removed' });
      await f.referredSale(ada, 'enroll-4', 100);
      expect((await f.db.selectFrom('conversions').select('program_id').where('workspace_id', '=', f.workspaceId).orderBy('id').execute()).at(-1)).toEqual({ program_id: open });
    });

    it('an invite program enrolls as invited by default; refuses bad input, duplicates, bad transitions and other workspaces', async () => {
      const f = await PayoutFixtures.create(server, 'invite');
      const other = await PayoutFixtures.create(server, 'invite-other');
      const program = await f.program(1000, { enrollment: 'invite' });
      const ada = await f.collaborator('Ada');
      const invited = await f.ok('POST', `/programs/${program}/enrollments`, { collaborator_id: ada });
      expect(invited.status).toBe('invited');

      const duplicate = await f.request('POST', `/programs/${program}/enrollments`, { collaborator_id: ada });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error.code).toBe('conflict');

      const bad = await f.request('POST', `/programs/${program}/enrollments`, { collaborator_id: 'x', status: 'rejected', extra: 1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['collaborator_id', 'extra', 'status']);

      const stranger = await other.collaborator('Eve');
      const foreign = await f.request('POST', `/programs/${program}/enrollments`, { collaborator_id: stranger });
      expect(foreign.statusCode).toBe(400);

      const transition = await f.request('PATCH', `/programs/${program}/enrollments/${invited.id}`, { status: 'rejected' });
      expect(transition.statusCode).toBe(409);
      expect((await f.ok('PATCH', `/programs/${program}/enrollments/${invited.id}`, { status: 'approved' })).status).toBe('approved');

      for (const url of [`/programs/${program}/enrollments`, `/programs/${program}/enrollments/${invited.id}`]) {
        const res = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${other.workspaceId}${url}`, headers: { authorization: bearer(server.operatorToken) } });
        expect(res.statusCode, url).toBe(404);
      }
      const patchForeign = await other.request('PATCH', `/programs/${program}/enrollments/${invited.id}`, { status: 'removed' });
      expect(patchForeign.statusCode).toBe(404);
    });

    it('validates the new program fields, listing every one', async () => {
      const f = await PayoutFixtures.create(server, 'program-fields');
      const res = await f.request('POST', '/programs', {
        name: 'X',
        incentive: { type: 'percent', basis_points: 100 },
        hold_days: 400,
        minimum_payouts: { usd: 10, EUR: -1 },
        enrollment: 'closed',
      });
      expect(res.statusCode).toBe(400);
      const fields = res.json().error.data.fields.map((e: any) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['hold_days', 'enrollment']));
      expect(fields.some((field: string) => field.startsWith('minimum_payouts'))).toBe(true);
    });
  });
});
