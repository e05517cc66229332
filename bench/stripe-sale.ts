/**
 * `npm run bench:stripe`: a Stripe-sourced sale against `POST /event/sale` in the same run on the
 * same server (issue 17: "a Stripe webhook sale at ≥ the /event/sale rate").
 *
 * Both runs credit a prepared live opportunity per sale, so both do the whole award. `/event/sale`
 * answers once its flow ran (the obligation is written). The Stripe webhook answers once the
 * signed event is durable in the inbox, and the worker runs the same flow afterwards, so two
 * Stripe rates are printed: webhooks acknowledged per second, and sales processed per second
 * (every accepted event's flow finished: the run plus the time the worker took to catch up). The
 * second is the one to compare with `/event/sale`.
 *
 * Each webhook is a realistic `checkout.session.completed` (about 3.5 KB) signed by the stripe
 * package's test helper in this process; the server verifies it with the stripe package.
 * Runs alternate (sale, Stripe, Stripe, sale) so neither kind always gets the fuller database.
 * Settings: BENCH_SECONDS (5), BENCH_CONNECTIONS (64), BENCH_SYNCHRONOUS (FULL).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { checkoutSession, signature, stripeEvent } from '../test/integrations/fixtures/stripe-payloads.ts';
import { spawnServer, type ProcessServer } from '../test/support/process-server.ts';
import { drainBacklog, prepareOpportunities } from './attribution-setup.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SYNCHRONOUS = process.env.BENCH_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL';
const OPERATOR = 'trb_op_bench_operator_token_0123456789';
const SECRET = 'whsec_benchStripeSigningSecret0123456789';
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 40_000);
const HERE = dirname(fileURLToPath(import.meta.url));
/** Stripe events signed before each Stripe run: more than one run sends on this machine. */
const PRESIGNED = Number(process.env.BENCH_PRESIGNED ?? 8000);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function admin(server: ProcessServer, method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

interface Run {
  perSecond: number;
  answered: number;
  duration: number;
  failures: number;
  p50: number;
  p99: number;
  sent: number;
}

/** One autocannon run; `body(n)` is the n-th request's body and headers. */
async function run(url: string, seconds: number, offset: number, body: (n: number) => { body: string; headers: Record<string, string> }): Promise<Run> {
  let next = offset;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          next += 1;
          const built = body(next);
          return { ...request, body: built.body, headers: { ...request.headers, 'content-type': 'application/json', ...built.headers } };
        },
      },
    ],
  });
  return { perSecond: result['2xx'] / result.duration, answered: result['2xx'], duration: result.duration, failures: result.non2xx + result.errors, p50: result.latency.p50, p99: result.latency.p99, sent: next - offset };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-stripe-'));
  const server = await spawnServer({ env: { DATA_DIR: dir, SQLITE_SYNCHRONOUS: SYNCHRONOUS, TRIBUTARY_ADMIN_TOKEN: OPERATOR } });
  try {
    const start = server.firstStart;
    if (!start) throw new Error(`no first-start credentials:\n${server.output()}`);
    const file = join(dir, 'tributary.sqlite');
    log(`preparing ${OPPORTUNITIES} opportunities`);
    const first = prepareOpportunities(file, start.workspaceId, OPPORTUNITIES);
    const key = (await admin(server, 'POST', `/api/v1/workspaces/${start.workspaceId}/api-keys`, { label: 'bench', scopes: ['events:write'] })).key as string;
    await admin(server, 'PUT', `/api/v1/workspaces/${start.workspaceId}/integrations/stripe`, { signing_secret: SECRET });
    const opportunity = (n: number) => first + (n % OPPORTUNITIES);

    const saleBody = (n: number) => ({
      body: JSON.stringify({ source: 'bench', externalId: `order-${n}`, total: 49.99, trackingId: opportunity(n) }),
      headers: { authorization: `Bearer ${key}` },
    });
    // Each request credits a fresh opportunity, across both kinds of run: a Stripe sale on a used
    // one would still run the whole flow, but the two must do the same work.
    const signedCheckout = (n: number) => {
      const payload = JSON.stringify(stripeEvent('checkout.session.completed', checkoutSession({ client_reference_id: String(opportunity(n)) })));
      return { body: payload, headers: { 'stripe-signature': signature(payload, SECRET) } };
    };
    // Built and signed before the runs (Stripe's signatures stay valid for 300 s, longer than the
    // bench): building a 3.5 KB event and its HMAC in this process, during the run, would take CPU
    // from the server that the tiny /event/sale body does not.
    const presigned = new Map<number, { body: string; headers: Record<string, string> }>();
    const stripeBody = (n: number) => presigned.get(n) ?? signedCheckout(n);
    const webhookUrl = `${server.url}/integrations/stripe/${start.workspaceId}/webhook`;
    let sent = 0;
    const presign = (from: number) => {
      presigned.clear();
      for (let n = from + 1; n <= from + PRESIGNED; n += 1) presigned.set(n, signedCheckout(n));
    };
    const sales = async (seconds: number) => {
      const result = await run(`${server.url}/event/sale`, seconds, sent, saleBody);
      sent += result.sent;
      return { ...result, caughtUp: 0 };
    };
    /** A Stripe run, then the wait until the worker has run every accepted event's flow. */
    const webhooks = async (seconds: number) => {
      presign(sent);
      const result = await run(webhookUrl, seconds, sent, stripeBody);
      sent += result.sent;
      return { ...result, caughtUp: await drainBacklog(file) };
    };
    log(`warm-up: 2 s of each`);
    await sales(2);
    await webhooks(2);
    // Two rounds in opposite orders, so neither kind always runs on the fuller database or the
    // quieter moment of a shared machine.
    log(`POST /event/sale and the Stripe webhook, ${CONNECTIONS} connections, ${SECONDS} s each, two rounds (sale, Stripe; Stripe, sale)`);
    const saleRuns = [await sales(SECONDS)];
    const stripeRuns = [await webhooks(SECONDS), await webhooks(SECONDS)];
    saleRuns.push(await sales(SECONDS));
    const total = (runs: Array<Run & { caughtUp: number }>, withCatchUp: boolean) =>
      runs.reduce((sum, r) => sum + r.answered, 0) / runs.reduce((sum, r) => sum + r.duration + (withCatchUp ? r.caughtUp : 0), 0);
    const sale = { ...saleRuns[1]!, perSecond: total(saleRuns, false), failures: saleRuns.reduce((sum, r) => sum + r.failures, 0) };
    const stripe = { ...stripeRuns[1]!, perSecond: total(stripeRuns, false), failures: stripeRuns.reduce((sum, r) => sum + r.failures, 0) };
    const processed = total(stripeRuns, true);
    const caughtUp = Math.max(...stripeRuns.map((r) => r.caughtUp));
    const lines = [
      '# Stripe webhook sale benchmark',
      '',
      `Measured ${new Date().toISOString()} by \`npm run bench:stripe\` on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ` +
        `load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' / ')}.`,
      `autocannon, ${CONNECTIONS} connections, 2 s warm-up of each, then two ${SECONDS} s runs of each in the order sale, Stripe, Stripe, sale (rates over both runs; p50/p99 of the later one); Tributary in its own process on SQLite (WAL, synchronous=${SYNCHRONOUS}) with its workers on; ` +
        `every sale credits one of ${OPPORTUNITIES} prepared live opportunities. The worker caught up at most ${caughtUp.toFixed(1)} s after a Stripe run.`,
      'The machine is shared, so absolute numbers move between runs; the ratio is what to compare.',
      '',
      '| Run | per second | p50 ms | p99 ms | failures | ratio |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      `| \`/event/sale\` (answered once the obligation is written) | ${sale.perSecond.toFixed(0)} | ${sale.p50} | ${sale.p99} | ${sale.failures} | 1.00 |`,
      `| Stripe webhook, acknowledged (durable in the inbox) | ${stripe.perSecond.toFixed(0)} | ${stripe.p50} | ${stripe.p99} | ${stripe.failures} | ${(stripe.perSecond / sale.perSecond).toFixed(2)} |`,
      `| Stripe webhook, sales processed (run + catch-up) | ${processed.toFixed(0)} | | | | ${(processed / sale.perSecond).toFixed(2)} |`,
      '',
      `Stripe sales processed per second are ${(processed / sale.perSecond).toFixed(2)} × the \`/event/sale\` rate (target ≥ 1: **${processed >= sale.perSecond ? 'met' : 'missed'}**).`,
      '',
    ];
    const markdown = lines.join('\n');
    writeFileSync(join(HERE, 'stripe-results.md'), markdown);
    process.stdout.write(markdown);
  } finally {
    await server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
