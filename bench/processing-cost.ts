/**
 * `npx tsx bench/processing-cost.ts [--db sqlite|postgres|both] [--sources track,batch]`: what it
 * costs to process an event that came alone in a `/v1/track` request (journal row → inbox row →
 * event) against one that came in a `/v1/batch` of 100 (issue 20), on each database.
 *
 * Per database and source, on a fresh database: an API-only server (`WORKERS=false`, compiled,
 * default settings otherwise) takes BENCH_EVENTS events (50,000) through the HTTP API, then stops;
 * a server with its workers on (the default) starts on that backlog and is timed until every event
 * is canonical. CPU per event is the worker process's (user + system, every thread) and, on
 * PostgreSQL, that of the database's client backends (/proc), from the moment the server listens
 * (the backlog is counted then) until the backlog is empty. Sources alternate in BENCH_ROUNDS rounds (2).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ensureServerBuild } from '../scripts/build-server.ts';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';
import { createBenchDatabase, type BenchDialect } from './bench-database.ts';
import { trackBody } from './load.ts';
import { cpuSeconds, cpuUsedBetween } from './process-cpu.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MAX_SECONDS = Number(process.env.BENCH_MAX_DRAIN_SECONDS ?? 300);
const BATCH_SIZE = 100;
const ADMIN_TOKEN = 'trb_op_bench_operator_token_0123456789';

type Source = 'track' | 'batch';

interface Cost {
  events: number;
  seconds: number;
  workerCpuMicros: number;
  databaseCpuMicros: number;
  drained: boolean;
}

function compiledServer(env: Record<string, string>): Promise<ProcessServer> {
  return spawnServer({ compiled: true, args: ['dist/main.js', 'serve'], env: { ...env, TRIBUTARY_ADMIN_TOKEN: ADMIN_TOKEN } });
}

/** Sends EVENTS events through the API of a server with its workers off, as clients would. */
async function fill(env: Record<string, string>, source: Source): Promise<void> {
  const server = await compiledServer({ ...env, WORKERS: 'false' });
  try {
    const writeKey = server.firstStart?.writeKey;
    if (!writeKey) throw new Error(`no write key printed:\n${server.output()}`);
    const headers = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
    const perRequest = source === 'track' ? 1 : BATCH_SIZE;
    const template = JSON.stringify(source === 'track' ? trackBody() : { batch: Array.from({ length: BATCH_SIZE }, (_, i) => trackBody(`-${i}`)) }).split('[<id>]');
    const requests = Math.ceil(EVENTS / perRequest);
    let next = 0;
    const sender = async () => {
      while (next < requests) {
        const n = next++;
        const response = await fetch(`${server.url}/v1/${source}`, { method: 'POST', headers, body: template.join(`fill-${n}`) });
        if (!response.ok) throw new Error(`/v1/${source} answered ${response.status}: ${await response.text()}`);
      }
    };
    // Single events need many requests in flight to share group commits, as real clients do.
    await Promise.all(Array.from({ length: source === 'track' ? 64 : 8 }, sender));
  } finally {
    await server.kill('SIGTERM');
  }
}

async function measure(dialect: BenchDialect, source: Source): Promise<Cost> {
  const database = await createBenchDatabase(dialect);
  try {
    await fill(database.env, source);
    const probe = await database.probe();
    const server = await compiledServer(database.env);
    try {
      const databaseBefore = await probe.serverCpu();
      const workerBefore = cpuSeconds(server.pid);
      const backlog = await probe.backlog();
      const startedAt = performance.now();
      let drained = await probe.drained();
      while (!drained && performance.now() - startedAt < MAX_SECONDS * 1000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        drained = await probe.drained();
      }
      const seconds = (performance.now() - startedAt) / 1000;
      const workerCpu = cpuSeconds(server.pid) - workerBefore;
      const databaseCpu = cpuUsedBetween(databaseBefore, await probe.serverCpu());
      const events = Math.max(1, backlog);
      return { events: backlog, seconds, workerCpuMicros: (workerCpu * 1e6) / events, databaseCpuMicros: (databaseCpu * 1e6) / events, drained };
    } finally {
      await server.kill('SIGTERM');
      await probe.close();
    }
  } finally {
    await database.drop();
  }
}

/** The middle value; of an even count, the mean of the two middle ones. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
const int = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { db: { type: 'string', default: process.env.BENCH_DB ?? 'both' }, sources: { type: 'string', default: 'track,batch' } },
  });
  const dialects = (values.db === 'both' ? ['sqlite', 'postgres'] : [values.db]) as BenchDialect[];
  const sources = values.sources.split(',') as Source[];
  const loadAtStart = loadavg().map((n) => n.toFixed(2)).join(' / ');
  await ensureServerBuild();
  const results = new Map<string, Cost[]>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const dialect of dialects) {
      for (const source of sources) {
        process.stderr.write(`round ${round}/${ROUNDS}: ${dialect}, ${int(EVENTS)} events from /v1/${source} (load average ${loadavg()[0]!.toFixed(2)})\n`);
        const key = `${dialect} ${source}`;
        results.set(key, [...(results.get(key) ?? []), await measure(dialect, source)]);
      }
    }
  }
  const lines = [
    `Processing cost by source, \`npx tsx bench/processing-cost.ts\`, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ` +
      `${int(EVENTS)} events per run, ${ROUNDS} rounds (medians); load average ${loadAtStart} at the start, ${loadavg().map((n) => n.toFixed(2)).join(' / ')} at the end.`,
    '',
    '| database | events came in | events/s (drain) | worker CPU µs per event | database server CPU µs per event | total CPU µs per event | runs: total CPU µs per event |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const [key, runs] of results) {
    const [dialect, source] = key.split(' ') as [BenchDialect, Source];
    const total = runs.map((run) => run.workerCpuMicros + run.databaseCpuMicros);
    lines.push(
      `| ${dialect === 'sqlite' ? 'SQLite FULL' : 'PostgreSQL'} | ${source === 'track' ? '`/v1/track`, one per request' : `\`/v1/batch\` of ${BATCH_SIZE}`} | ${int(median(runs.map((run) => run.events / run.seconds)))}${runs.every((run) => run.drained) ? '' : ' (time limit)'} | ` +
        `${median(runs.map((run) => run.workerCpuMicros)).toFixed(1)} | ${dialect === 'sqlite' ? '(in the worker)' : median(runs.map((run) => run.databaseCpuMicros)).toFixed(1)} | ${median(total).toFixed(1)} | ${total.map((n) => n.toFixed(1)).join(', ')} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
