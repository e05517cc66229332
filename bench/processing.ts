/**
 * `npm run bench:processing`: how fast a worker process turns an inbox backlog into canonical
 * events, in about 30 s instead of the two minutes of `npm run bench:ingest`.
 *
 * 1. fill: an API-only server (WORKERS=false, SQLite FULL) takes BENCH_EVENTS events through
 *    `/v1/batch` (100 per request, a few in parallel), then stops;
 * 2. SQLite floor (the same-run baseline): this process does the least SQL that processing needs
 *    on a copy of that file, with better-sqlite3 and no Tributary code: per 1,000 events, take
 *    their requests from the journal, split each body (JSON.parse, JSON.stringify per message),
 *    insert one inbox row (already processed, deduplicated) and one events row per event, in one
 *    FULL transaction.
 *    It moves with the machine and with the schema, so the ratio says how much the worker adds
 *    on top of SQLite's own work;
 * 3. processing: a worker process (WORKERS=true) started on the backlog, timed until it is empty.
 *
 * Settings: BENCH_EVENTS (200,000), BENCH_MAX_SECONDS (30), WORKER_BATCH_SIZE (the server's
 * default unless set), WORKER_CONCURRENCY (likewise), BENCH_PROFILE=1 writes a --cpu-prof profile of the worker process to
 * $TMPDIR/tributary-profiles/processing/. BENCH_DATABASE_URL runs the same fill and drain on
 * PostgreSQL, in a fresh schema dropped at the end, with no floor (see postgres-backend.ts),
 * and writes bench/processing-postgres-results.md.
 * Writes bench/processing-results.md.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { spawnServer } from '../test/support/process-server.ts';
import { measureDrain, type DrainMeasurement } from './drain.ts';
import { POSTGRES_URL, postgresBackend } from './postgres-backend.ts';
import { trackBody } from './load.ts';
import { cpuSeconds } from './process-cpu.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 30);
const PROFILE = process.env.BENCH_PROFILE === '1';
const BATCH_SIZE = 100;
const PARALLEL_REQUESTS = 8;
const FLOOR_BATCH = 1000;

const ENV: Record<string, string> = {
  SQLITE_SYNCHRONOUS: 'FULL',
  TRIBUTARY_ADMIN_TOKEN: 'trb_op_bench_operator_token_0123456789',
  // The worker's own setting, passed through to try other batch sizes.
  ...(process.env.WORKER_BATCH_SIZE ? { WORKER_BATCH_SIZE: process.env.WORKER_BATCH_SIZE } : {}),
  ...(process.env.WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY } : {}),
};

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Fills the inbox through the HTTP API, as clients would; returns events per second. */
async function fill(storage: Record<string, string>): Promise<number> {
  const server = await spawnServer({ env: { ...ENV, ...storage, WORKERS: 'false' } });
  try {
    const writeKey = server.firstStart?.writeKey;
    if (!writeKey) throw new Error(`no write key printed:\n${server.output()}`);
    const headers = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
    const template = JSON.stringify({ batch: Array.from({ length: BATCH_SIZE }, (_, i) => trackBody(`-${i}`)) }).split('[<id>]');
    const requests = Math.ceil(EVENTS / BATCH_SIZE);
    let next = 0;
    const startedAt = performance.now();
    const sender = async () => {
      while (next < requests) {
        const n = next++;
        const response = await fetch(`${server.url}/v1/batch`, { method: 'POST', headers, body: template.join(`fill-${n}`) });
        if (!response.ok) throw new Error(`/v1/batch answered ${response.status}: ${await response.text()}`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_REQUESTS }, sender));
    return (requests * BATCH_SIZE) / ((performance.now() - startedAt) / 1000);
  } finally {
    await server.kill('SIGTERM');
  }
}

/** The same SQLite file, copied so the floor run and the worker each start on the full backlog. */
function copyDatabase(from: string, to: string): void {
  for (const suffix of ['', '-wal']) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
}

interface Rate {
  eventsPerSecond: number;
  /** CPU time per event: moves far less than events per second when others share the machine. */
  cpuMicrosPerEvent: number;
}

/** SQLite's own cost of processing, with no Tributary code in the way (see the header). */
function sqliteFloor(file: string): Rate {
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const heads = db.prepare('select seq from inbox_journal order by seq limit ?').pluck();
    const take = (n: number) => db.prepare(`delete from inbox_journal where seq in (${Array.from({ length: n }, () => '?').join(', ')}) returning workspace_id, received_at, body`);
    const inboxColumns = ['id', 'workspace_id', 'api', 'dedupe_key', 'payload', 'status', 'received_at', 'event_id', 'processed_at'];
    const eventColumns = ['id', 'workspace_id', 'inbox_id', 'api', 'type', 'name', 'user_id', 'message_id', 'source', 'timestamp', 'received_at', 'body', 'created_at'];
    const values = (columns: string[], n: number) => Array.from({ length: n }, () => `(${columns.map(() => '?').join(', ')})`).join(', ');
    const insertInbox = new Map<number, SQLite.Statement>();
    const insertEvents = new Map<number, SQLite.Statement>();
    const statement = (cache: Map<number, SQLite.Statement>, text: (n: number) => string, n: number) => {
      let prepared = cache.get(n);
      if (!prepared) cache.set(n, (prepared = db.prepare(text(n))));
      return prepared;
    };
    type Request = { workspace_id: string; received_at: number; body: string };
    let sequence = 0;
    const round = db.transaction((now: number): number => {
      // Journal rows of 100 events each: ten make a batch of 1,000.
      const seqs = heads.all(FLOOR_BATCH / BATCH_SIZE) as number[];
      if (seqs.length === 0) return 0;
      const requests = take(seqs.length).all(...seqs) as Request[];
      const inbox: unknown[][] = [];
      const events: unknown[][] = [];
      for (const request of requests) {
        for (const message of (JSON.parse(request.body) as { batch: Array<{ messageId: string }> }).batch) {
          const id = `floor-${(sequence += 1)}`;
          const payload = JSON.stringify(message);
          inbox.push([id, request.workspace_id, 'segment', `msg:${message.messageId}`, payload, 'processed', request.received_at, id, now]);
          events.push([id, request.workspace_id, id, 'segment', 'track', 'Order Completed', 'user-42', message.messageId, 'bench', request.received_at, request.received_at, payload, now]);
        }
      }
      for (let start = 0; start < inbox.length; start += 50) {
        const n = Math.min(50, inbox.length - start);
        statement(insertInbox, (k) => `insert into inbox (${inboxColumns.join(', ')}) values ${values(inboxColumns, k)} on conflict (workspace_id, dedupe_key) do nothing`, n).run(inbox.slice(start, start + n).flat());
        statement(insertEvents, (k) => `insert into events (${eventColumns.join(', ')}) values ${values(eventColumns, k)} on conflict (id) do nothing`, n).run(events.slice(start, start + n).flat());
      }
      return inbox.length;
    });
    const startedAt = performance.now();
    const cpuBefore = process.cpuUsage();
    let total = 0;
    for (let n = round(Date.now()); n > 0; n = round(Date.now())) total += n;
    const cpu = process.cpuUsage(cpuBefore);
    return { eventsPerSecond: total / ((performance.now() - startedAt) / 1000), cpuMicrosPerEvent: (cpu.user + cpu.system) / total };
  } finally {
    db.close();
  }
}

/** `storage` points the server at its database; `measure` watches that database drain. */
async function drain(
  storage: Record<string, string>,
  measure: () => Promise<DrainMeasurement>,
  databaseCpuSeconds?: () => Promise<number>,
): Promise<DrainMeasurement & { peakRssBytes: number; cpuMicrosPerEvent: number; databaseCpuMicrosPerEvent?: number }> {
  const nodeFlags = [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'tributary-profiles', 'processing')}`] : []), ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
  const server = await spawnServer({ env: { ...ENV, ...storage, WORKERS: 'true' }, nodeFlags });
  try {
    const cpuBefore = cpuSeconds(server.pid);
    const drained = await measure();
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const databaseCpu = await databaseCpuSeconds?.();
    const perEvent = (seconds: number) => (seconds * 1e6) / Math.max(1, drained.processed);
    return {
      ...drained,
      peakRssBytes: server.memory().peakRss,
      cpuMicrosPerEvent: perEvent(cpu),
      ...(databaseCpu === undefined ? {} : { databaseCpuMicrosPerEvent: perEvent(databaseCpu) }),
    };
  } finally {
    await server.kill('SIGTERM');
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  if (POSTGRES_URL) return mainPostgres(POSTGRES_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-processing-'));
  try {
    log(`fill: ${int(EVENTS)} events through /v1/batch (workers off, FULL)`);
    const fillRate = await fill({ DATA_DIR: dataDir });
    const file = join(dataDir, 'tributary.sqlite');
    const floorFile = join(dataDir, 'floor.sqlite');
    copyDatabase(file, floorFile);
    log('SQLite floor: the least SQL processing needs, in this process');
    const floor = sqliteFloor(floorFile);
    log('processing: a worker process draining the backlog');
    const result = await drain({ DATA_DIR: dataDir }, () => measureDrain(file, { maxSeconds: MAX_SECONDS, pollMs: 20 }));
    const ratio = result.eventsPerSecond / floor.eventsPerSecond;
    const cpuRatio = result.cpuMicrosPerEvent / floor.cpuMicrosPerEvent;
    const markdown = [
      '# Processing benchmark',
      '',
      `Measured ${new Date().toISOString()} by \`npm run bench:processing\` on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' / ')}.`,
      `Backlog: ${int(EVENTS)} Segment track events sent through \`/v1/batch\` (${BATCH_SIZE} per request) to a server with its workers off, SQLite at FULL (filled at ${int(fillRate)} events/s).`,
      'The SQLite floor is this process doing the least SQL processing needs on a copy of the same file (per 1,000 events: take their requests from the journal, split the bodies, insert one processed inbox row and one events row per event, one FULL transaction), with no Tributary code: the ratios are what to compare between runs on a shared machine. CPU time per event (user + system, every thread of the process, while it drains) moves less with the machine\'s load than events per second.',
      '',
      '| run | events | seconds | events/s | ratio to floor | CPU µs per event | CPU ratio to floor | peak RSS |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| SQLite floor (better-sqlite3, same file) | ${int(EVENTS)} | ${(EVENTS / floor.eventsPerSecond).toFixed(2)} | ${int(floor.eventsPerSecond)} | 1.00 | ${floor.cpuMicrosPerEvent.toFixed(1)} | 1.00 | |`,
      `| worker process (inbox → canonical events) | ${int(result.processed)} | ${result.seconds.toFixed(2)} | ${int(result.eventsPerSecond)} | ${ratio.toFixed(2)} | ${result.cpuMicrosPerEvent.toFixed(1)} | ${cpuRatio.toFixed(2)} | ${Math.round(result.peakRssBytes / 1048576)} MB |`,
      '',
      `Target (issue 3): processing ≥ 50,000 events/s: ${int(result.eventsPerSecond)}, ${result.eventsPerSecond >= 50_000 ? 'met' : '**missed**'}${result.finished ? '' : ' (time limit reached before the backlog was empty)'}.`,
      '',
    ].join('\n');
    writeFileSync(join(HERE, 'processing-results.md'), markdown);
    process.stdout.write(markdown);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same fill and drain on PostgreSQL, in a fresh schema; no floor. */
async function mainPostgres(url: string): Promise<void> {
  const backend = await postgresBackend(url);
  try {
    log(`fill: ${int(EVENTS)} events through /v1/batch (workers off, PostgreSQL schema ${backend.schema})`);
    const fillRate = await fill(backend.env);
    log('processing: a worker process draining the backlog');
    const result = await drain(backend.env, () => backend.measureDrain({ maxSeconds: MAX_SECONDS, pollMs: 50 }), () => backend.backendCpuSeconds());
    const markdown = [
      '# Processing benchmark (PostgreSQL)',
      '',
      `Measured ${new Date().toISOString()} by \`BENCH_DATABASE_URL=… npm run bench:processing\` on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL ${backend.version} on the same machine, load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' / ')}.`,
      `Backlog: ${int(EVENTS)} Segment track events sent through \`/v1/batch\` (${BATCH_SIZE} per request) to a server with its workers off (filled at ${int(fillRate)} events/s), in a fresh schema. CPU time per event is the worker process's (every thread) and, apart, that of the PostgreSQL backends serving its connections: both move less with the machine's load than events per second.`,
      '',
      '| run | events | seconds | events/s | worker CPU µs per event | PostgreSQL CPU µs per event | peak RSS |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| worker process (inbox → canonical events) | ${int(result.processed)} | ${result.seconds.toFixed(2)} | ${int(result.eventsPerSecond)} | ${result.cpuMicrosPerEvent.toFixed(1)} | ${result.databaseCpuMicrosPerEvent?.toFixed(1) ?? '?'} | ${Math.round(result.peakRssBytes / 1048576)} MB |`,
      '',
      `Target (issue 20): PostgreSQL processing ≥ 40,000 events/s: ${int(result.eventsPerSecond)}, ${result.eventsPerSecond >= 40_000 ? 'met' : '**missed**'}${result.finished ? '' : ' (time limit reached before the backlog was empty)'}.`,
      '',
    ].join('\n');
    writeFileSync(join(HERE, 'processing-postgres-results.md'), markdown);
    process.stdout.write(markdown);
  } finally {
    await backend.drop();
  }
}

await main();
