import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';
const OPERATOR = 'trb_op_bench_operator_token_0123456789';
const ticks = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
async function measure(server: ProcessServer, path: string, s = 5) {
  const t0 = ticks(server.pid);
  const r = await autocannon({ url: server.url + path, connections: 64, duration: s });
  const n = r['2xx'] + r['3xx'];
  const ms = ticks(server.pid) - t0;
  console.log(path.padEnd(12), (n / r.duration).toFixed(0).padStart(6), 'req/s', ((ms * 1000) / n).toFixed(1).padStart(6), 'µs CPU/req');
}
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const server = await spawnServer({ env: { DATA_DIR: dir, TRIBUTARY_ADMIN_TOKEN: OPERATOR, ...(process.env.EXTRA ? JSON.parse(process.env.EXTRA) : {}) }, nodeFlags: process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(tmpdir(), 'links-prof')}`] : [] });
const ws = server.firstStart!.workspaceId;
const admin = async (path: string, body: object) => (await fetch(`${server.url}/api/v1/workspaces/${ws}${path}`, { method: 'POST', headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as any;
await admin('/programs', { name: 'B', incentive: { type: 'percent', basis_points: 1 }, landing_url: 'https://shop.example.com/' });
const c = await admin('/collaborators', { name: 'Ada' });
await admin(`/collaborators/${c.id}/referral-codes`, { code: 'ADA10' });
for (const p of (process.env.PATHS ?? '/r/ada10').split(',')) await measure(server, p, Number(process.env.S ?? 5));
await server.kill('SIGTERM');
