import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/index.ts';
import { prune } from '../src/retention/index.ts';
import { defaultRetention } from '../src/retention/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'tb-'));
const config = loadConfig({ DATA_DIR: dir, SQLITE_SYNCHRONOUS: 'FULL' });
const db = await openDatabase(config);
await migrateToLatest(db);
await db.kysely.insertInto('workspaces').values({ id: 'ws', name: 'ws', slug: 'ws', created_at: 0, updated_at: 0 }).execute();
await db.close();
const file = new SQLite(join(dir, 'tributary.sqlite'));
const ev = file.prepare(`insert into events (id, workspace_id, inbox_id, api, type, name, user_id, message_id, source, timestamp, original_timestamp, sent_at, received_at, body, created_at) values (?, 'ws', ?, 'segment', 'track', 'Order Completed', 'user-42', ?, 'segment', ?, ?, ?, ?, ?, ?)`);
const ib = file.prepare(`insert into inbox (id, workspace_id, api, payload, status, received_at, retry_count, retryable, event_id, processed_at) values (?, 'ws', 'segment', ?, 'processed', ?, 0, 0, ?, ?)`);
const body = JSON.stringify({ properties: { orderId: 'ORD-456', total: 4999, currency: 'EUR', plan: 'pro' }, context: { library: { name: 'analytics-node', version: '3.1.0' } } });
const start = Date.now() - 200 * 86_400_000;
const N = Number(process.env.N ?? 100000);
file.transaction(() => {
  for (let n = 0; n < N; n++) {
    const at = start + Math.floor(n / 10);
    const t = at.toString(16).padStart(12, '0');
    const s = n.toString(16).padStart(18, '0');
    const id = `${t.slice(0, 8)}-${t.slice(8)}-7${s.slice(0, 3)}-8${s.slice(3, 6)}-${s.slice(6)}`;
    ib.run(id, body, at, id, at);
    ev.run(id, id, `m-${n}`, at, at, at, at, body, at);
  }
})();
file.close();
const db2 = await openDatabase(config);
for (const batchSize of [1000, 250]) {
  const times: number[] = [];
  let last = performance.now();
  await prune(db2, {
    now: Date.now(), batchSize, defaults: defaultRetention(30), dedupeWindowMs: 7 * 86_400_000,
    pause: async () => { const t = performance.now(); times.push(t - last); await new Promise((r) => setTimeout(r, 0)); last = performance.now(); },
    stopped: () => times.length >= (N / batchSize),
  });
  times.sort((a, b) => a - b);
  console.log(batchSize, 'batches', times.length, 'median ms', times[times.length >> 1]?.toFixed(1), 'p90', times[Math.floor(times.length * 0.9)]?.toFixed(1), 'max', times.at(-1)?.toFixed(1));
}
await db2.close();
