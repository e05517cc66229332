import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from './payout-fixtures.ts';

/** Seed 002's fulfillment & payout flow, read back from the domain-event log, on both databases. */
describe.each(DIALECTS)('fulfillment runs and payouts on %s', (dialect) => {
  const server = useTestServer(dialect);


  it('with mark_paid one request fires the whole seed-002 sequence and writes the payout id back on the obligation', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await f.referredSale(ada, 'ord-1', '49.99');
    const res = await f.request('POST', '/fulfillments', { mark_paid: true, paid_reference: 'bank-batch-7' });
    expect(res.statusCode).toBe(201);
    const run = res.json();
    const entries = await f.logEntries(run.inbound_event_id);
    expect(entries.map((e) => e.name)).toEqual([
      'FulfillmentCreated',
      'FulfillmentStatusChanged',
      'PayoutCreated',
      'PayoutPaid',
      'ObligationCompleted',
      'FulfillmentStatusChanged',
    ]);
    const [obligation] = await f.obligations();
    const payout = run.payouts[0];
    expect(entries[1]!.payload).toEqual({ fulfillmentId: run.id, from: 'pending', to: 'processing' });
    expect(entries[2]!.payload).toEqual({ payoutId: payout.id, fulfillmentId: run.id, collaboratorId: ada, amount: 500, currency: 'USD', obligationIds: [obligation!.id] });
    expect(entries[4]!.payload).toEqual({ obligationId: obligation!.id, payoutId: payout.id, collaboratorId: ada, amount: 500, currency: 'USD', clawbackObligationId: null });
    expect(entries[5]!.payload).toEqual({ fulfillmentId: run.id, from: 'processing', to: 'complete' });
    expect(run).toMatchObject({ status: 'complete', payout_count: 1, totals: [{ currency: 'USD', amount: 500, paid: 500 }] });
    expect(payout).toMatchObject({ status: 'paid', amount: 500, currency: 'USD', paid_reference: 'bank-batch-7', obligation_ids: [obligation!.id], reference: `TRB-F${run.id}-P${payout.id}` });
    expect(obligation).toMatchObject({ status: 'complete', payout_id: payout.id });
  });

  it('without mark_paid payouts stay unpaid; marking them paid one by one and in bulk completes the run after the last', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    const bob = await f.collaborator('Bob');
    await f.referredSale(ada, 'a-1', 100);
    await f.referredSale(ada, 'a-2', 50);
    await f.referredSale(bob, 'b-1', 20);
    const run = await f.ok('POST', '/fulfillments');
    expect(await f.log(run.inbound_event_id)).toEqual(['FulfillmentCreated', 'FulfillmentStatusChanged', 'PayoutCreated', 'PayoutCreated']);
    expect(run.status).toBe('processing');
    expect(run.payouts.map((p: any) => [p.collaborator_id, p.amount, p.status, p.obligation_ids.length])).toEqual([
      [ada, 1500, 'unpaid', 2],
      [bob, 200, 'unpaid', 1],
    ]);
    const [adaPayout, bobPayout] = run.payouts;

    const paid = await f.ok('POST', `/payouts/${adaPayout.id}/paid`, { reference: 'wire-1' });
    expect(paid).toMatchObject({ status: 'paid', paid_reference: 'wire-1' });
    expect(await f.log(paid.inbound_event_id)).toEqual(['PayoutPaid', 'ObligationCompleted', 'ObligationCompleted']);
    expect((await f.ok('GET', `/fulfillments/${run.id}`)).status).toBe('processing');

    const bulk = await f.ok('POST', '/payouts/paid', { payout_ids: [bobPayout.id] });
    expect(await f.log(bulk.inbound_event_id)).toEqual(['PayoutPaid', 'ObligationCompleted', 'FulfillmentStatusChanged']);
    expect(bulk.data.map((p: any) => p.status)).toEqual(['paid']);
    expect(await f.ok('GET', `/fulfillments/${run.id}`)).toMatchObject({ status: 'complete', totals: [{ currency: 'USD', amount: 1700, paid: 1700 }] });
    expect((await f.obligations()).map((o) => o.status)).toEqual(['complete', 'complete', 'complete']);

    const again = await f.request('POST', `/payouts/${adaPayout.id}/paid`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', data: { payout_id: adaPayout.id, status: 'paid' } });
  });

  it('a failed payout returns its obligations to the next run, and a run whose payouts all failed is failed', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await f.referredSale(ada, 'f-1', 30);
    const run = await f.ok('POST', '/fulfillments');
    const failed = await f.ok('POST', `/payouts/${run.payouts[0].id}/failed`, { reason: 'account closed' });
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'account closed' });
    const entries = await f.logEntries(failed.inbound_event_id);
    expect(entries.map((e) => e.name)).toEqual(['PayoutFailed', 'FulfillmentStatusChanged']);
    expect(entries[1]!.payload).toMatchObject({ from: 'processing', to: 'failed' });
    const [obligation] = await f.obligations();
    expect(obligation).toMatchObject({ status: 'pending', payout_id: null, fulfillment_id: null });
    expect((await f.request('POST', `/payouts/${run.payouts[0].id}/paid`)).statusCode).toBe(409);

    const next = await f.ok('POST', '/fulfillments', { mark_paid: true });
    expect(next.payouts.map((p: any) => [p.amount, p.status, p.obligation_ids])).toEqual([[300, 'paid', [obligation!.id]]]);
    expect((await f.ok('GET', `/payouts?status=failed`)).data.map((p: any) => p.obligation_ids)).toEqual([[obligation!.id]]);
  });

  it('nets a refund after payout against the next sale: the clawback alone pays nothing, then rides in the next payout', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await f.referredSale(ada, 'n-1', 100);
    await f.ok('POST', '/fulfillments', { mark_paid: true });
    await f.refund('n-1');
    const clawback = (await f.obligations()).find((o) => o.kind === 'clawback')!;
    expect(clawback).toMatchObject({ amount: -1000, status: 'pending' });

    const owing = await f.ok('POST', '/fulfillments', { mark_paid: true });
    expect(owing).toMatchObject({ status: 'complete', payout_count: 0, payouts: [] });
    expect(await f.log(owing.inbound_event_id)).toEqual(['FulfillmentCreated', 'FulfillmentStatusChanged', 'FulfillmentStatusChanged']);
    expect((await f.obligations()).find((o) => o.id === clawback.id)).toMatchObject({ status: 'pending', fulfillment_id: null, payout_id: null });

    await f.referredSale(ada, 'n-2', 300);
    const netted = await f.ok('POST', '/fulfillments', { mark_paid: true });
    expect(netted.payouts).toHaveLength(1);
    expect(netted.payouts[0]).toMatchObject({ amount: 2000, status: 'paid' });
    expect(netted.payouts[0].obligation_ids[0]).toBe(clawback.id);
    expect((await f.obligations()).map((o) => [o.kind, o.amount, o.status])).toEqual([
      ['commission', 1000, 'complete'],
      ['clawback', -1000, 'complete'],
      ['commission', 3000, 'complete'],
    ]);
  });

  it.each([
    ['a full refund', undefined, 1000],
    ['a half refund', '50.00', 500],
  ])('%s while the payout is out: paying it completes the obligation at what was paid and records a clawback of the rest', async (_name, amount, owedBack) => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await f.referredSale(ada, 'out-1', 100);
    const run = await f.ok('POST', '/fulfillments');
    const refund = await f.event('refund', { source: 'shop', externalId: 'out-1', ...(amount === undefined ? {} : { amount, refundId: 're-1' }) });
    expect(refund.statusCode).toBe(200);
    const paid = await f.ok('POST', `/payouts/${run.payouts[0].id}/paid`);
    const entries = await f.logEntries(paid.inbound_event_id);
    expect(entries.map((e) => e.name)).toEqual(['PayoutPaid', 'ObligationCompleted', 'FulfillmentStatusChanged']);
    const [commission, clawback] = await f.obligations();
    expect(commission).toMatchObject({ status: 'complete', amount: 1000, payout_id: run.payouts[0].id });
    expect(clawback).toMatchObject({ kind: 'clawback', status: 'pending', amount: -owedBack, conversion_id: commission!.conversion_id });
    expect(entries[1]!.payload).toMatchObject({ obligationId: commission!.id, amount: 1000, clawbackObligationId: clawback!.id });
    // The next sale's payout nets what is owed back.
    await f.referredSale(ada, 'out-2', 200);
    expect((await f.ok('POST', '/fulfillments')).payouts.map((p: any) => p.amount)).toEqual([2000 - owedBack]);
  });

  it('leaves a collaborator under the minimum payout for a later run, and a minimum needs its currency', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const small = await f.collaborator('Small');
    const large = await f.collaborator('Large');
    await f.referredSale(small, 'm-1', 50);
    await f.referredSale(large, 'm-2', 150);
    const run = await f.ok('POST', '/fulfillments', { currency: 'USD', minimum_payout: 1000 });
    expect(run.payouts.map((p: any) => [p.collaborator_id, p.amount])).toEqual([[large, 1500]]);
    expect(run.minimum_payout).toBe(1000);
    const left = (await f.obligations()).find((o) => o.collaborator_id === small)!;
    expect(left).toMatchObject({ status: 'pending', fulfillment_id: null, payout_id: null });
    expect((await f.ok('POST', '/fulfillments', { currency: 'USD', minimum_payout: 500 })).payouts.map((p: any) => p.collaborator_id)).toEqual([small]);

    const bad = await f.request('POST', '/fulfillments', { minimum_payout: 1000, paid_reference: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['currency', 'paid_reference']);
    const worse = await f.request('POST', '/fulfillments', { currency: 'usd', minimum_payout: -1, mark_paid: 'yes', extra: 1 });
    expect(worse.statusCode).toBe(400);
    expect(worse.json().error.data.fields).toHaveLength(4);
  });

  it('keeps currencies apart: one payout per collaborator and currency, and a run limited to one currency pays only it', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await f.referredSale(ada, 'c-usd', 100, 'USD');
    await f.referredSale(ada, 'c-eur', 80, 'EUR');
    await f.referredSale(ada, 'c-jpy', 7000, 'JPY');
    const eurOnly = await f.ok('POST', '/fulfillments', { currency: 'EUR' });
    expect(eurOnly.payouts.map((p: any) => [p.amount, p.currency])).toEqual([[800, 'EUR']]);
    const rest = await f.ok('POST', '/fulfillments');
    expect(rest.payouts.map((p: any) => [p.amount, p.currency])).toEqual([[700, 'JPY'], [1000, 'USD']]);
    expect(rest.totals).toEqual([{ currency: 'JPY', amount: 700, paid: 0 }, { currency: 'USD', amount: 1000, paid: 0 }]);
  });

  it('exports the open payouts of a run as a CSV batch file with exact major-unit amounts', async () => {
    const f = await PayoutFixtures.create(server);
    await f.program(1000);
    const quoted = await f.collaborator('Lovelace, "Ada"', 'ada@example.com');
    const formula = await f.collaborator('=HYPERLINK("x")', null);
    const kuwait = await f.collaborator('Kuwait', 'k@example.com');
    await f.referredSale(quoted, 'csv-1', '49.99');
    await f.referredSale(formula, 'csv-2', 7000, 'JPY');
    await f.referredSale(kuwait, 'csv-3', '10.005', 'KWD');
    const run = await f.ok('POST', '/fulfillments');
    const [a, b, c] = run.payouts;
    const res = await f.request('GET', `/fulfillments/${run.id}/payouts.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body).toBe(
      'collaborator_name,collaborator_email,amount,currency,payout_id,reference\r\n' +
        `"Lovelace, ""Ada""",ada@example.com,5.00,USD,${a.id},TRB-F${run.id}-P${a.id}\r\n` +
        `"'=HYPERLINK(""x"")",,700,JPY,${b.id},TRB-F${run.id}-P${b.id}\r\n` +
        `Kuwait,k@example.com,1.000,KWD,${c.id},TRB-F${run.id}-P${c.id}\r\n`,
    );
    await f.ok('POST', `/payouts/${a.id}/paid`);
    const open = await f.request('GET', `/fulfillments/${run.id}/payouts.csv`);
    expect(open.body.split('\r\n').filter(Boolean)).toHaveLength(3);
    const paidOnly = await f.request('GET', `/fulfillments/${run.id}/payouts.csv?status=paid`);
    expect(paidOnly.body).toContain(`,5.00,USD,${a.id},`);
    expect((await f.request('GET', `/fulfillments/${run.id}/payouts.csv?state=paid`)).statusCode).toBe(400);
  });

  it('marks payouts handed to the bank processing: out of the next export, then paid or failed as unpaid ones are', async () => {
    const f = await PayoutFixtures.create(server, 'processing');
    await f.program(1000);
    const ada = await f.collaborator('Ada', 'ada@example.com');
    const bob = await f.collaborator('Bob', 'bob@example.com');
    const cy = await f.collaborator('Cy', 'cy@example.com');
    await f.referredSale(ada, 'p-1', 100);
    await f.referredSale(bob, 'p-2', 100);
    await f.referredSale(cy, 'p-3', 100);
    const run = await f.ok('POST', '/fulfillments');
    const [a, b, c] = run.payouts;

    const one = await f.ok('POST', `/payouts/${a.id}/processing`);
    expect(one).toMatchObject({ id: a.id, status: 'processing' });
    expect((await f.ok('POST', `/payouts/${a.id}/processing`)).status).toBe('processing');
    expect((await f.ok('POST', '/payouts/processing', { payout_ids: [b.id] })).data.map((p: { status: string }) => p.status)).toEqual(['processing']);
    // The next export holds only what was not handed over yet; ?status=processing lists the rest.
    const unpaid = await f.request('GET', `/fulfillments/${run.id}/payouts.csv`);
    expect(unpaid.body.split('\r\n').filter(Boolean)).toEqual([expect.stringMatching(/^collaborator_name/), expect.stringContaining(`,${c.id},`)]);
    expect((await f.request('GET', `/fulfillments/${run.id}/payouts.csv?status=processing`)).body.split('\r\n').filter(Boolean)).toHaveLength(3);

    expect((await f.ok('POST', `/payouts/${a.id}/paid`)).status).toBe('paid');
    expect((await f.ok('POST', `/payouts/${b.id}/failed`, { reason: 'bounced' })).status).toBe('failed');
    const settled = await f.request('POST', `/payouts/${a.id}/processing`);
    expect(settled.statusCode).toBe(409);
    expect(settled.json().error).toMatchObject({ code: 'conflict', data: { status: 'paid' } });
    // All or none: a settled payout in the list changes nothing.
    expect((await f.request('POST', '/payouts/processing', { payout_ids: [c.id, a.id] })).statusCode).toBe(409);
    expect((await f.ok('GET', `/payouts/${c.id}`)).status).toBe('unpaid');
    expect((await f.request('POST', '/payouts/processing', { payout_ids: [] })).statusCode).toBe(400);
    expect((await f.request('POST', `/payouts/${c.id}/processing`, { extra: 1 })).statusCode).toBe(400);
    expect((await f.request('POST', '/payouts/999999/processing')).statusCode).toBe(404);
  });

  it('lists and reads runs and payouts with filters, and another workspace sees none of them', async () => {
    const f = await PayoutFixtures.create(server);
    const other = await PayoutFixtures.create(server, 'other');
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await f.referredSale(ada, 'l-1', 10);
    const run = await f.ok('POST', '/fulfillments');
    const payoutId = run.payouts[0].id;
    expect((await f.ok('GET', '/fulfillments')).data.map((r: any) => r.id)).toEqual([run.id]);
    expect((await f.ok('GET', '/fulfillments?status=complete')).data).toEqual([]);
    expect((await f.ok('GET', `/payouts?fulfillment_id=${run.id}&collaborator_id=${ada}&currency=USD&status=unpaid`)).data.map((p: any) => p.id)).toEqual([payoutId]);
    expect((await f.ok('GET', `/payouts/${payoutId}`)).obligation_ids).toHaveLength(1);
    const badFilter = await f.request('GET', '/payouts?status=done&colaborator_id=1');
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['colaborator_id', 'status']);

    for (const [method, path] of [
      ['GET', `/fulfillments/${run.id}`],
      ['GET', `/fulfillments/${run.id}/payouts.csv`],
      ['GET', `/payouts/${payoutId}`],
      ['POST', `/payouts/${payoutId}/paid`],
      ['POST', `/payouts/${payoutId}/failed`],
    ] as const) {
      const res = await other.request(method, path);
      expect(res.statusCode, `${method} ${path}`).toBe(404);
    }
    expect((await other.request('POST', '/payouts/paid', { payout_ids: [payoutId] })).statusCode).toBe(404);
    expect((await f.ok('GET', `/payouts/${payoutId}`)).status).toBe('unpaid');
    expect((await f.request('GET', '/payouts/abc')).statusCode).toBe(404);

    // Siren's reconciliation reader sees the same payout, in Siren's words.
    const key = (await f.ok('POST', '/api-keys', { label: 'siren' })).key;
    const siren = await server.inject({ method: 'GET', url: '/siren/v1/payouts?status=unpaid', headers: { authorization: `Bearer ${key}` } });
    expect(siren.statusCode).toBe(200);
    expect(siren.json()).toEqual([expect.objectContaining({ id: payoutId, status: 'unpaid', collaboratorId: ada, amount: 100, currency: 'USD' })]);
  });
});
