/**
 * `npm run bench:retention`: the p99 of `/v1/track` while retention prunes a large backlog, against
 * the same server, in the same run, while nothing is pruned (issue 16 §3). Writes
 * bench/retention-results.md.
 *
 * A SQLite database gets BENCH_BACKLOG (500,000) canonical events and as many processed inbox
 * rows received 200 days ago, written straight into the file (the ingest path is not what is
 * measured). The workspace first keeps events and inbox rows for ever: the baseline run ingests
 * with the pruner idle. Then its settings go back to the defaults (90 days) through the API, which
 * wakes the pruner, and the same load runs again while it deletes the backlog a batch at a time.
 * The server runs its workers (as `serve` does) in a child process; autocannon runs here.
 *
 * Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (64), BENCH_BACKLOG,
 * and the server's RETENTION_BATCH_SIZE / RETENTION_PAUSE_MS when set in the environment.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';
import { measure, trackBody, type LoadMeasurement } from './load.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 500_000);
const ADMIN = 'trb_op_bench_operator_token_0123456789';
const METRICS = 'bench-metrics-token-0123456789';
const AGE_MS = 200 * 86_400_000;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A UUIDv7 of millisecond `ms`, unique by `n` (the bench's own ids: old, and never repeated). */
function idAt(ms: number, n: number): string {
  const time = ms.toString(16).padStart(12, '0');
  const seq = n.toString(16).padStart(18, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${seq.slice(0, 3)}-8${seq.slice(3, 6)}-${seq.slice(6)}`;
}

/** Writes the old backlog, and settings that keep it, into the database the first start made. */
function seed(dataDir: string, workspaceId: string): void {
  const file = new SQLite(join(dataDir, 'tributary.sqlite'));
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  const event = file.prepare(
    `insert into events (id, workspace_id, inbox_id, api, type, name, user_id, message_id, source, timestamp, original_timestamp, sent_at, received_at, body, created_at)
     values (?, ?, ?, 'segment', 'track', 'Order Completed', 'user-42', ?, 'segment', ?, ?, ?, ?, ?, ?)`,
  );
  const inbox = file.prepare(
    `insert into inbox (id, workspace_id, api, payload, status, received_at, retry_count, retryable, event_id, processed_at)
     values (?, ?, 'segment', ?, 'processed', ?, 0, 0, ?, ?)`,
  );
  const payload = JSON.stringify(trackBody());
  const body = JSON.stringify({ properties: { orderId: 'ORD-456', total: 4999, currency: 'EUR', plan: 'pro' }, context: { library: { name: 'analytics-node', version: '3.1.0' } } });
  const start = Date.now() - AGE_MS;
  const write = file.transaction((from: number, to: number) => {
    for (let n = from; n < to; n += 1) {
      const at = start + Math.floor(n / 10);
      const id = idAt(at, n);
      inbox.run(id, workspaceId, payload, at, id, at);
      event.run(id, workspaceId, id, `m-${n}`, at, at, at, at, body, at);
    }
  });
  for (let from = 0; from < BACKLOG; from += 50_000) write(from, Math.min(BACKLOG, from + 50_000));
  file
    .prepare(`insert into retention_settings (workspace_id, events_days, inbox_days, deliveries_days, violations_days, volume_days, updated_at) values (?, null, null, 30, 30, null, ?)`)
    .run(workspaceId, Date.now());
  file.pragma('wal_checkpoint(TRUNCATE)');
  file.close();
}

async function pruned(server: ProcessServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } })).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('tributary_retention_pruned_rows_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

async function load(server: ProcessServer, writeKey: string, seconds: number): Promise<LoadMeasurement> {
  return measure({
    url: `${server.url}/v1/track`,
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
    body: JSON.stringify(trackBody()),
    eventsPerRequest: 1,
    connections: CONNECTIONS,
    seconds,
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-bench-retention-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, TRIBUTARY_ADMIN_TOKEN: ADMIN, METRICS_TOKEN: METRICS };
  for (const name of ['RETENTION_BATCH_SIZE', 'RETENTION_PAUSE_MS']) if (process.env[name]) env[name] = process.env[name]!;
  try {
    const first = await spawnServer({ env });
    const { workspaceId, writeKey } = first.firstStart!;
    await first.kill('SIGTERM');
    const seedStarted = Date.now();
    seed(dataDir, workspaceId);
    log(`seeded ${BACKLOG.toLocaleString('en-US')} old events and inbox rows in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    const server = await spawnServer({ env });
    try {
      await load(server, writeKey, WARMUP_SECONDS);
      const baseline = await load(server, writeKey, SECONDS);
      log(`baseline: ${Math.round(baseline.requestsPerSecond)} req/s, p99 ${baseline.p99Ms} ms`);

      const before = await pruned(server);
      const put = await fetch(`${server.url}/api/v1/workspaces/${workspaceId}/retention-settings`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events_days: 90, inbox_days: 90, deliveries_days: 30, violations_days: 30, volume_days: null }),
      });
      if (put.status !== 200) throw new Error(`settings answered ${put.status}: ${await put.text()}`);
      const pruning = await load(server, writeKey, SECONDS);
      const during = (await pruned(server)) - before;
      log(`while pruning: ${Math.round(pruning.requestsPerSecond)} req/s, p99 ${pruning.p99Ms} ms, ${during} rows pruned`);

      const batch = env.RETENTION_BATCH_SIZE ?? '250';
      const pause = env.RETENTION_PAUSE_MS ?? '10';
      const row = (name: string, m: LoadMeasurement, rows: string) =>
        `| ${name} | ${Math.round(m.requestsPerSecond).toLocaleString('en-US')} | ${m.p50Ms} | ${m.p99Ms} | ${(m.p99Ms / baseline.p99Ms).toFixed(2)} | ${rows} | ${m.failures} |`;
      const text = [
        '# Retention benchmark',
        '',
        `Measured ${new Date().toISOString()} by \`npm run bench:retention\` on ${cpus().length} CPUs (load average ${loadavg()[0]!.toFixed(1)} at the end).`,
        `SQLite (FULL), workers on, autocannon ${CONNECTIONS} connections on \`/v1/track\`, ${WARMUP_SECONDS} s warm-up then ${SECONDS} s per row;`,
        `a backlog of ${BACKLOG.toLocaleString('en-US')} canonical events and ${BACKLOG.toLocaleString('en-US')} inbox rows received 200 days ago;`,
        `RETENTION_BATCH_SIZE ${batch}, RETENTION_PAUSE_MS ${pause}. The ratio is each p99 to the baseline's, measured on the same server in the same run.`,
        '',
        '| run | req/s | p50 ms | p99 ms | p99 ratio | rows pruned during the run | failed requests |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        row('baseline: nothing to prune', baseline, '0'),
        row('while pruning the backlog', pruning, `${during.toLocaleString('en-US')} (${Math.round(during / SECONDS).toLocaleString('en-US')}/s)`),
        '',
      ].join('\n');
      writeFileSync(join(HERE, 'retention-results.md'), text);
      process.stdout.write(text);
    } finally {
      await server.kill('SIGTERM');
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
