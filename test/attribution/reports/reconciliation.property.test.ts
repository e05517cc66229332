import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentOf, proRata } from '../../../src/attribution/model/money.ts';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

const BASIS_POINTS = 1000;

/** One step a shop or an admin takes. Refund targets are indexes into the sales made so far. */
type Step =
  | { kind: 'visit' }
  | { kind: 'sale'; cents: number }
  | { kind: 'refund'; sale: number; full: boolean; share: number }
  | { kind: 'payout' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'visit' }),
  fc.integer({ min: 1, max: 50_000 }).map<Step>((cents) => ({ kind: 'sale', cents })),
  fc.record({ sale: fc.nat(5), full: fc.boolean(), share: fc.integer({ min: 1, max: 99 }) }).map<Step>((r) => ({ kind: 'refund', ...r })),
  fc.constant<Step>({ kind: 'payout' }),
);

const major = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * Random sequences of visits, sales, full and partial refunds and payouts, sent through the real
 * HTTP API, must reconcile: for the collaborator, paid + pending + draft − clawed back equals what
 * the program's rule says (10 % of each sale, reduced pro rata by its refunds), no obligation is
 * in two paid payouts, and the collaborator report's counts and sums match what was sent.
 */
describe.each(DIALECTS)('reports reconcile on %s', (dialect) => {
  const server = useTestServer(dialect);


  it('paid + pending + draft − clawed back equals the rules, and nothing is paid twice', { timeout: 20_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const f = await PayoutFixtures.create(server, 'prop');
        await f.program(BASIS_POINTS);
        const ada = await f.collaborator('Ada');
        const sales: Array<{ id: string; total: number; refunded: number; refunds: number }> = [];
        let visits = 0;
        for (const s of steps) {
          if (s.kind === 'visit') {
            expect((await f.event('site-visited', { collaboratorId: ada })).statusCode).toBe(200);
            visits += 1;
          } else if (s.kind === 'sale') {
            const id = `o-${sales.length}`;
            await f.referredSale(ada, id, major(s.cents));
            visits += 1;
            sales.push({ id, total: s.cents, refunded: 0, refunds: 0 });
          } else if (s.kind === 'refund') {
            const sale = sales[s.sale % Math.max(sales.length, 1)];
            if (!sale || sale.refunded === sale.total) continue;
            const left = sale.total - sale.refunded;
            const amount = s.full ? left : Math.max(1, Math.floor((left * s.share) / 100));
            sale.refunds += 1;
            const body = amount === left && s.full ? { source: 'shop', externalId: sale.id } : { source: 'shop', externalId: sale.id, amount: major(amount), refundId: `r-${sale.refunds}` };
            const res = await f.event('refund', body);
            expect(res.statusCode, res.body).toBe(200);
            sale.refunded += amount;
          } else {
            expect((await f.request('POST', '/fulfillments', { mark_paid: true })).statusCode).toBe(201);
          }
        }

        const owed = sales.reduce((sum, s) => sum + (s.refunded === s.total ? 0 : proRata(percentOf(s.total, BASIS_POINTS), s.total - s.refunded, s.total)), 0);
        const ledger = await f.ok('GET', `/collaborators/${ada}/ledger`);
        const usd = ledger.balance.find((b: any) => b.currency === 'USD') ?? { draft: 0, flagged: 0, hold: 0, pending: 0, paid: 0, clawed_back: 0 };
        expect(usd.paid + usd.pending + usd.hold + usd.flagged + usd.draft - usd.clawed_back).toBe(owed);

        const items = await f.db
          .selectFrom('payout_items')
          .innerJoin('payouts', 'payouts.id', 'payout_items.payout_id')
          .select('payout_items.obligation_id')
          .where('payout_items.workspace_id', '=', f.workspaceId)
          .where('payouts.status', '=', 'paid')
          .execute();
        expect(new Set(items.map((i) => i.obligation_id)).size).toBe(items.length);

        // Every ledger entry points at a logged domain event of its name.
        const logged = await f.db.selectFrom('domain_events').select(['inbound_event_id', 'sequence', 'name']).where('workspace_id', '=', f.workspaceId).execute();
        const keys = new Set(logged.map((e) => `${e.inbound_event_id}#${e.sequence}#${e.name}`));
        for (const entry of ledger.data) expect(keys.has(`${entry.event.inbound_event_id}#${entry.event.sequence}#${entry.event.name}`)).toBe(true);
        expect(ledger.data.filter((e: any) => e.type === 'obligation_issued')).toHaveLength(sales.length);

        const report = await f.ok('GET', `/reports/collaborators?collaborator_id=${ada}`);
        const sum = (field: string) => report.data.reduce((total: number, row: any) => total + (row.amounts.find((a: any) => a.currency === 'USD')?.[field] ?? 0), 0);
        expect(report.data.reduce((total: number, row: any) => total + row.visits, 0)).toBe(visits);
        expect(report.data.reduce((total: number, row: any) => total + row.sales, 0)).toBe(sales.length);
        expect(sum('revenue')).toBe(sales.reduce((total, s) => total + s.total, 0));
        expect(sum('refunded')).toBe(sales.reduce((total, s) => total + s.refunded, 0));
        expect(sum('paid') + sum('pending') + sum('draft') - sum('clawed_back')).toBe(owed);
      }),
      { numRuns: 20 },
    );
  });
});
