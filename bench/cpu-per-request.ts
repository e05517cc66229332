/**
 * `npm run bench:cpu -- <variant> …`: server CPU time per request (and per event) for each variant,
 * in interleaved rounds, with medians. On a shared machine with steal time, requests per second of
 * one run move by ±50 %; CPU time per request moves far less, and interleaving A and B in every
 * round spreads whatever noise is left over both. This is the tool for A/B tests of a change.
 *
 * A variant is `bare` (Fastify answering /v1/track with no work, the ingest ceiling) or
 * `<track|batch>[:FULL|NORMAL][+NAME=value…][@<checkout>]`: Tributary's /v1/track or /v1/batch
 * (100 events) with workers off, at that SQLite synchronous level (FULL by default), with extra
 * settings (`+METRICS=off`), run from this checkout or from another one (a `git worktree` of the
 * commit to compare against, with node_modules linked).
 *
 *   npm run bench:cpu -- bare track track@../base batch batch@../base
 *   npm run bench:cpu -- track track+METRICS=off        # what measuring requests costs
 *
 * BENCH_DATABASE_URL runs the Tributary variants on PostgreSQL, each measurement in a fresh schema
 * (dropped after it).
 *
 * Settings: BENCH_ROUNDS (3), BENCH_SECONDS per measurement (5), BENCH_CONNECTIONS (64),
 * BENCH_PROFILE=1 writes --cpu-prof profiles to $TMPDIR/tributary-profiles/cpu-<variant>/, BENCH_NODE_FLAGS adds node
 * flags to the servers (e.g. `--max-semi-space-size=8`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';
import { measure, trackBody } from './load.ts';
import { POSTGRES_URL, postgresBackend } from './postgres-backend.ts';
import { cpuSeconds } from './process-cpu.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const PROFILE = process.env.BENCH_PROFILE === '1';
const BATCH_SIZE = 100;
const TRACK_BODY = JSON.stringify(trackBody());
const BATCH_BODY = JSON.stringify({ batch: Array.from({ length: BATCH_SIZE }, (_, i) => trackBody(`-${i}`)) });

interface Variant {
  name: string;
  kind: 'bare' | 'track' | 'batch';
  synchronous: 'FULL' | 'NORMAL';
  checkout: string | undefined;
  env: Record<string, string>;
}

function parseVariant(name: string): Variant {
  const match = /^(bare|track|batch)(?::(FULL|NORMAL))?((?:\+[A-Z_]+=[^+@]*)*)(?:@(.+))?$/.exec(name);
  if (!match) throw new Error(`not a variant: ${name} (bare, track[:FULL|NORMAL][+NAME=value…][@checkout], batch[…])`);
  const env = Object.fromEntries((match[3] ?? '').split('+').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
  return { name, kind: match[1] as Variant['kind'], synchronous: (match[2] as Variant['synchronous']) ?? 'FULL', checkout: match[4] && resolve(match[4]), env };
}

async function start(variant: Variant, dataDir: string): Promise<ProcessServer> {
  const nodeFlags = [
    ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'tributary-profiles', `cpu-${variant.name.replace(/[^\w.-]/g, '_')}`)}`] : []),
    ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
  ];
  if (variant.kind === 'bare') return spawnServer({ args: [join(import.meta.dirname, 'bare-server.ts')], nodeFlags });
  return spawnServer({
    ...(variant.checkout ? { args: [join(variant.checkout, 'src', 'main.ts'), 'serve'] } : {}),
    nodeFlags,
    env: { DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: variant.synchronous, WORKERS: 'false', TRIBUTARY_ADMIN_TOKEN: 'trb_op_bench_operator_token_0123456789', ...variant.env },
  });
}

async function measureOnce(variant: Variant): Promise<{ eventsPerSecond: number; cpuMicrosPerEvent: number; p99Ms: number; peakRss: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-cpu-'));
  const postgres = POSTGRES_URL && variant.kind !== 'bare' ? await postgresBackend(POSTGRES_URL) : undefined;
  const server = await start(postgres ? { ...variant, env: { ...postgres.env, ...variant.env } } : variant, dataDir);
  try {
    const writeKey = server.firstStart?.writeKey;
    const headers: Record<string, string> = writeKey ? { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` } : {};
    const batch = variant.kind === 'batch';
    const spec = { url: `${server.url}/v1/${batch ? 'batch' : 'track'}`, headers, body: batch ? BATCH_BODY : TRACK_BODY, eventsPerRequest: batch ? BATCH_SIZE : 1, connections: CONNECTIONS };
    await measure({ ...spec, seconds: 2 });
    const before = cpuSeconds(server.pid);
    const result = await measure({ ...spec, seconds: SECONDS });
    const events = result.eventsPerSecond * SECONDS;
    return { eventsPerSecond: result.eventsPerSecond, cpuMicrosPerEvent: ((cpuSeconds(server.pid) - before) * 1e6) / Math.max(1, events), p99Ms: result.p99Ms, peakRss: server.memory().peakRss };
  } finally {
    await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const variants = process.argv.slice(2).map(parseVariant);
  if (variants.length === 0) throw new Error('name at least one variant, e.g. bare track batch');
  const results = new Map(variants.map((variant) => [variant.name, { rate: [] as number[], cpu: [] as number[], p99: [] as number[], rss: [] as number[] }]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of variants) {
      process.stderr.write(`round ${round}/${ROUNDS}: ${variant.name}\n`);
      const { eventsPerSecond, cpuMicrosPerEvent, p99Ms, peakRss } = await measureOnce(variant);
      const entry = results.get(variant.name)!;
      entry.rate.push(eventsPerSecond);
      entry.cpu.push(cpuMicrosPerEvent);
      entry.p99.push(p99Ms);
      entry.rss.push(peakRss);
    }
  }
  const first = results.get(variants[0]!.name)!;
  const lines = [
    `| variant | events/s (median) | ratio to ${variants[0]!.name} | CPU µs per event (median) | runs: CPU µs per event | p99 ms (median) | peak RSS MB (max) |`,
    '| --- | ---: | ---: | ---: | --- | ---: | ---: |',
  ];
  for (const [name, entry] of results) {
    lines.push(
      `| ${name} | ${Math.round(median(entry.rate)).toLocaleString('en-US')} | ${(median(entry.rate) / median(first.rate)).toFixed(2)} | ${median(entry.cpu).toFixed(1)} | ${entry.cpu.map((n) => n.toFixed(1)).join(', ')} | ${median(entry.p99)} | ${Math.round(Math.max(...entry.rss) / 2 ** 20)} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
