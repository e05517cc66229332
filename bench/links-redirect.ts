/**
 * `npm run bench:links`: referral-link redirects (`GET /r/{code}`: resolve the code, commit the
 * click with its day count, answer 302) against bare Fastify answering the same 302 with no work,
 * measured in the same run on the same machine, as issue 17 asks: redirects/s as a ratio of bare
 * Fastify's, target ≥ 0.5 (the link is on the shopper's way to the shop).
 *
 * Tributary runs in its own process on SQLite (WAL, synchronous=FULL by default) with its workers
 * on, one program with a landing page and one partner code; every request is a valid click. Both
 * servers stay up and are measured in alternating rounds (bare, Tributary, bare, …), and the
 * ratio is taken of the medians: on a shared machine one run's rate moves by ±50 %, and
 * alternating spreads that noise over both. The clicks counted through the API must equal the
 * 302s autocannon saw. Prints a markdown report and writes bench/links-results.md.
 * Settings: BENCH_ROUNDS (3), BENCH_SECONDS per round (5), BENCH_CONNECTIONS (64), BENCH_SYNCHRONOUS (FULL).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SYNCHRONOUS = process.env.BENCH_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL';
const OPERATOR = 'trb_op_bench_operator_token_0123456789';
const HERE = dirname(fileURLToPath(import.meta.url));

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

interface Redirects {
  perSecond: number;
  redirected: number;
  failures: number;
  p50: number;
  p99: number;
}

async function redirects(url: string, seconds: number): Promise<Redirects> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 30, method: 'GET' });
  // Every answer here is a 302; anything else (or no answer) is a failure.
  const redirected = result['3xx'];
  return {
    perSecond: redirected / result.duration,
    redirected,
    failures: result['1xx'] + result['2xx'] + result['4xx'] + result['5xx'] + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

async function admin(server: ProcessServer, workspaceId: string, path: string, body?: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/api/v1/workspaces/${workspaceId}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Tributary with one program, one partner and the code ADA10; answers the collaborator's click count. */
async function startTributary(dir: string): Promise<{ server: ProcessServer; clicks: () => Promise<number> }> {
  const server = await spawnServer({ env: { DATA_DIR: dir, SQLITE_SYNCHRONOUS: SYNCHRONOUS, TRIBUTARY_ADMIN_TOKEN: OPERATOR } });
  const workspaceId = server.firstStart?.workspaceId;
  if (!workspaceId) throw new Error(`no first start:\n${server.output()}`);
  await admin(server, workspaceId, '/programs', { name: 'Bench', incentive: { type: 'percent', basis_points: 1000 }, landing_url: 'https://shop.example.com/' });
  const collaborator = await admin(server, workspaceId, '/collaborators', { name: 'Ada' });
  await admin(server, workspaceId, `/collaborators/${collaborator.id}/referral-codes`, { code: 'ADA10' });
  return { server, clicks: async () => (await admin(server, workspaceId, `/collaborators/${collaborator.id}/clicks`)).clicks as number };
}

function row(name: string, runs: Redirects[]): string {
  const rates = runs.map((run) => run.perSecond);
  return `| ${name} | ${median(rates).toFixed(0)} | ${rates.map((rate) => rate.toFixed(0)).join(' / ')} | ${median(runs.map((run) => run.p50))} | ${median(runs.map((run) => run.p99))} | ${runs.reduce((n, run) => n + run.failures, 0)} |`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-links-'));
  const bare = await spawnServer({ args: [join(HERE, 'bare-server.ts')] });
  const tributary = await startTributary(dir);
  try {
    const bareUrl = `${bare.url}/r/ADA10`;
    const linkUrl = `${tributary.server.url}/r/ada10`;
    log(`warm-up, 2 s each`);
    await redirects(bareUrl, 2);
    await redirects(linkUrl, 2);
    const before = await tributary.clicks();
    const ceiling: Redirects[] = [];
    const links: Redirects[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      log(`round ${round}/${ROUNDS}: bare Fastify GET /r/{code} → 302, then Tributary's, ${CONNECTIONS} connections, ${SECONDS} s each`);
      ceiling.push(await redirects(bareUrl, SECONDS));
      links.push(await redirects(linkUrl, SECONDS));
    }
    const counted = (await tributary.clicks()) - before;
    const redirected = links.reduce((n, run) => n + run.redirected, 0);
    const ratio = median(links.map((run) => run.perSecond)) / median(ceiling.map((run) => run.perSecond));
    const lines = [
      '# Referral-link benchmark',
      '',
      `Measured ${new Date().toISOString()} by \`npm run bench:links\` on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ` +
        `load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' / ')}.`,
      `autocannon, ${CONNECTIONS} connections, 2 s warm-up, then ${ROUNDS} alternating rounds of ${SECONDS} s per server; each server in its own process; ` +
        `Tributary on SQLite (WAL, synchronous=${SYNCHRONOUS}) with its workers on.`,
      'The machine is shared, so absolute numbers move between runs; the ratio of the medians is what to compare.',
      '',
      '| Run | median redirects/s | per round | p50 ms | p99 ms | failures |',
      '| --- | ---: | --- | ---: | ---: | ---: |',
      row('bare Fastify GET /r/{code} → 302 (ceiling)', ceiling),
      row('Tributary GET /r/{code} → 302, click committed', links),
      '',
      `Clicks counted by the API over the measured rounds: ${counted} for ${redirected} redirects autocannon saw ` +
        '(requests still in flight when a round ends are answered, and counted, without autocannon seeing them).',
      `Redirects per second are ${ratio.toFixed(2)} of bare Fastify's (target ≥ 0.5: **${ratio >= 0.5 ? 'met' : 'missed'}**).`,
      '',
    ];
    const markdown = lines.join('\n');
    writeFileSync(join(HERE, 'links-results.md'), markdown);
    process.stdout.write(markdown);
  } finally {
    await bare.kill('SIGTERM');
    await tributary.server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
