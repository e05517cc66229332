import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/lib/clock.ts';
import { DIALECTS } from '../../support/databases.ts';
import { playScenario, useRaceServers, type Op } from './money-races.ts';
import { PayoutFixtures } from './payout-fixtures.ts';

/** Each race is run this many times: on PostgreSQL the interleaving differs from one to the next. */
const TRIES = 4;

/** A 10.00 sale for Ada, and the race of issue 14's report, sent at once. */
const race = (...ops: Op[]) => ({ approval: 'on_payment' as const, seedSales: [{ who: 0, cents: 1000 }], rounds: [ops] });
/** The same with a first run already made, so the payout exists and can be marked while the refund runs. */
const raceAfterRun = (...ops: Op[]) => ({ approval: 'on_payment' as const, seedSales: [{ who: 0, cents: 1000 }], rounds: [[{ kind: 'run', markPaid: false } as Op], ops] });

/** Issue 18: the same with Ada's sale self-referred and the program flagging self-referrals, so it waits for review. */
const flaggedRace = (holdDays: number, ...rounds: Op[][]) => ({
  approval: 'on_payment' as const,
  holdDays,
  selfReferral: 'flag' as const,
  seedSales: [{ who: 0, cents: 1000, self: true }],
  rounds,
});

/**
 * The races issue 14 reported on PostgreSQL, each replayed several times on both databases through
 * the HTTP API of two processes (one on SQLite), with the books checked after each (money-races.ts):
 * in the report the payout ended `paid` for 100 while the obligation ended `cancelled`, with no clawback.
 */
describe.each(DIALECTS)('money races of issue 14 on %s', (dialect) => {
  const { server, other } = useRaceServers(dialect);

  const cases: Array<[string, ReturnType<typeof race>]> = [
    ['a fulfillment run with mark_paid and a full refund', race({ kind: 'run', markPaid: true }, { kind: 'refund', sale: 0, percent: null })],
    ['a fulfillment run with mark_paid and a partial refund of 40 %', race({ kind: 'run', markPaid: true }, { kind: 'refund', sale: 0, percent: 40 })],
    ['an admin rejection and a run with mark_paid', race({ kind: 'reject', sale: 0 }, { kind: 'run', markPaid: true })],
    ['marking the payout paid and a full refund', raceAfterRun({ kind: 'payout', pick: 0, outcome: 'paid' }, { kind: 'refund', sale: 0, percent: null })],
    ['marking the payout paid and a partial refund', raceAfterRun({ kind: 'payout', pick: 0, outcome: 'paid' }, { kind: 'refund', sale: 0, percent: 40 })],
    ['marking the payout paid and an admin rejection', raceAfterRun({ kind: 'payout', pick: 0, outcome: 'paid' }, { kind: 'reject', sale: 0 })],
    ['marking the payout failed and a partial refund', raceAfterRun({ kind: 'payout', pick: 0, outcome: 'failed' }, { kind: 'refund', sale: 0, percent: 40 })],
  ];
  for (const [name, scenario] of cases) {
    it(`keeps the books exact under ${name}`, async () => {
      for (let i = 0; i < TRIES; i += 1) await playScenario(server, other(), scenario);
    });
  }

  it('answers every one of concurrent fulfillment runs with 201 and pays each obligation once', async () => {
    for (let i = 0; i < TRIES; i += 1) {
      await playScenario(server, other(), {
        approval: 'on_payment',
        seedSales: [{ who: 0, cents: 1000 }, { who: 1, cents: 2000 }, { who: 0, cents: 3000 }],
        rounds: [Array.from({ length: 6 }, (_, k): Op => ({ kind: 'run', markPaid: k % 2 === 0 }))],
      });
    }
  });

  it('writes a signed amount on every ledger entry, so reductions and cancellations before payment add up', async () => {
    const f = await PayoutFixtures.create(server, 'signed');
    await f.program(1000);
    const ada = await f.collaborator('Ada');
    await f.referredSale(ada, 's-1', '10.00');
    await f.referredSale(ada, 's-2', '20.00');
    expect((await f.event('refund', { source: 'shop', externalId: 's-1', amount: '4.00' })).statusCode).toBe(200);
    await f.refund('s-2');
    const ledger = await f.ok('GET', `/collaborators/${ada}/ledger`);
    expect(ledger.data.map((e: any) => [e.type, e.amount])).toEqual([
      ['obligation_issued', 100],
      ['obligation_approved', 0],
      ['obligation_issued', 200],
      ['obligation_approved', 0],
      ['obligation_reduced', -40],
      ['obligation_cancelled', -200],
    ]);
    expect(ledger.balance).toEqual([{ currency: 'USD', balance: 60, draft: 0, flagged: 0, hold: 0, pending: 60, paid: 0, clawed_back: 0, clawback_outstanding: 0, paid_out: 0 }]);
  });
});

/** Issue 18: the races of a sale the self-referral rule flagged, decided by an admin while refunds, runs and releases run. */
describe.each(DIALECTS)('money races of flagged sales on %s', (dialect) => {
  const clock = new ManualClock();
  const { server, other } = useRaceServers(dialect, {}, clock);

  const cases: Array<[string, ReturnType<typeof flaggedRace>]> = [
    ['approving it, a partial refund and a run with mark_paid', flaggedRace(0, [{ kind: 'approve', sale: 0 }, { kind: 'refund', sale: 0, percent: 40 }, { kind: 'run', markPaid: true }])],
    ['rejecting it, a full refund and a run', flaggedRace(0, [{ kind: 'reject', sale: 0 }, { kind: 'refund', sale: 0, percent: null }, { kind: 'run', markPaid: true }])],
    ['approving and rejecting it at once, and a run', flaggedRace(0, [{ kind: 'approve', sale: 0 }, { kind: 'reject', sale: 0 }, { kind: 'run', markPaid: true }])],
    [
      'approving it in a holding program, releasing holds and a run, then a refund and marking the payout paid',
      flaggedRace(1, [{ kind: 'approve', sale: 0 }, { kind: 'release' }, { kind: 'run', markPaid: false }], [{ kind: 'refund', sale: 0, percent: 40 }, { kind: 'payout', pick: 0, outcome: 'paid' }]),
    ],
  ];
  for (const [name, scenario] of cases) {
    it(`keeps the books exact when ${name}`, async () => {
      for (let i = 0; i < TRIES; i += 1) await playScenario(server, other(), scenario, clock);
    });
  }
});
