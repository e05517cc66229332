/**
 * `npm run bench:forwarding`: what forwarding costs, as ratios to the plain pipeline measured in
 * the same run. Three runs, each on a fresh Tributary server process (SQLite) and a receiver
 * process answering 204 (bench/forwarding-receiver.ts), loopback only:
 *
 * 1. plain pipeline: N events sent through /v1/batch, no rules; events/s from the first ingest
 *    request until the last canonical event exists;
 * 2. forwarding: the same with one webhook destination (batch_size 1, FORWARD_CONCURRENCY 64) and a
 *    rule for every event; events/s from the first ingest request until the receiver has all N
 *    (or, if some deliveries failed, until none is left queued: they are reported, not waited for);
 * 3. the same with a trivial transformation on the rule;
 * 4. and 5. runs 2 and 3 with a batching destination (batch_size BENCH_BATCH_SIZE, 100): one POST
 *    carries up to that many events as a JSON array;
 * 6. a PostgreSQL warehouse destination (batches of 500, one transaction each) loading into a fresh
 *    schema of BENCH_WAREHOUSE_URL (the local test database), until every delivery is delivered;
 * 7. a NATS JetStream destination (batches of 100, every publish acknowledged) into a fresh stream
 *    on BENCH_NATS_URL (the local server), likewise.
 *
 * Prints a markdown table and writes bench/forwarding-results.md. Targets (issue 4): (2)/(1) ≥ 0.7
 * (forwarding costs at most 30 %), (3)/(2) ≥ 0.8 (a trivial transformation at most 20 % more);
 * the same ratios are printed for the batching destination, (4)/(1) and (5)/(4); issue 19:
 * warehouse (6)/(1) ≥ 0.6, NATS (7)/(1) ≥ 0.7.
 *
 * Settings: BENCH_EVENTS (20000), BENCH_MAX_SECONDS per run (30), BENCH_CONCURRENCY (64),
 * BENCH_PROFILE=1 writes a --cpu-prof profile of each server to $TMPDIR/tributary-profiles/,
 * BENCH_NODE_FLAGS adds node flags to the servers (e.g. `--import ./sql-timing.mjs` for an ad-hoc probe),
 * SQLITE_SYNCHRONOUS is passed on to the servers (FULL, the default, or NORMAL), and so is TRANSFORM_PROCESSES,
 * BENCH_RUNS (e.g. `pipeline,warehouse,nats`) runs only some: the table then shows those and the
 * targets whose runs are there, and bench/forwarding-results.md is written only by a full run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { connect as natsConnect } from 'nats';
import pg from 'pg';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const PROFILE = process.env.BENCH_PROFILE === '1';
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 100);
/** Events per /v1/batch request, and how many such requests are in flight at once. */
const INGEST_BATCH = 100;
const INGEST_PARALLEL = 4;
const OPERATOR = 'trb_op_bench_operator_token_0123456789';
const TRIVIAL = 'function transform(e){ e.properties = e.properties || {}; e.properties.x = 1; return e; }';

const WAREHOUSE_URL = process.env.BENCH_WAREHOUSE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';

type Mode = 'pipeline' | 'forwarding' | 'transformation' | 'batched' | 'batched-transformation' | 'warehouse' | 'nats';
const MODES: readonly Mode[] = ['pipeline', 'forwarding', 'transformation', 'batched', 'batched-transformation', 'warehouse', 'nats'];
/** Runs whose peer is not the receiver: they end when every delivery is delivered (or settled). */
const PEER_MODES: readonly Mode[] = ['warehouse', 'nats'];

/** A fresh warehouse schema or JetStream stream for one run, and how to remove it. */
async function preparePeer(mode: Mode, run: string): Promise<{ type: string; config: Record<string, unknown>; batchSize: number; remove(): Promise<void> }> {
  if (mode === 'warehouse') {
    const schema = `bench_${run}`;
    return {
      type: 'postgres',
      config: { connection_string: WAREHOUSE_URL, schema },
      batchSize: 500,
      async remove() {
        const client = new pg.Client({ connectionString: WAREHOUSE_URL });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      },
    };
  }
  const nc = await natsConnect({ servers: NATS_URL });
  const manager = await nc.jetstreamManager();
  const stream = `bench_${run}`;
  await manager.streams.add({ name: stream, subjects: [`${stream}.events`] });
  return {
    type: 'nats',
    config: { servers: [NATS_URL], subject: `${stream}.events` },
    batchSize: 100,
    async remove() {
      await manager.streams.delete(stream).catch(() => {});
      await nc.close();
    },
  };
}

interface RunResult {
  mode: Mode;
  /** Events that reached the end of the run (canonical events, or events the receiver got). */
  done: number;
  seconds: number;
  eventsPerSecond: number;
  finished: boolean;
  /** Seconds until the pipeline had made every canonical event (all modes). */
  pipelineSeconds: number | undefined;
  requests: number;
  /** Deliveries not delivered at the end of the run, by status: final ones, and also queued ones after a time limit. */
  undelivered: Record<string, number>;
  /** The last error of an undelivered delivery, to say why. */
  lastError: string | null;
  peakRssBytes: number;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, deadline: number, pollMs = 50): Promise<T | undefined> {
  for (;;) {
    const value = await probe();
    if (value !== undefined || performance.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function startReceiver(): Promise<{ url: string; stats(): Promise<{ events: number; requests: number }>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'forwarding-receiver.ts')], {
    cwd: join(HERE, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`receiver exited before listening: ${output}`)));
  });
  return {
    url: `${base}/hook`,
    async stats() {
      return (await (await fetch(`${base}/stats`)).json()) as { events: number; requests: number };
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function api(server: ProcessServer, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/api/v1/workspaces/${server.firstStart!.workspaceId}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** One destination pointing at the receiver, a rule for every event, and the transformation if asked. */
async function wire(server: ProcessServer, receiverUrl: string, batchSize: number, withTransformation: boolean): Promise<void> {
  const destination = await api(server, '/destinations', { name: 'bench receiver', url: receiverUrl, batch_size: batchSize });
  let transformationId: string | null = null;
  if (withTransformation) {
    const transformation = await api(server, '/event-transformations', {
      name: 'trivial',
      source_code: TRIVIAL,
      test_input: { type: 'track', event: 'bench', properties: {} },
      test_output: { type: 'track', event: 'bench', properties: { x: 1 } },
    });
    if (transformation.status !== 'active') throw new Error(`the transformation is not active: ${JSON.stringify(transformation)}`);
    transformationId = transformation.id as string;
  }
  await api(server, '/event-forwarding-rules', {
    name: 'everything to the bench receiver',
    destination_id: destination.id,
    event_types: [],
    event_names: [],
    transformation_id: transformationId,
    enabled: true,
  });
}

/** Sends EVENTS track events through /v1/batch, INGEST_PARALLEL requests at a time. */
async function ingest(server: ProcessServer, run: string): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${server.firstStart!.writeKey}:`).toString('base64')}`;
  let next = 0;
  const sender = async () => {
    while (next < EVENTS) {
      const start = next;
      next += INGEST_BATCH;
      const batch = [];
      for (let i = start; i < Math.min(start + INGEST_BATCH, EVENTS); i++) {
        batch.push({ type: 'track', event: 'Order Completed', userId: `user-${i % 500}`, messageId: `${run}-${i}`, properties: { total: 4999, currency: 'EUR', n: i } });
      }
      const response = await fetch(`${server.url}/v1/batch`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ batch }),
      });
      if (response.status !== 200) throw new Error(`/v1/batch answered ${response.status}: ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: INGEST_PARALLEL }, sender));
}

async function measure(mode: Mode): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tributary-fwd-bench-'));
  const receiver = await startReceiver();
  const run = `${process.pid}_${Date.now().toString(36)}`;
  const peer = PEER_MODES.includes(mode) ? await preparePeer(mode, run) : undefined;
  let server: ProcessServer | undefined;
  try {
    server = await spawnServer({
      env: {
        DATA_DIR: dataDir,
        TRIBUTARY_ADMIN_TOKEN: OPERATOR,
        FORWARD_ALLOW_PRIVATE_TARGETS: 'true',
        FORWARD_CONCURRENCY: String(CONCURRENCY),
        ...(process.env.SQLITE_SYNCHRONOUS ? { SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS } : {}),
        ...(process.env.TRANSFORM_PROCESSES ? { TRANSFORM_PROCESSES: process.env.TRANSFORM_PROCESSES } : {}),
      },
      nodeFlags: [
        ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'tributary-profiles', `forwarding-${mode}`)}`] : []),
        ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      ],
    });
    if (!server.firstStart) throw new Error(`no first-start credentials printed:\n${server.output()}`);
    if (peer) {
      const destination = await api(server, '/destinations', { name: `bench ${peer.type}`, type: peer.type, config: peer.config, batch_size: peer.batchSize });
      await api(server, '/event-forwarding-rules', { name: `everything to ${peer.type}`, destination_id: destination.id, event_types: [], event_names: [], enabled: true });
    } else if (mode !== 'pipeline') {
      await wire(server, receiver.url, mode.startsWith('batched') ? BATCH_SIZE : 1, mode.endsWith('transformation'));
    }
    const db = new SQLite(join(dataDir, 'tributary.sqlite'), { readonly: true });
    try {
      // Events are only appended, so max(rowid) counts them without a scan.
      const canonical = db.prepare('select coalesce(max(rowid), 0) as n from events').pluck();
      // Every delivery written and none left queued: the ones the receiver lacks failed for good.
      const settled = db
        .prepare('select (select coalesce(max(rowid), 0) from deliveries) >= ? and not exists (select 1 from deliveries where available_at is not null)')
        .pluck();
      const started = performance.now();
      const deadline = started + MAX_SECONDS * 1000;
      let pipelineSeconds: number | undefined;
      const pipelineDone = () => {
        if (pipelineSeconds === undefined && (canonical.get() as number) >= EVENTS) pipelineSeconds = (performance.now() - started) / 1000;
        return pipelineSeconds;
      };
      const delivered = db.prepare("select count(*) from deliveries where status = 'delivered'").pluck();
      await ingest(server, mode);
      const end =
        mode === 'pipeline'
          ? async () => pipelineDone() !== undefined ? EVENTS : undefined
          : peer
            ? async () => {
                pipelineDone();
                const count = delivered.get() as number;
                return count >= EVENTS || settled.get(EVENTS) === 1 ? count : undefined;
              }
            : async () => {
              pipelineDone();
              const { events } = await receiver.stats();
              if (events >= EVENTS) return events;
              return settled.get(EVENTS) === 1 ? events : undefined;
            };
      const finishedWith = await until(end, deadline);
      const seconds = (performance.now() - started) / 1000;
      if (finishedWith === undefined) log(`  time limit reached; the server said:\n${server.output().slice(-3000)}`);
      const stats = await receiver.stats();
      const done = finishedWith ?? (mode === 'pipeline' ? (canonical.get() as number) : peer ? (delivered.get() as number) : stats.events);
      const undelivered = Object.fromEntries(
        (db.prepare("select status, count(*) as n from deliveries where status <> 'delivered' and (? = 0 or status in ('failed', 'dead', 'dropped')) group by status").all(finishedWith === undefined ? 0 : 1) as { status: string; n: number }[]).map(
          (row) => [row.status, row.n],
        ),
      );
      const lastError = (db.prepare("select last_error from deliveries where last_error is not null order by updated_at desc limit 1").pluck().get() as string | undefined) ?? null;
      return {
        mode,
        done,
        seconds,
        eventsPerSecond: done / seconds,
        finished: finishedWith !== undefined,
        pipelineSeconds,
        requests: peer ? 0 : stats.requests,
        undelivered,
        lastError,
        peakRssBytes: server.memory().peakRss,
      };
    } finally {
      db.close();
    }
  } finally {
    await server?.kill('SIGTERM');
    await receiver.stop();
    await peer?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const LABELS: Record<Mode, string> = {
  pipeline: '(1) plain pipeline: /v1/batch → canonical event',
  forwarding: '(2) + webhook destination (batch_size 1): → receiver 204',
  transformation: '(3) + trivial transformation: → receiver 204',
  batched: `(4) + webhook destination (batch_size ${BATCH_SIZE}): → receiver 204`,
  'batched-transformation': `(5) + trivial transformation, batch_size ${BATCH_SIZE}: → receiver 204`,
  warehouse: '(6) + PostgreSQL warehouse (batches of 500): → rows loaded',
  nats: '(7) + NATS JetStream (batches of 100): → publishes acknowledged',
};

function render(results: Partial<Record<Mode, RunResult>>): string {
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const ratio = (a: Mode, b: Mode) => results[a]!.eventsPerSecond / results[b]!.eventsPerSecond;
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  // Three decimals: a ratio of 0.798 shown as 0.80 next to "missed" would read as a contradiction.
  const target = (what: string, a: Mode, b: Mode, min: number) =>
    results[a] && results[b] ? [`| ${what} | ${ratio(a, b).toFixed(3)} | ${verdict(ratio(a, b) >= min)} |`] : [];
  const rows = MODES.filter((mode) => results[mode]).map((mode) => {
    const r = results[mode]!;
    const missing = Object.entries(r.undelivered).map(([status, n]) => `${int(n)} ${status}`).join(', ');
    return `| ${LABELS[mode]} | ${int(r.done)}${r.finished ? '' : ' (time limit)'}${missing ? ` (not delivered: ${missing})` : ''} | ${r.seconds.toFixed(2)} | ${int(r.eventsPerSecond)} | ${r.pipelineSeconds?.toFixed(2) ?? '—'} | ${int(r.requests)} | ${Math.round(r.peakRssBytes / 1048576)} MB |`;
  });
  return [
    '# Forwarding benchmark',
    '',
    `Measured ${new Date().toISOString()} by \`npm run bench:forwarding\` on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' / ')}.`,
    `${int(EVENTS)} track events per run through \`/v1/batch\` (${INGEST_BATCH} per request, ${INGEST_PARALLEL} in parallel); each run on a fresh Tributary server process (SQLite, default settings, FORWARD_CONCURRENCY=${CONCURRENCY}) and a receiver process answering 204, loopback only; time from the first ingest request to the last event at the end of the run, at most ${MAX_SECONDS} s.`,
    'The machine is shared, so absolute numbers move between runs; the ratios are what to compare. Runs (2) to (5) include the pipeline: one server process makes the canonical events and sends the webhooks, while the receiver and the sandbox processes share the same cores. Every event keeps its own delivery record (claimed, settled, with its attempts) in batches too.',
    '',
    '| run | events | seconds | events/s | pipeline done at (s) | webhook requests | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    '| target | measured | |',
    '| --- | ---: | --- |',
    ...target('forwarding costs ≤ 30 % of pipeline throughput, batch_size 1: (2)/(1) ≥ 0.70', 'forwarding', 'pipeline', 0.7),
    ...target('a trivial transformation costs ≤ 20 % more, batch_size 1: (3)/(2) ≥ 0.80', 'transformation', 'forwarding', 0.8),
    ...target(`forwarding costs ≤ 30 % of pipeline throughput, batch_size ${BATCH_SIZE}: (4)/(1) ≥ 0.70`, 'batched', 'pipeline', 0.7),
    ...target(`a trivial transformation costs ≤ 20 % more, batch_size ${BATCH_SIZE}: (5)/(4) ≥ 0.80`, 'batched-transformation', 'batched', 0.8),
    ...target('a PostgreSQL warehouse (issue 19), batches of 500: (6)/(1) ≥ 0.60', 'warehouse', 'pipeline', 0.6),
    ...target('NATS JetStream (issue 19), batches of 100: (7)/(1) ≥ 0.70', 'nats', 'pipeline', 0.7),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const results: Partial<Record<Mode, RunResult>> = {};
  const only = process.env.BENCH_RUNS?.split(',');
  for (const mode of MODES) {
    if (only && !only.includes(mode)) continue;
    log(`${LABELS[mode]}: ${EVENTS} events`);
    results[mode] = await measure(mode);
    const { eventsPerSecond, seconds, undelivered, lastError } = results[mode]!;
    log(`  ${Math.round(eventsPerSecond)} events/s in ${seconds.toFixed(2)} s${Object.keys(undelivered).length > 0 ? `; not delivered: ${JSON.stringify(undelivered)}, last error: ${lastError}` : ''}`);
  }
  const markdown = render(results);
  if (!only) writeFileSync(join(HERE, 'forwarding-results.md'), markdown);
  process.stdout.write(markdown);
}

await main();
