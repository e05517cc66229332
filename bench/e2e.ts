/**
 * `npm run bench:e2e`: throughput as users run it (issue 20). The default server, compiled and
 * started as `npm start` starts it (`node dist/main.js serve`, workers on, default settings: SQLite
 * at FULL, or PostgreSQL through DATABASE_URL), takes `/v1/track` single events or `/v1/batch` of
 * 100 from autocannon; the row's figure is acknowledged events / (first request → every
 * acknowledged event canonical), so processing counts as much as ingest. Bare Fastify answering
 * the same requests in its own process, at the start and at the end of the run, is the ceiling.
 *
 *   tsx bench/e2e.ts [--db sqlite|postgres|both] [--rows track,batch] [--seconds N] [--warmup N]
 *                    [--connections N] [--processes 1|2|1,2] [--max-drain-seconds N] [--out FILE|-]
 *
 * Every option has an environment twin (BENCH_DB, BENCH_ROWS, BENCH_SECONDS (10),
 * BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (64), BENCH_PROCESSES (1), BENCH_MAX_DRAIN_SECONDS
 * (300), BENCH_OUT); the flag wins. `--processes 2` starts two serve processes on one database,
 * both with workers, and spreads the same connections over both ports (`1,2` runs both, one after
 * the other, per row). Each row runs on a fresh database: a temporary SQLite directory or a
 * PostgreSQL database of its own on BENCH_DATABASE_URL's server (default the test server), dropped
 * afterwards. The warm-up's events are processed away before the measured load starts.
 * BENCH_PROFILE=1 writes a --cpu-prof profile of each server to $TMPDIR/tributary-profiles/e2e-<row>/.
 *
 * Writes bench/e2e-results.md (or --out), and prints the same table.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureServerBuild } from '../scripts/build-server.ts';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';
import { createBenchDatabase, type BacklogProbe, type BenchDialect } from './bench-database.ts';
import { renderEndToEnd, rowName, sustained, ceilingOf, processingAfterLoad, type CeilingRow, type EndToEndRow } from './e2e-report.ts';
import { measure, trackBody, type LoadSpec } from './load.ts';
import { cpuSeconds, cpuUsedBetween } from './process-cpu.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const BATCH_SIZE = 100;
const TRACK_BODY = JSON.stringify(trackBody());
const BATCH_BODY = JSON.stringify({ batch: Array.from({ length: BATCH_SIZE }, (_, i) => trackBody(`-${i}`)) });
const ADMIN_TOKEN = 'trb_op_bench_operator_token_0123456789';
const PROFILE = process.env.BENCH_PROFILE === '1';

type Kind = 'track' | 'batch';

interface Settings {
  dialects: BenchDialect[];
  kinds: Kind[];
  processes: number[];
  seconds: number;
  warmupSeconds: number;
  connections: number;
  maxDrainSeconds: number;
  out: string | undefined;
}

function list<T extends string>(raw: string, allowed: readonly T[], name: string): T[] {
  const values = raw.split(',').map((value) => value.trim()).filter(Boolean);
  for (const value of values) if (!allowed.includes(value as T)) throw new Error(`--${name}: ${value} is not one of ${allowed.join(', ')}`);
  if (values.length === 0) throw new Error(`--${name}: name at least one of ${allowed.join(', ')}`);
  return values as T[];
}

function positive(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
  return value;
}

function parseSettings(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string', default: process.env.BENCH_DB ?? 'both' },
      rows: { type: 'string', default: process.env.BENCH_ROWS ?? 'track,batch' },
      seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '10' },
      warmup: { type: 'string', default: process.env.BENCH_WARMUP_SECONDS ?? '2' },
      connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '64' },
      processes: { type: 'string', default: process.env.BENCH_PROCESSES ?? '1' },
      'max-drain-seconds': { type: 'string', default: process.env.BENCH_MAX_DRAIN_SECONDS ?? '300' },
      out: { type: 'string', default: process.env.BENCH_OUT ?? join(HERE, 'e2e-results.md') },
    },
    strict: true,
  });
  const db = values.db === 'both' ? 'sqlite,postgres' : values.db;
  return {
    dialects: list(db, ['sqlite', 'postgres'] as const, 'db'),
    kinds: list(values.rows, ['track', 'batch'] as const, 'rows'),
    processes: list(values.processes, ['1', '2'] as const, 'processes').map(Number),
    seconds: positive(values.seconds, 'seconds'),
    warmupSeconds: Number(values.warmup),
    connections: Math.round(positive(values.connections, 'connections')),
    maxDrainSeconds: positive(values['max-drain-seconds'], 'max-drain-seconds'),
    out: values.out === '-' ? undefined : resolve(values.out),
  };
}

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

const loadAverage = () => loadavg().map((n) => n.toFixed(2)).join(' / ');

function bodyOf(kind: Kind): { path: string; body: string; eventsPerRequest: number } {
  return kind === 'track' ? { path: '/v1/track', body: TRACK_BODY, eventsPerRequest: 1 } : { path: '/v1/batch', body: BATCH_BODY, eventsPerRequest: BATCH_SIZE };
}

/** Bare Fastify (bench/bare-server.ts) answering each kind of request: the ceilings. */
async function ceilings(settings: Settings, when: CeilingRow['when']): Promise<CeilingRow[]> {
  const server = await spawnServer({ args: [join(HERE, 'bare-server.ts')] });
  try {
    const rows: CeilingRow[] = [];
    for (const kind of settings.kinds) {
      log(`bare Fastify ${kind} (${when})`);
      const { path, body, eventsPerRequest } = bodyOf(kind);
      const spec: LoadSpec = { url: `${server.url}${path}`, headers: {}, body, eventsPerRequest, connections: settings.connections, seconds: settings.warmupSeconds };
      if (settings.warmupSeconds > 0) await measure(spec);
      const result = await measure({ ...spec, seconds: settings.seconds });
      rows.push({ kind, when, requestsPerSecond: result.requestsPerSecond, eventsPerSecond: result.eventsPerSecond, p50Ms: result.p50Ms, p99Ms: result.p99Ms });
    }
    return rows;
  } finally {
    await server.kill('SIGTERM');
  }
}

/** Polls until every accepted event is canonical; answers whether that happened before `maxSeconds`. */
async function waitDrained(probe: BacklogProbe, maxSeconds: number): Promise<boolean> {
  const deadline = performance.now() + maxSeconds * 1000;
  while (!(await probe.drained())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** The default compiled server, as `npm start` runs it, on the bench database. */
function startServer(env: Record<string, string>, name: string): Promise<ProcessServer> {
  return spawnServer({
    compiled: true,
    args: ['dist/main.js', 'serve'],
    // `npm start` reads no more than this from the environment: the database and a fixed operator
    // token (so no first-start token is generated per row); LOG_LEVEL stays at its default.
    env: { ...env, TRIBUTARY_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'info' },
    nodeFlags: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'tributary-profiles', `e2e-${name}`)}`] : [],
  });
}

async function endToEnd(settings: Settings, dialect: BenchDialect, kind: Kind, processes: number): Promise<EndToEndRow> {
  const database = await createBenchDatabase(dialect);
  const servers: ProcessServer[] = [];
  let probe: BacklogProbe | undefined;
  try {
    const name = `${dialect}-${kind}-${processes}`;
    // The first process migrates the fresh database and prints the credentials; the others join it.
    servers.push(await startServer(database.env, name));
    const writeKey = servers[0]!.firstStart?.writeKey;
    if (!writeKey) throw new Error(`no write key printed:\n${servers[0]!.output()}`);
    for (let i = 1; i < processes; i++) servers.push(await startServer(database.env, `${name}-${i}`));
    probe = await database.probe();

    const { path, body, eventsPerRequest } = bodyOf(kind);
    const spec: LoadSpec = {
      url: servers.map((server) => `${server.url}${path}`),
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      body,
      eventsPerRequest,
      connections: settings.connections,
      seconds: settings.warmupSeconds,
    };
    if (settings.warmupSeconds > 0) {
      await measure(spec);
      if (!(await waitDrained(probe, settings.maxDrainSeconds))) throw new Error(`${name}: the warm-up's events were not processed within ${settings.maxDrainSeconds} s`);
    }
    const eventsBefore = await probe.events();
    const cpu = () => servers.reduce((sum, server) => sum + cpuSeconds(server.pid), 0);
    const cpuBefore = cpu();
    const databaseCpuBefore = await probe.serverCpu();

    const startedAt = performance.now();
    const load = await measure({ ...spec, seconds: settings.seconds });
    const loadEndedAt = performance.now();
    const backlogAtLoadEnd = await probe.backlog();
    const drained = await waitDrained(probe, settings.maxDrainSeconds);
    const drainedAt = performance.now();
    const cpuUsed = cpu() - cpuBefore;
    const databaseCpuUsed = cpuUsedBetween(databaseCpuBefore, await probe.serverCpu());

    if (load.failures > load.answered / 100) {
      throw new Error(`${name}: ${load.failures} of ${load.answered + load.failures} requests failed; server output:\n${servers.map((s) => s.output()).join('\n')}`);
    }
    return {
      dialect,
      kind,
      processes,
      eventsPerRequest,
      acknowledged: load.answered * eventsPerRequest,
      canonical: (await probe.events()) - eventsBefore,
      loadSeconds: (loadEndedAt - startedAt) / 1000,
      drainSeconds: (drainedAt - loadEndedAt) / 1000,
      drained,
      backlogAtLoadEnd,
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      failures: load.failures,
      peakRssBytes: Math.max(...servers.map((server) => server.memory().peakRss)),
      cpuSeconds: cpuUsed,
      databaseCpuSeconds: databaseCpuUsed,
    };
  } finally {
    await probe?.close();
    await Promise.all(servers.map((server) => server.kill('SIGTERM')));
    await database.drop();
  }
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  const loadAtStart = loadAverage();
  if (await ensureServerBuild()) log('built the server (dist/)');

  const allCeilings = await ceilings(settings, 'start');
  const rows: EndToEndRow[] = [];
  for (const dialect of settings.dialects) {
    for (const kind of settings.kinds) {
      for (const processes of settings.processes) {
        const label = rowName({ dialect, kind, processes, eventsPerRequest: kind === 'batch' ? BATCH_SIZE : 1 });
        log(`${label}: ${settings.warmupSeconds} s warm-up, ${settings.seconds} s load, then until every event is canonical (load average ${loadAverage()})`);
        const row = await endToEnd(settings, dialect, kind, processes);
        const ceiling = ceilingOf(allCeilings, kind);
        log(
          `  ${Math.round(sustained(row))} events/s sustained${ceiling ? ` (${(sustained(row) / ceiling).toFixed(2)} of bare Fastify)` : ''}, p99 ${row.p99Ms} ms, ` +
            `drain ${row.drainSeconds.toFixed(1)} s (${Math.round(processingAfterLoad(row))} events/s after the load)`,
        );
        rows.push(row);
      }
    }
  }
  allCeilings.push(...(await ceilings(settings, 'end')));

  const markdown = renderEndToEnd({
    rows,
    ceilings: allCeilings,
    settings: { seconds: settings.seconds, warmupSeconds: settings.warmupSeconds, connections: settings.connections, command: `tsx bench/e2e.ts ${process.argv.slice(2).join(' ')}`.trim() },
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
    loadAverage: { start: loadAtStart, end: loadAverage() },
  });
  if (settings.out) writeFileSync(settings.out, markdown);
  process.stdout.write(markdown);
}

await main();
