/**
 * `npx tsx bench/hot-paths.ts`: CPU cost per event of the ingest and processing hot paths, in
 * one process on a temporary SQLite file (synchronous=NORMAL, so the disk is out of the picture).
 * On a shared machine these CPU-time figures move far less than requests per second do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/index.ts';
import { InboxWriter, type InboxEntry } from '../src/inbox/index.ts';
import { validateSegmentMessage } from '../src/ingest/segment-message.ts';
import { newId } from '../src/lib/ids.ts';
import { InboxWorker } from '../src/pipeline/inbox-worker.ts';
import { RateLimits } from '../src/rate-limits/index.ts';
import { trackBody } from './load.ts';

const BATCHES = Number(process.env.HOT_BATCHES ?? 300);
const BATCH_SIZE = 100;

/** CPU microseconds per unit spent by `work`. */
async function cpuPer(units: number, work: () => Promise<void> | void): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / units;
}

function report(name: string, micros: number): void {
  process.stdout.write(`${name.padEnd(44)} ${micros.toFixed(2).padStart(8)} µs CPU/event  (${Math.round(1e6 / micros).toLocaleString('en')} events per CPU-second)\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'tributary-hot-'));
try {
  const config = loadConfig({ DATA_DIR: dir, SQLITE_SYNCHRONOUS: 'NORMAL', WORKERS: 'false' });
  const db = await openDatabase(config);
  await migrateToLatest(db);
  const messages = Array.from({ length: BATCH_SIZE }, (_, i) => trackBody(`-${i}`));

  report('newId()', await cpuPer(100_000, () => { for (let i = 0; i < 100_000; i++) newId(); }));
  report('validateSegmentMessage (track)', await cpuPer(100_000, () => {
    for (let i = 0; i < 1000; i++) for (const m of messages) validateSegmentMessage(m, undefined);
  }));
  const batchText = JSON.stringify({ batch: messages });
  report('JSON.parse of a ×100 batch body', await cpuPer(100_000, () => { for (let i = 0; i < 1000; i++) JSON.parse(batchText); }));

  // Limits on (and never reached), limits of the workspace cached: what every keyed request pays.
  const rateLimits = new RateLimits(db, { ...config, rateLimitWriteKeyPerSecond: 100_000, rateLimitWriteKeyBurst: 1_000_000 }, Date.now, () => {});
  const principals = Array.from({ length: 1000 }, (_, i) => ({ kind: 'write_key' as const, keyId: `wk_${i}`, workspaceId: 'ws_bench' }));
  await rateLimits.limiter.admit(principals[0]!);
  report('rate limit check of a request (1,000 keys)', await cpuPer(100_000, () => {
    for (let i = 0; i < 100_000; i++) rateLimits.limiter.admit(principals[i % 1000]!);
  }));

  const writer = new InboxWriter(db);
  let sequence = 0;
  const entries = (): InboxEntry[] =>
    messages.map((m) => {
      sequence += 1;
      return {
        workspaceId: 'ws_bench', api: 'segment', dedupeKey: `msg:${sequence}`, bodyHash: null,
        payload: JSON.stringify({ ...m, messageId: String(sequence) }), receivedAt: Date.now(),
        credentialId: 'write_key:bench', clientIp: '127.0.0.1',
      };
    });
  const prepared = Array.from({ length: BATCHES }, entries);
  report('inbox append, one ×100 request per flush', await cpuPer(BATCHES * BATCH_SIZE, async () => {
    for (const batch of prepared) await writer.append(batch);
  }));
  const singles = Array.from({ length: BATCHES }, entries).flat();
  report('inbox append, 64 single-event requests/flush', await cpuPer(singles.length, async () => {
    for (let i = 0; i < singles.length; i += 64) await Promise.all(singles.slice(i, i + 64).map((e) => writer.append([e])));
  }));

  const worker = new InboxWorker(db, { ...config, workerBatchSize: 500 }, [], pino({ level: 'silent' }));
  const total = BATCHES * BATCH_SIZE * 2;
  report('processing (claim, normalize, insert, mark)', await cpuPer(total, async () => {
    while ((await worker.runOnce()) > 0);
  }));
  await writer.close();
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
