import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { spawnServer } from '../test/support/process-server.ts';
const OPERATOR = 'trb_op_bench_operator_token_0123456789';
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const profDir = join(tmpdir(), 'links-prof');
const server = await spawnServer({ env: { DATA_DIR: dir, TRIBUTARY_ADMIN_TOKEN: OPERATOR, ...(process.env.EXTRA ? JSON.parse(process.env.EXTRA) : {}) }, nodeFlags: process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [] });
const ws = server.firstStart!.workspaceId;
const admin = async (path: string, body: object) => (await fetch(`${server.url}/api/v1/workspaces/${ws}${path}`, { method: 'POST', headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as any;
await admin('/programs', { name: 'B', incentive: { type: 'percent', basis_points: 1 }, landing_url: 'https://shop.example.com/' });
const c = await admin('/collaborators', { name: 'Ada' });
await admin(`/collaborators/${c.id}/referral-codes`, { code: 'ADA10' });
for (const path of (process.env.PATHS ?? '/healthz,/r/ada10').split(',')) {
  const start = process.cpuUsage();
  const r = await autocannon({ url: server.url + path, connections: 64, duration: Number(process.env.S ?? 6) });
  const n = r['2xx'] + r['3xx'];
  console.log(path, (n / r.duration).toFixed(0), 'req/s', r.errors, 'errors');
}
await server.kill('SIGTERM');
