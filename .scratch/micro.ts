import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/index.ts';
import { ClickRecorder } from '../src/links/index.ts';
const dir = mkdtempSync(join(tmpdir(), 'micro-'));
const config = loadConfig({ DATA_DIR: dir, SQLITE_SYNCHRONOUS: process.env.SYNC ?? 'FULL' });
const db = await openDatabase(config);
await migrateToLatest(db);
const rec = new ClickRecorder(db);
const click = (i: number) => ({ workspaceId: 'ws', code: 'ADA10', collaboratorId: 1, programId: 1, valid: true, referrer: undefined, userAgent: 'autocannon', address: '127.0.0.1', at: Date.now() });
for (let round = 0; round < 4; round++) {
  const N = 64 * 300;
  const start = process.cpuUsage(); const t = Date.now();
  for (let i = 0; i < N; i += 64) await Promise.all(Array.from({ length: 64 }, (_, j) => rec.record(click(i + j))));
  const u = process.cpuUsage(start);
  console.log(((u.user + u.system) / N).toFixed(1), 'µs CPU/click', (N / ((Date.now() - t) / 1000)).toFixed(0), 'clicks/s');
}
await db.close();
