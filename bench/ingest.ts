/**
 * `npm run bench`: ingest throughput of Tributary against bare Fastify measured in the same run
 * (the ceiling), and how fast workers drain the inbox into canonical events. Servers run as child
 * processes so autocannon, here, never shares their event loop. Writes bench/results.md.
 *
 * Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (64),
 * BENCH_PROFILE=1 writes a --cpu-prof profile of each Tributary process to $TMPDIR/tributary-profiles/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';
import { measure, trackBody, type LoadMeasurement } from './load.ts';
import { measureDrain, type DrainMeasurement } from './drain.ts';
import { renderResults, type ResultRow } from './report.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const BATCH_SIZE = 100;
const PROFILE = process.env.BENCH_PROFILE === '1';

const TRACK_BODY = JSON.stringify(trackBody());
const BATCH_BODY = JSON.stringify({ batch: Array.from({ length: BATCH_SIZE }, (_, i) => trackBody(`-${i}`)) });

type Synchronous = 'FULL' | 'NORMAL';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Warm-up (JIT, SQLite page cache, connection set-up), then the measured run. */
async function run(server: ProcessServer, path: string, headers: Record<string, string>, body: string, eventsPerRequest: number) {
  const spec = { url: `${server.url}${path}`, headers, body, eventsPerRequest, connections: CONNECTIONS };
  await measure({ ...spec, seconds: WARMUP_SECONDS });
  const result = await measure({ ...spec, seconds: SECONDS });
  // A few timeouts on a starved machine are reported in the table; more means the run is broken.
  if (result.failures > result.answered / 100) {
    throw new Error(`${path}: ${result.failures} of ${result.answered + result.failures} requests failed; server output:\n${server.output()}`);
  }
  return { ...result, peakRssBytes: server.memory().peakRss };
}

async function bare(): Promise<LoadMeasurement & { peakRssBytes: number }> {
  const server = await spawnServer({ args: [join(HERE, 'bare-server.ts')] });
  try {
    return await run(server, '/v1/track', {}, TRACK_BODY, 1);
  } finally {
    await server.kill('SIGTERM');
  }
}

function tributaryEnv(dataDir: string, synchronous: Synchronous, workers: boolean): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    SQLITE_SYNCHRONOUS: synchronous,
    WORKERS: String(workers),
    TRIBUTARY_ADMIN_TOKEN: 'trb_op_bench_operator_token_0123456789',
  };
}

function profileFlags(name: string): string[] {
  return PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'tributary-profiles', name)}`] : [];
}

/**
 * Tributary ingesting with its workers off (an API-only node), so the row measures the ingest path
 * alone; processing is measured on its own, below, from the backlog this run leaves.
 */
async function tributary(kind: 'track' | 'batch', synchronous: Synchronous, dataDir: string) {
  const server = await spawnServer({
    env: tributaryEnv(dataDir, synchronous, false),
    nodeFlags: profileFlags(`ingest-${kind}-${synchronous}`),
  });
  try {
    const writeKey = server.firstStart?.writeKey;
    if (!writeKey) throw new Error(`no write key printed:\n${server.output()}`);
    const auth = { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` };
    return kind === 'track'
      ? await run(server, '/v1/track', auth, TRACK_BODY, 1)
      : await run(server, '/v1/batch', auth, BATCH_BODY, BATCH_SIZE);
  } finally {
    await server.kill('SIGTERM');
  }
}

/** Starts a worker process on the backlog in `dataDir` and times the drain. */
async function processing(dataDir: string, synchronous: Synchronous): Promise<DrainMeasurement & { peakRssBytes: number }> {
  const server = await spawnServer({ env: tributaryEnv(dataDir, synchronous, true), nodeFlags: profileFlags(`process-${synchronous}`) });
  try {
    const drained = await measureDrain(join(dataDir, 'tributary.sqlite'), { maxSeconds: 2 * SECONDS });
    return { ...drained, peakRssBytes: server.memory().peakRss };
  } finally {
    await server.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const rows: ResultRow[] = [];
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-'));
    dirs.push(dir);
    return dir;
  };
  try {
    log(`ceiling: bare Fastify, ${CONNECTIONS} connections, ${SECONDS} s`);
    const ceilingBefore = await bare();
    rows.push({ name: 'bare Fastify POST /v1/track (ceiling, start)', eventsPerRequest: 1, ...ceilingBefore });

    for (const synchronous of ['FULL', 'NORMAL'] as const) {
      log(`Tributary /v1/track, synchronous=${synchronous}`);
      rows.push({ name: `Tributary /v1/track, ${synchronous}`, eventsPerRequest: 1, ...(await tributary('track', synchronous, freshDir())) });
    }
    let drain: (DrainMeasurement & { peakRssBytes: number }) | undefined;
    for (const synchronous of ['FULL', 'NORMAL'] as const) {
      log(`Tributary /v1/batch (${BATCH_SIZE} events), synchronous=${synchronous}`);
      const dir = freshDir();
      rows.push({
        name: `Tributary /v1/batch ×${BATCH_SIZE}, ${synchronous}`,
        eventsPerRequest: BATCH_SIZE,
        ...(await tributary('batch', synchronous, dir)),
      });
      if (synchronous === 'FULL') {
        log('processing: workers draining the /v1/batch backlog, synchronous=FULL');
        drain = await processing(dir, synchronous);
      }
      rmSync(dir, { recursive: true, force: true });
    }

    log('ceiling again, to see how much the machine drifted during the run');
    const ceilingAfter = await bare();
    rows.push({ name: 'bare Fastify POST /v1/track (ceiling, end)', eventsPerRequest: 1, ...ceilingAfter });

    const markdown = renderResults({
      rows,
      drain,
      ceiling: (ceilingBefore.requestsPerSecond + ceilingAfter.requestsPerSecond) / 2,
      settings: { seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS, batchSize: BATCH_SIZE },
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' / ')}`,
    });
    writeFileSync(join(HERE, 'results.md'), markdown);
    process.stdout.write(markdown);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
