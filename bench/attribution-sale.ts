/**
 * `npm run bench:attribution`: the standard sale flow end to end (HTTP `POST /event/sale`, waiting
 * for the flow: transaction, conversion, obligation, approval) against single-event ingest
 * (`/v1/track`) measured in the same run on the same machine, as the issue asks: sales/s as a
 * ratio of single-event ingest, target ≥ 25 %.
 *
 * Each sale names its own opportunity (`trackingId`) with a live engagement, so every request
 * does the whole award: opportunities are prepared before the run, straight in the database.
 * Prints a markdown report and writes bench/attribution-results.md.
 * Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_SYNCHRONOUS (FULL).
 * BENCH_PROFILE=1 writes a --cpu-prof profile of the server to $TMPDIR/tributary-profiles/attribution/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';
import { drainBacklog, prepareOpportunities } from './attribution-setup.ts';
import { measure, trackBody } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SYNCHRONOUS = process.env.BENCH_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL';
const OPERATOR = 'trb_op_bench_operator_token_0123456789';
/** Enough opportunities that no sale runs out of one: far above what one core can award in the run. */
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 40_000);
const PROFILE = process.env.BENCH_PROFILE === '1';
const HERE = dirname(fileURLToPath(import.meta.url));

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function apiKey(server: ProcessServer, workspaceId: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/workspaces/${workspaceId}/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'bench', scopes: ['events:write'] }),
  });
  return ((await res.json()) as { key: string }).key;
}

/** Sales at CONNECTIONS connections; each request a new order on the next prepared opportunity. */
async function sales(server: ProcessServer, key: string, firstOpportunity: number, seconds: number, offset: number) {
  let next = offset;
  const result = await autocannon({
    url: `${server.url}/event/sale`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        setupRequest: (request) => {
          next += 1;
          const body = JSON.stringify({ source: 'bench', externalId: `order-${next}`, total: 49.99, trackingId: firstOpportunity + (next % OPPORTUNITIES) });
          return { ...request, body };
        },
      },
    ],
  });
  return { perSecond: result['2xx'] / result.duration, failures: result.non2xx + result.errors, p50: result.latency.p50, p99: result.latency.p99, sent: next - offset };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-attr-'));
  const env = { DATA_DIR: dir, SQLITE_SYNCHRONOUS: SYNCHRONOUS, TRIBUTARY_ADMIN_TOKEN: OPERATOR };
  const nodeFlags = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'tributary-profiles', 'attribution')}`] : [];
  const server = await spawnServer({ env, nodeFlags });
  try {
    const start = server.firstStart;
    if (!start) throw new Error(`no first-start credentials:\n${server.output()}`);
    log(`single-event ingest: /v1/track, ${CONNECTIONS} connections, ${SECONDS} s`);
    const auth = { authorization: `Basic ${Buffer.from(`${start.writeKey}:`).toString('base64')}` };
    const spec = { url: `${server.url}/v1/track`, headers: auth, body: JSON.stringify(trackBody()), eventsPerRequest: 1, connections: CONNECTIONS };
    await measure({ ...spec, seconds: 2 });
    const track = await measure({ ...spec, seconds: SECONDS });
    const file = join(dir, 'tributary.sqlite');
    const drained = await drainBacklog(file);
    log(`track backlog processed after ${drained.toFixed(1)} s`);
    log(`preparing ${OPPORTUNITIES} opportunities`);
    const first = prepareOpportunities(file, start.workspaceId, OPPORTUNITIES);
    const key = await apiKey(server, start.workspaceId);
    log(`standard sale flow: POST /event/sale (waits for the obligation), ${CONNECTIONS} connections, ${SECONDS} s`);
    const warm = await sales(server, key, first, 2, 0);
    const sale = await sales(server, key, first, SECONDS, warm.sent);
    const ratio = sale.perSecond / track.eventsPerSecond;
    const lines = [
      '# Attribution benchmark',
      '',
      `Measured ${new Date().toISOString()} by \`npm run bench:attribution\` on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ` +
        `load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' / ')}.`,
      `autocannon, ${CONNECTIONS} connections, 2 s warm-up then ${SECONDS} s per row; Tributary in its own process on SQLite (WAL, synchronous=${SYNCHRONOUS}) with its workers on. ` +
        `The sale run started once the track run's events were processed (${drained.toFixed(1)} s after it) and ${OPPORTUNITIES} opportunities were prepared.`,
      'The machine is shared, so absolute numbers move between runs; the ratio is what to compare.',
      '',
      `| Run | per second | p50 ms | p99 ms | failures |`,
      `| --- | ---: | ---: | ---: | ---: |`,
      `| /v1/track (single-event ingest) | ${track.eventsPerSecond.toFixed(0)} | ${track.p50Ms} | ${track.p99Ms} | ${track.failures} |`,
      `| /event/sale (HTTP → obligation) | ${sale.perSecond.toFixed(0)} | ${sale.p50} | ${sale.p99} | ${sale.failures} |`,
      '',
      `Sales per second are ${(ratio * 100).toFixed(1)} % of single-event ingest (target ≥ 25 %: **${ratio >= 0.25 ? 'met' : 'missed'}**).`,
      '',
    ];
    const markdown = lines.join('\n');
    writeFileSync(join(HERE, 'attribution-results.md'), markdown);
    process.stdout.write(markdown);
  } finally {
    await server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
