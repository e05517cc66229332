import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Config } from '../../../src/config.ts';
import { percentOf, proRata } from '../../../src/attribution/model/money.ts';
import { createRuntime, type Runtime } from '../../../src/runtime.ts';
import { systemClock, type Clock, type ManualClock } from '../../../src/lib/clock.ts';
import type { TestDialect } from '../../support/databases.ts';
import { bearer, useTestServer, waitFor, type TestServer } from '../../support/harness.ts';
import { PayoutFixtures } from './payout-fixtures.ts';

/**
 * Money races (issue 14): scenarios of sales, refunds, reviews, fulfillment runs and payout
 * outcomes, each round's operations sent at once through the HTTP API of one or two processes,
 * then the books checked against what the answers said.
 */

export const BASIS_POINTS = 1000;

/**
 * A test server and, on PostgreSQL, a second Tributary process (a runtime with its own pool and
 * workers) on the same database, so that two workers and two pools race. On SQLite one runtime:
 * two connections in one process would wait on each other's lock inside the one event loop
 * (better-sqlite3 is synchronous). `other()` is undefined there.
 */
export function useRaceServers(dialect: TestDialect, overrides: Partial<Config> = {}, clock: Clock = systemClock): { server: TestServer; other: () => Runtime | undefined } {
  const server = useTestServer(dialect, overrides, { clock });
  let other: Runtime | undefined;
  beforeAll(async () => {
    if (dialect !== 'postgres') return;
    other = await createRuntime(server.config, { logger: pino({ level: 'silent' }), clock });
    other.startWorkers();
  });
  afterAll(async () => {
    await other?.close();
  });
  return { server, other: () => other };
}

/** What a shop or an admin does; sales are picked by index into the sales made so far. */
export type Op =
  /** `self`: the buyer is the collaborator (their email): flagged when the program flags self-referrals. */
  | { kind: 'sale'; who: number; cents: number; self?: boolean }
  | { kind: 'refund'; sale: number; percent: number | null }
  | { kind: 'reject'; sale: number }
  | { kind: 'approve'; sale: number }
  | { kind: 'run'; markPaid: boolean }
  | { kind: 'payout'; pick: number; outcome: 'paid' | 'failed' | 'processing' }
  /** The holding period ends (the clock jumps past it) and an admin releases the holds now. */
  | { kind: 'release' };

export interface Scenario {
  approval: 'on_payment' | 'manual';
  /** The program's holding period (issue 18): commissions wait in `hold` until released. */
  holdDays?: number;
  /** The program's self-referral rule (issue 18): `flag` holds a self-referred sale for review. */
  selfReferral?: 'allow' | 'flag';
  /** Made one after the other before the rounds: the sales the rounds refund, review and pay. */
  seedSales: Array<{ who: number; cents: number; self?: boolean }>;
  /** Each round's operations are sent at once; rounds follow one another. */
  rounds: Op[][];
}

const major = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** What the test itself knows about one sale from the answers it got. */
interface SaleModel {
  externalId: string;
  collaboratorId: number;
  total: number;
  partialRefunds: number;
  fullRefund: boolean;
  rejectedByAdmin: boolean;
  /** The program's rules flagged it for review when it was made. */
  flagged: boolean;
}

/**
 * Plays a scenario in a fresh workspace (program at 10 %, collaborators Ada and Bob), half the
 * requests through `other` when given, and checks the books: no 5xx, and the invariants of
 * {@link checkBooks}.
 */
export async function playScenario(server: TestServer, other: Runtime | undefined, { approval, holdDays = 0, selfReferral = 'allow', seedSales, rounds }: Scenario, clock?: ManualClock): Promise<void> {
  const f = await PayoutFixtures.create(server, 'money');
  await f.program(BASIS_POINTS, { approval, hold_days: holdDays, ...(selfReferral === 'flag' ? { fraud_rules: { self_referral: 'flag' } } : {}) });
  const emails = ['ada@example.com', 'bob@example.com'];
  const collaborators = [await f.collaborator('Ada', emails[0]!), await f.collaborator('Bob', emails[1]!)];
  const answers: Array<{ what: string; status: number; body: string }> = [];
  let turn = 0;
  /** Half the requests go to the other process, so two workers and two pools race. */
  const send = async (what: string, options: Parameters<TestServer['inject']>[0]): Promise<LightMyRequestResponse> => {
    turn += 1;
    const res = turn % 2 === 0 || !other ? await server.inject(options) : await other.app.inject(options);
    answers.push({ what, status: res.statusCode, body: res.body });
    return res;
  };
  const admin = (method: 'GET' | 'POST', path: string, payload?: object) =>
    send(`${method} ${path}`, { method, url: `/api/v1/workspaces/${f.workspaceId}${path}`, headers: { authorization: bearer(server.operatorToken) }, ...(payload ? { payload } : {}) });
  /** A flow still running at the sync timeout answered 202: its outcome is in domain_outcomes. */
  const settledOutcome = (res: LightMyRequestResponse) =>
    waitFor(
      async () => (await f.db.selectFrom('domain_outcomes').select('http_status').where('inbox_id', '=', String(res.headers['x-event-id'])).executeTakeFirst())?.http_status,
      'a domain event outcome',
      60_000,
    );
  const event = async (slug: string, body: Record<string, unknown>) => {
    const res = await send(`event ${slug}`, { method: 'POST', url: `/event/${slug}`, headers: { authorization: bearer(server.operatorToken), 'x-workspace-id': f.workspaceId }, payload: body });
    return { status: res.statusCode === 202 ? await settledOutcome(res) : res.statusCode, oid: Number(res.headers['x-siren-oid']) };
  };

  const sales: SaleModel[] = [];
  const sell = async (who: number, total: number, self = false) => {
    const externalId = `o-${sales.length}-${Math.random().toString(36).slice(2, 6)}`;
    const collaboratorId = collaborators[who % 2]!;
    const visit = await event('site-visited', { collaboratorId });
    expect(visit.status).toBe(200);
    const buyer = self ? { email: emails[who % 2] } : {};
    expect((await event('sale', { source: 'shop', externalId, total: major(total), trackingId: visit.oid, ...buyer })).status).toBe(200);
    sales.push({ externalId, collaboratorId, total, partialRefunds: 0, fullRefund: false, rejectedByAdmin: false, flagged: self && selfReferral === 'flag' });
  };
  const conversionOf = async (sale: SaleModel) =>
    (
      await f.db
        .selectFrom('conversions')
        .innerJoin('attribution_transactions', 'attribution_transactions.id', 'conversions.transaction_id')
        .select('conversions.id')
        .where('conversions.workspace_id', '=', f.workspaceId)
        .where('attribution_transactions.external_id', '=', sale.externalId)
        .executeTakeFirstOrThrow()
    ).id;
  let refunds = 0;
  const perform = async (o: Op): Promise<void> => {
    const sale = sales[('sale' in o ? o.sale : 0) % sales.length]!;
    switch (o.kind) {
      case 'sale':
        return sell(o.who, o.cents, o.self);
      case 'refund': {
        refunds += 1;
        const amount = o.percent === null ? null : Math.max(1, Math.floor((sale.total * o.percent) / 100));
        const { status } = await event('refund', { source: 'shop', externalId: sale.externalId, refundId: `r-${refunds}`, ...(amount === null ? {} : { amount: major(amount) }) });
        expect([200, 422]).toContain(status);
        if (status === 200 && amount === null) sale.fullRefund = true;
        if (status === 200 && amount !== null) sale.partialRefunds += amount;
        return;
      }
      case 'reject':
      case 'approve': {
        const res = await admin('POST', `/conversions/${await conversionOf(sale)}/${o.kind}`);
        expect([200, 409], res.body).toContain(res.statusCode);
        if (o.kind === 'reject' && res.statusCode === 200) sale.rejectedByAdmin = true;
        return;
      }
      case 'run': {
        const res = await admin('POST', '/fulfillments', { mark_paid: o.markPaid });
        expect(res.statusCode, res.body).toBe(201);
        return;
      }
      case 'release': {
        clock?.advance(holdDays * 86_400_000 + 1);
        const res = await admin('POST', '/obligations/release-holds');
        expect(res.statusCode, res.body).toBe(200);
        return;
      }
      case 'payout': {
        const payouts = await f.db.selectFrom('payouts').select('id').where('workspace_id', '=', f.workspaceId).orderBy('id').execute();
        if (payouts.length === 0) return;
        const res = await admin('POST', `/payouts/${payouts[o.pick % payouts.length]!.id}/${o.outcome}`, {});
        expect([200, 409], res.body).toContain(res.statusCode);
        return;
      }
    }
  };

  for (const sale of seedSales) await sell(sale.who, sale.cents, sale.self);
  for (const round of rounds) await Promise.all(round.map(perform));

  const failures = answers.filter((a) => a.status >= 500);
  expect(failures, JSON.stringify(failures.slice(0, 3))).toEqual([]);
  await checkBooks(f, sales, collaborators);
}

/**
 * The invariants of issue 14, read from the database and the ledger API once everything settled:
 * - cash paid (paid payouts) = the sum of completed obligations, and each paid payout is the sum of its items;
 * - a flagged obligation (awaiting fraud review) is in no live payout, and its conversion is still pending;
 * - cash paid + still owed (draft, flagged, held and pending obligations, clawbacks included) = what the program
 *   rule entitles: 10 % of each sale not rejected, reduced pro rata by what the answers say was refunded;
 * - no obligation is in two live payouts;
 * - the collaborator's ledger entries add up to the balance, and its payment entries to the cash paid.
 */
async function checkBooks(f: PayoutFixtures, sales: SaleModel[], collaborators: number[]): Promise<void> {
  const db = f.db;
  const ws = f.workspaceId;
  // What the answers say happened to each sale, against what the database says.
  const transactions = await db.selectFrom('attribution_transactions').selectAll().where('workspace_id', '=', ws).execute();
  const conversions = await db.selectFrom('conversions').selectAll().where('workspace_id', '=', ws).execute();
  const entitled = new Map<number, number>(collaborators.map((c) => [c, 0]));
  for (const sale of sales) {
    const transaction = transactions.find((t) => t.external_id === sale.externalId)!;
    const refunded = sale.fullRefund ? sale.total : sale.partialRefunds;
    expect(transaction.refunded_total, `refunded total of ${sale.externalId}`).toBe(refunded);
    const conversion = conversions.find((c) => c.transaction_id === transaction.id)!;
    expect(conversion.fraud_reasons === null ? [] : JSON.parse(conversion.fraud_reasons), `fraud reasons of ${sale.externalId}`).toEqual(sale.flagged ? ['self_referral'] : []);
    const rejected = sale.rejectedByAdmin || refunded === sale.total;
    expect(conversion.status === 'rejected', `conversion of ${sale.externalId} rejected`).toBe(rejected);
    expect(conversion.amount).toBe(percentOf(sale.total, BASIS_POINTS));
    if (!rejected) entitled.set(sale.collaboratorId, entitled.get(sale.collaboratorId)! + proRata(conversion.amount, sale.total - refunded, sale.total));
  }

  const obligations = await db.selectFrom('obligations').selectAll().where('workspace_id', '=', ws).execute();
  const payouts = await db.selectFrom('payouts').selectAll().where('workspace_id', '=', ws).execute();
  const items = await db.selectFrom('payout_items').selectAll().where('workspace_id', '=', ws).execute();
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  for (const payout of payouts.filter((p) => p.status === 'paid')) {
    expect(sum(items.filter((i) => i.payout_id === payout.id).map((i) => i.amount)), `payout ${payout.id} is the sum of its items`).toBe(payout.amount);
  }
  const live = new Set(payouts.filter((p) => p.status !== 'failed').map((p) => p.id));
  const liveItems = items.filter((i) => live.has(i.payout_id)).map((i) => i.obligation_id);
  expect(liveItems.length, 'no obligation in two live payouts').toBe(new Set(liveItems).size);
  for (const obligation of obligations.filter((o) => o.status === 'flagged')) {
    expect(liveItems, `flagged obligation ${obligation.id} is in no live payout`).not.toContain(obligation.id);
    const conversion = conversions.find((c) => c.id === obligation.conversion_id)!;
    expect(conversion.status, `conversion of flagged obligation ${obligation.id} awaits review`).toBe('pending');
  }
  for (const obligation of obligations.filter((o) => o.status === 'complete')) {
    expect(payouts.find((p) => p.id === obligation.payout_id)?.status, `complete obligation ${obligation.id} was paid`).toBe('paid');
  }

  for (const collaborator of collaborators) {
    const mine = obligations.filter((o) => o.collaborator_id === collaborator);
    const cash = sum(payouts.filter((p) => p.collaborator_id === collaborator && p.status === 'paid').map((p) => p.amount));
    const completed = sum(mine.filter((o) => o.status === 'complete').map((o) => o.amount));
    // A flagged commission is owed until an admin rejects it (as the ledger counts it), never paid before approval.
    const owed = sum(mine.filter((o) => o.status === 'draft' || o.status === 'flagged' || o.status === 'hold' || o.status === 'pending').map((o) => o.amount));
    expect(completed, `collaborator ${collaborator}: cash paid = completed obligations`).toBe(cash);
    expect(cash + owed, `collaborator ${collaborator}: cash paid + owed − clawed back = entitled`).toBe(entitled.get(collaborator));

    const ledger = await f.ok('GET', `/collaborators/${collaborator}/ledger`);
    const entries = ledger.data as Array<{ type: string; amount: number }>;
    expect(sum(entries.map((e) => e.amount)), `collaborator ${collaborator}: ledger entries add up to what is owed`).toBe(owed);
    expect(0 - sum(entries.filter((e) => e.type === 'paid' || e.type === 'clawback_netted').map((e) => e.amount)) + 0, `collaborator ${collaborator}: ledger payments = cash paid`).toBe(cash);
    const balance = (ledger.balance as Array<{ currency: string; balance: number; paid_out: number }>).find((b) => b.currency === 'USD');
    expect(balance?.balance ?? 0).toBe(owed);
    expect(balance?.paid_out ?? 0).toBe(cash);
  }
}
