import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

const today = new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('reports and the collaborator ledger on %s', (dialect) => {
  const server = useTestServer(dialect);


  it('reports per collaborator and per program by day: visits, leads, sales, revenue, earned, pending, paid, refunded, clawed back', async () => {
    const f = await PayoutFixtures.create(server, 'report');
    const program = await f.program(1000, { lead_incentive: { amount: 200, currency: 'USD' } });
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob');
    await f.referredSale(ada, 'a-1', '100.00');
    await f.referredSale(ada, 'a-2', '50.00');
    await f.ok('POST', '/fulfillments', { mark_paid: true });
    expect((await f.event('refund', { source: 'shop', externalId: 'a-1', amount: '40.00', refundId: 'r-1' })).statusCode).toBe(200);
    await f.referredSale(ada, 'a-3', '20.00');
    const visit = await f.event('site-visited', { collaboratorId: bob, userId: 'lead-1' });
    expect((await f.event('lead', { userId: 'lead-1', trackingId: Number(visit.headers['x-siren-oid']) })).statusCode).toBe(200);

    const report = await f.ok('GET', '/reports/collaborators');
    expect(report.data).toEqual([
      {
        collaborator_id: ada,
        day: today,
        visits: 3,
        leads: 0,
        sales: 3,
        amounts: [{ currency: 'USD', revenue: 17_000, earned: 1_700, draft: 0, flagged: 0, hold: 0, pending: 200, paid: 1_500, refunded: 4_000, clawed_back: 400 }],
      },
      { collaborator_id: bob, day: today, visits: 1, leads: 1, sales: 0, amounts: [{ currency: 'USD', revenue: 0, earned: 200, draft: 200, flagged: 0, hold: 0, pending: 0, paid: 0, refunded: 0, clawed_back: 0 }] },
    ]);
    const byProgram = await f.ok('GET', `/reports/programs?program_id=${program}&from=${today}`);
    expect(byProgram.data).toEqual([
      {
        program_id: program,
        day: today,
        visits: 4,
        leads: 1,
        sales: 3,
        amounts: [{ currency: 'USD', revenue: 17_000, earned: 1_900, draft: 200, flagged: 0, hold: 0, pending: 200, paid: 1_500, refunded: 4_000, clawed_back: 400 }],
      },
    ]);
    expect((await f.ok('GET', '/reports/collaborators?from=2020-01-01&to=2020-01-02')).data).toEqual([]);
  });

  it('the ledger lists every balance change of a collaborator, signed, with the domain event that made it', async () => {
    const f = await PayoutFixtures.create(server, 'ledger');
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await f.referredSale(ada, 'l-1', '100.00');
    await f.referredSale(ada, 'l-2', '30.00');
    const run = await f.ok('POST', '/fulfillments', { mark_paid: true });
    await f.refund('l-1');
    await f.referredSale(ada, 'l-3', '10.00');
    await f.refund('l-3');

    const ledger = await f.ok('GET', `/collaborators/${ada}/ledger`);
    const obligations = await f.obligations();
    const [o1, o2, clawback, o3] = obligations;
    expect(ledger.data.map((e: any) => [e.type, e.obligation_id, e.amount, e.event.name])).toEqual([
      ['obligation_issued', o1!.id, 1000, 'ObligationIssued'],
      ['obligation_approved', o1!.id, 0, 'ConversionApproved'],
      ['obligation_issued', o2!.id, 300, 'ObligationIssued'],
      ['obligation_approved', o2!.id, 0, 'ConversionApproved'],
      ['paid', o1!.id, -1000, 'ObligationCompleted'],
      ['paid', o2!.id, -300, 'ObligationCompleted'],
      ['clawback', clawback!.id, -1000, 'ConversionRejected'],
      ['obligation_issued', o3!.id, 100, 'ObligationIssued'],
      ['obligation_approved', o3!.id, 0, 'ConversionApproved'],
      ['obligation_cancelled', o3!.id, -100, 'ConversionRejected'],
    ]);
    // The entries add up to the balance: the 1000 clawed back after payment is owed back.
    expect(ledger.data.reduce((sum: number, e: any) => sum + e.amount, 0)).toBe(-1000);
    const paidEntry = ledger.data.find((e: any) => e.type === 'paid');
    expect(paidEntry.event.inbound_event_id).toBe(run.inbound_event_id);
    const pointed = await f.logEntries(paidEntry.event.inbound_event_id);
    expect(pointed.find((e) => e.sequence === paidEntry.event.sequence)).toMatchObject({ name: 'ObligationCompleted', payload: { obligationId: o1!.id } });
    expect(ledger.balance).toEqual([{ currency: 'USD', balance: -1000, draft: 0, flagged: 0, hold: 0, pending: 0, paid: 1300, clawed_back: 1000, clawback_outstanding: 1000, paid_out: 1300 }]);
  });

  it('answers 400 for a bad range and 404 for another workspace’s collaborator', async () => {
    const f = await PayoutFixtures.create(server, 'bad-range');
    const other = await PayoutFixtures.create(server, 'other');
    const res = await f.request('GET', '/reports/collaborators?from=yesterday&collaborator_id=x&color=red');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['collaborator_id', 'color', 'from']);
    expect((await f.request('GET', '/reports/programs?from=2026-02-01&to=2026-01-01')).json().error.data.fields).toEqual([{ field: 'from', message: 'must be before to' }]);
    const ada = await f.collaborator('Ada');
    expect((await other.request('GET', `/collaborators/${ada}/ledger`)).statusCode).toBe(404);
  });
});
