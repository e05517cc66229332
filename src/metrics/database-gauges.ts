import { stat } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { Gauge } from 'prom-client';
import type { Database } from '../db/index.ts';
import type { Metrics } from './metrics.ts';

/** What the scrape-time gauges read. */
export interface DatabaseGaugeDeps {
  db: Kysely<Database>;
  /** The SQLite WAL file, when the database is SQLite. */
  walFile?: string | undefined;
  /** The PostgreSQL pool's connections, when the database is PostgreSQL. */
  poolStats?: (() => { total: number; idle: number; waiting: number }) | undefined;
  /** Milliseconds since the epoch (the runtime's clock). */
  now?: () => number;
  /** How long one reading of the database serves scrapes, so a busy Prometheus costs little. */
  cacheMs?: number;
}

interface Reading {
  inboxRows: number;
  journalRequests: number;
  journalEvents: number;
  oldestWaitingMs: number | null;
  deliveries: Array<{ destination_id: string; status: string; n: number }>;
  violations: number;
  issued: Array<{ currency: string; total: number }>;
  paid: Array<{ currency: string; total: number }>;
}

/**
 * Gauges read from the database when Prometheus scrapes: the backlog and its age (processing lag),
 * the delivery queues and dead letters, violations stored, money issued and paid, and the
 * database's own state. One reading serves every gauge of a scrape, and is reused for `cacheMs`.
 * Each query uses an index that holds only what it counts (waiting inbox rows, unfinished
 * deliveries), or a small table.
 */
export function registerDatabaseGauges(metrics: Metrics, deps: DatabaseGaugeDeps): void {
  const now = deps.now ?? Date.now;
  const cacheMs = deps.cacheMs ?? 1_000;
  let cached: { at: number; reading: Promise<Reading> } | undefined;
  const reading = (): Promise<Reading> => {
    const at = now();
    if (!cached || at - cached.at >= cacheMs) {
      cached = { at, reading: read(deps.db) };
      // A failed reading is not kept: the next scrape tries again.
      cached.reading.catch(() => (cached = undefined));
    }
    return cached.reading;
  };
  const registers = [metrics.registry];

  new Gauge({
    name: 'tributary_inbox_backlog_rows',
    help: 'Inbox rows waiting for a worker (new, or failed and due for a retry).',
    registers,
    async collect() {
      this.set((await reading()).inboxRows);
    },
  });
  new Gauge({
    name: 'tributary_inbox_journal_requests',
    help: 'Segment requests accepted whole and not yet split into inbox rows, and (label unit="events") the events they hold.',
    labelNames: ['unit'] as const,
    registers,
    async collect() {
      const r = await reading();
      this.set({ unit: 'requests' }, r.journalRequests);
      this.set({ unit: 'events' }, r.journalEvents);
    },
  });
  new Gauge({
    name: 'tributary_processing_lag_seconds',
    help: 'Age of the oldest accepted event not yet processed (0 when nothing waits).',
    registers,
    async collect() {
      const oldest = (await reading()).oldestWaitingMs;
      this.set(oldest === null ? 0 : Math.max(0, now() - oldest) / 1000);
    },
  });
  new Gauge({
    name: 'tributary_deliveries',
    help: 'Deliveries not finished, and dead letters, by destination and status: pending and delivering (the queue), failed (waiting for a retry), dead.',
    labelNames: ['destination_id', 'status'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of (await reading()).deliveries) this.set({ destination_id: row.destination_id, status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'tributary_contract_violations_stored',
    help: 'Contract violations stored (see the violations API).',
    registers,
    async collect() {
      this.set((await reading()).violations);
    },
  });
  new Gauge({
    name: 'tributary_money_issued_minor_units',
    help: 'Commissions issued so far (original amounts, before refunds), in minor units, by currency.',
    labelNames: ['currency'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of (await reading()).issued) this.set({ currency: row.currency }, row.total);
    },
  });
  new Gauge({
    name: 'tributary_money_paid_minor_units',
    help: 'What paid payouts paid so far, in minor units, by currency.',
    labelNames: ['currency'] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of (await reading()).paid) this.set({ currency: row.currency }, row.total);
    },
  });
  if (deps.walFile !== undefined) {
    const walFile = deps.walFile;
    new Gauge({
      name: 'tributary_sqlite_wal_bytes',
      help: 'Size of the SQLite write-ahead log; it should fall back after checkpoints.',
      registers,
      async collect() {
        this.set(await stat(walFile).then((s) => s.size, () => 0));
      },
    });
  }
  if (deps.poolStats !== undefined) {
    const poolStats = deps.poolStats;
    new Gauge({
      name: 'tributary_db_pool_connections',
      help: 'PostgreSQL pool connections by state: total (open), idle, waiting (requests queued for a connection).',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const stats = poolStats();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
  }
}

async function read(db: Kysely<Database>): Promise<Reading> {
  const inbox = await db
    .selectFrom('inbox')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('received_at').as('oldest')])
    .where('available_at', 'is not', null)
    .executeTakeFirstOrThrow();
  const journal = await db
    .selectFrom('inbox_journal')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('event_count').as('events'), (eb) => eb.fn.min('received_at').as('oldest')])
    .executeTakeFirstOrThrow();
  const deliveries = await db
    .selectFrom('deliveries')
    .select(['destination_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'delivering', 'failed', 'dead'])
    .groupBy(['destination_id', 'status'])
    .execute();
  const violations = await sql<{ n: number }>`select count(*) as n from contract_violations`.execute(db);
  const issued = await db
    .selectFrom('obligations')
    .select(['currency', (eb) => eb.fn.sum<number>('original_amount').as('total')])
    .where('kind', '=', 'commission')
    .groupBy('currency')
    .execute();
  const paid = await db
    .selectFrom('payouts')
    .select(['currency', (eb) => eb.fn.sum<number>('amount').as('total')])
    .where('status', '=', 'paid')
    .groupBy('currency')
    .execute();
  const oldest = [inbox.oldest, journal.oldest].filter((t): t is number => t !== null && t !== undefined).map(Number);
  return {
    inboxRows: Number(inbox.n),
    journalRequests: Number(journal.n),
    journalEvents: Number(journal.events ?? 0),
    oldestWaitingMs: oldest.length === 0 ? null : Math.min(...oldest),
    deliveries: deliveries.map((d) => ({ destination_id: String(d.destination_id), status: d.status, n: Number(d.n) })),
    violations: Number(violations.rows[0]?.n ?? 0),
    issued: issued.map((r) => ({ currency: r.currency, total: Number(r.total) })),
    paid: paid.map((r) => ({ currency: r.currency, total: Number(r.total) })),
  };
}
