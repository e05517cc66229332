import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';
const OPERATOR = 'trb_op_bench_operator_token_0123456789';
const ticks = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
async function measure(server: ProcessServer, path: string, s = 4) {
  const t0 = ticks(server.pid);
  const r = await autocannon({ url: server.url + path, connections: 64, duration: s });
  const n = r['2xx'] + r['3xx'];
  return { rps: n / r.duration, cpu: ((ticks(server.pid) - t0) * 1000) / n };
}
async function trib(extra: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'prof-'));
  const server = await spawnServer({ env: { DATA_DIR: dir, TRIBUTARY_ADMIN_TOKEN: OPERATOR, ...extra } });
  const ws = server.firstStart!.workspaceId;
  const admin = async (path: string, body: object) => (await fetch(`${server.url}/api/v1/workspaces/${ws}${path}`, { method: 'POST', headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as any;
  await admin('/programs', { name: 'B', incentive: { type: 'percent', basis_points: 1 }, landing_url: 'https://shop.example.com/' });
  const c = await admin('/collaborators', { name: 'Ada' });
  await admin(`/collaborators/${c.id}/referral-codes`, { code: 'ADA10' });
  await measure(server, '/r/ada10', 1);
  return server;
}
const variants: Array<[string, () => Promise<ProcessServer>, string]> = [
  ['bare', () => spawnServer({ args: ['bench/bare-server.ts'] }), '/r/ADA10'],
  ['healthz', () => trib({}), '/healthz'],
  ['r', () => trib({}), '/r/ada10'],
  ['r-noclick', () => trib({ LINKS_NO_CLICK: '1' }), '/r/ada10'],
  ['r-nowait', () => trib({ LINKS_NO_WAIT: '1' }), '/r/ada10'],
  ['r-normal', () => trib({ SQLITE_SYNCHRONOUS: 'NORMAL' }), '/r/ada10'],
];
const only = process.env.ONLY?.split(',');
const results = new Map<string, number[]>();
for (let round = 0; round < Number(process.env.ROUNDS ?? 2); round++) {
  for (const [name, start, path] of variants) {
    if (only && !only.includes(name)) continue;
    const server = await start();
    const m = await measure(server, path);
    await server.kill('SIGTERM');
    (results.get(name) ?? results.set(name, []).get(name)!).push(m.cpu);
    console.log(round, name.padEnd(10), m.rps.toFixed(0).padStart(6), 'req/s', m.cpu.toFixed(1).padStart(6), 'µs CPU/req');
  }
}
