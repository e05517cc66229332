/**
 * `npx tsx bench/write-costs.ts [--db sqlite|postgres|both]`: what each write per event costs
 * (issue 20, docs/reliability.md "Where the time goes"). On a scratch database with Tributary's
 * schema (migrated by Tributary), this process writes what an event costs the database, one kind
 * of write at a time, through Tributary's own statements (multi-row inserts of 50, transactions of
 * 1,000 events as a worker batch), and measures CPU time per event:
 *
 * - the journal, for a single-event request (one journal row per event) and for a batch of 100
 *   (one row per 100 events): the row appended by ingest, then deleted by the worker that moves it;
 * - the inbox row as the worker writes it (already processed), with every index, and without each
 *   index in turn;
 * - the events row, with every index, and without each index in turn.
 *
 * An index's cost is the row's cost with every index less the row's cost without that one. CPU is
 * this process's (user + system, every thread) plus, on PostgreSQL, that of the database's backend
 * processes (read from /proc by the pids `pg_stat_activity` names), so the server's side counts.
 * Variants run interleaved in BENCH_ROUNDS rounds (3) on emptied tables, BENCH_EVENTS events each
 * (20,000); the medians are printed. Dedupe keys are random UUIDs, as browser and mobile SDKs send.
 * SQLite runs at FULL in WAL mode, the default; its fsync waits are not CPU time.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { insertTextBySize, migrateToLatest, openDatabase, rowParameters, type Db, type EventTable, type InboxTable } from '../src/db/index.ts';
import { INBOX_COLUMNS, INBOX_ROWS_PER_STATEMENT, insertInboxRows } from '../src/inbox/inbox-insert.ts';
import { journalInsertText, journalParameters, JOURNAL_ROWS_PER_STATEMENT, toJournalRow, type JournalRecord } from '../src/inbox/journal-record.ts';
import { newId } from '../src/lib/ids.ts';
import { insertEvents } from '../src/pipeline/event-insert.ts';
import { createBenchDatabase, type BacklogProbe, type BenchDialect } from './bench-database.ts';
import { trackBody } from './load.ts';
import { cpuUsedBetween } from './process-cpu.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 1000;
const WORKSPACE = 'ws_write_costs';

const INBOX_INDEXES = ['inbox_dedupe', 'inbox_claim', 'inbox_list', 'inbox_failed', 'inbox_blocked'] as const;
const EVENTS_INDEXES = ['events_list', 'events_time', 'events_name'] as const;

interface Variant {
  name: string;
  table: 'inbox_journal' | 'inbox' | 'events';
  /** Events per journal row (journal variants only). */
  perRequest?: number;
  /** The index dropped for this variant. */
  without?: string;
}

const VARIANTS: Variant[] = [
  { name: 'journal, single-event request (1 row per event)', table: 'inbox_journal', perRequest: 1 },
  { name: 'journal, batch request (1 row per 100 events)', table: 'inbox_journal', perRequest: 100 },
  { name: 'inbox row, every index', table: 'inbox' },
  ...INBOX_INDEXES.map((index) => ({ name: `inbox row without ${index}`, table: 'inbox' as const, without: index })),
  { name: 'events row, every index', table: 'events' },
  ...EVENTS_INDEXES.map((index) => ({ name: `events row without ${index}`, table: 'events' as const, without: index })),
];

const TRACK = trackBody();
const payloadOf = (messageId: string) => JSON.stringify({ ...TRACK, messageId });

/** CPU seconds per process: this one, and the database server's processes working for it. */
async function cpuNow(probe: BacklogProbe): Promise<Map<number, number>> {
  const own = process.cpuUsage();
  const cpu = await probe.serverCpu();
  cpu.set(process.pid, (own.user + own.system) / 1e6);
  return cpu;
}

async function writeJournal(db: Db, perRequest: number): Promise<void> {
  const body = JSON.stringify(perRequest === 1 ? { ...TRACK, messageId: 'x' } : { batch: Array.from({ length: perRequest }, (_, i) => ({ ...TRACK, messageId: `x-${i}` })) });
  const requests = EVENTS / perRequest;
  const record = (): JournalRecord => ({
    workspaceId: WORKSPACE, api: 'segment', route: perRequest === 1 ? 'track' : 'batch', eventCount: perRequest,
    body, receivedAt: Date.now(), credentialId: 'write_key:bench', clientIp: '127.0.0.1',
  });
  // Ingest: group commits of up to 64 requests (what 64 connections give a group at most).
  for (let done = 0; done < requests; done += JOURNAL_ROWS_PER_STATEMENT) {
    const rows = Array.from({ length: Math.min(JOURNAL_ROWS_PER_STATEMENT, requests - done) }, () => toJournalRow(record()));
    await db.kysely.transaction().execute((trx) => trx.executeQuery(CompiledQuery.raw(journalInsertText(db.dialect, rows.length), journalParameters(rows, 0, rows.length))));
  }
  // Processing: each worker batch deletes its 1,000 events' requests, as the move does.
  for (;;) {
    const taken = await db.kysely.transaction().execute(async (trx) => {
      const seqs = (await trx.selectFrom('inbox_journal').select('seq').orderBy('seq').limit(BATCH / perRequest).execute()).map((row) => row.seq);
      if (seqs.length === 0) return 0;
      await trx.deleteFrom('inbox_journal').where('seq', 'in', seqs).returningAll().execute();
      return seqs.length;
    });
    if (taken === 0) break;
  }
}

/** The inbox insert without its `on conflict`, which needs the dedupe index (for the variant without it). */
const plainInboxInsert = insertTextBySize('inbox', INBOX_COLUMNS);

async function writeRows(db: Db, table: 'inbox' | 'events', withDedupe: boolean): Promise<void> {
  for (let done = 0; done < EVENTS; done += BATCH) {
    const now = Date.now();
    const inbox: InboxTable[] = Array.from({ length: BATCH }, () => {
      const messageId = randomUUID();
      const id = newId();
      return {
        id, workspace_id: WORKSPACE, api: 'segment', dedupe_key: `msg:${messageId}`, body_hash: null, payload: payloadOf(messageId),
        status: 'processed', received_at: now, available_at: null, locked_by: 'w_bench', retry_count: 0, retryable: 0,
        process_error: null, event_id: id, processed_at: now, credential_id: 'write_key:bench', client_ip: '127.0.0.1',
      };
    });
    await db.kysely.transaction().execute(async (trx) => {
      if (table === 'inbox' && withDedupe) {
        await insertInboxRows(trx, db.dialect, inbox);
        return;
      }
      if (table === 'inbox') {
        for (let start = 0; start < inbox.length; start += INBOX_ROWS_PER_STATEMENT) {
          const count = Math.min(INBOX_ROWS_PER_STATEMENT, inbox.length - start);
          await trx.executeQuery(CompiledQuery.raw(plainInboxInsert(db.dialect, count), rowParameters(inbox, start, count, INBOX_COLUMNS)));
        }
        return;
      }
      const events: EventTable[] = inbox.map((row) => ({
        id: row.id, workspace_id: WORKSPACE, inbox_id: row.id, api: 'segment', type: 'track', name: 'Order Completed', user_id: 'user-42',
        anonymous_id: null, email: null, group_id: null, previous_id: null, message_id: row.dedupe_key!.slice(4), source: 'bench', status: null,
        timestamp: now, original_timestamp: now, sent_at: now, received_at: now, body: row.payload, created_at: now,
      }));
      await insertEvents(trx, db.dialect, events);
    });
  }
}

/** The definition of each index, read back from the schema so it can be made again as it was. */
async function indexDefinitions(db: Db, dialect: BenchDialect): Promise<Map<string, string>> {
  const names = [...INBOX_INDEXES, ...EVENTS_INDEXES];
  const rows =
    dialect === 'sqlite'
      ? (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index'`.execute(db.kysely)).rows
      : (await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql from pg_indexes where schemaname = current_schema()`.execute(db.kysely)).rows;
  const definitions = new Map(rows.filter((row) => (names as readonly string[]).includes(row.name)).map((row) => [row.name, row.sql]));
  for (const name of names) if (!definitions.has(name)) throw new Error(`index ${name} is not in the schema: update bench/write-costs.ts`);
  return definitions;
}

async function measureVariant(db: Db, dialect: BenchDialect, probe: BacklogProbe, variant: Variant, definitions: Map<string, string>): Promise<number> {
  await sql`delete from ${sql.table(variant.table)}`.execute(db.kysely);
  if (dialect === 'postgres') await sql`vacuum ${sql.table(variant.table)}`.execute(db.kysely);
  if (variant.without) await sql`drop index ${sql.id(variant.without)}`.execute(db.kysely);
  try {
    const before = await cpuNow(probe);
    if (variant.table === 'inbox_journal') await writeJournal(db, variant.perRequest!);
    else await writeRows(db, variant.table, variant.without !== 'inbox_dedupe');
    return (cpuUsedBetween(before, await cpuNow(probe)) * 1e6) / EVENTS;
  } finally {
    if (variant.without) await sql.raw(definitions.get(variant.without)!).execute(db.kysely);
  }
}

/** The middle value; of an even count, the mean of the two middle ones. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function measureDialect(dialect: BenchDialect): Promise<string[]> {
  const database = await createBenchDatabase(dialect);
  const config = loadConfig({ ...database.env, WORKERS: 'false' });
  const db = await openDatabase(config);
  let probe: BacklogProbe | undefined;
  try {
    await migrateToLatest(db);
    const definitions = await indexDefinitions(db, dialect);
    probe = await database.probe();
    const results = new Map(VARIANTS.map((variant) => [variant.name, [] as number[]]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of VARIANTS) {
        process.stderr.write(`${dialect} round ${round}/${ROUNDS}: ${variant.name}\n`);
        results.get(variant.name)!.push(await measureVariant(db, dialect, probe, variant, definitions));
      }
    }
    const of = (name: string) => median(results.get(name)!);
    const lines = [`| ${dialect === 'sqlite' ? 'SQLite FULL' : 'PostgreSQL'}: write | CPU µs per event (median) | runs |`, '| --- | ---: | --- |'];
    for (const variant of VARIANTS) {
      const runs = results.get(variant.name)!.map((n) => n.toFixed(1)).join(', ');
      const all = variant.table === 'inbox' ? of('inbox row, every index') : variant.table === 'events' ? of('events row, every index') : undefined;
      const share = variant.without && all !== undefined ? ` → ${variant.without} costs ${(all - of(variant.name)).toFixed(1)}` : '';
      lines.push(`| ${variant.name} | ${of(variant.name).toFixed(1)}${share} | ${runs} |`);
    }
    return lines;
  } finally {
    await probe?.close();
    await db.close();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { db: { type: 'string', default: process.env.BENCH_DB ?? 'both' } } });
  const dialects: BenchDialect[] = values.db === 'both' ? ['sqlite', 'postgres'] : [values.db as BenchDialect];
  const loadAtStart = loadavg().map((n) => n.toFixed(2)).join(' / ');
  const out = [
    `Write costs per event, \`npx tsx bench/write-costs.ts\`, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ` +
      `${EVENTS} events × ${ROUNDS} rounds per variant; load average ${loadAtStart} at the start`,
    '',
  ];
  for (const dialect of dialects) out.push(...(await measureDialect(dialect)), '');
  out.push(`load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' / ')}`, '');
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
