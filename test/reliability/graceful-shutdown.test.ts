import { request as httpRequest, createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN, DIALECTS } from '../support/databases.ts';
import { spawnServer, type ProcessServer } from '../support/process-server.ts';
import { useCrashScene } from './crash-database.ts';

/** A webhook receiver that answers each request after `delayMs`, or never (`hang`). */
class SlowReceiver {
  readonly requests: Array<{ id: string; at: number }> = [];
  private readonly server: Server;
  private constructor(private answer: 'hang' | number) {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.requests.push({ id: String(req.headers['webhook-id']), at: Date.now() });
        if (this.answer === 'hang') return;
        setTimeout(() => res.writeHead(204).end(), this.answer);
      });
    });
  }

  static async start(answer: 'hang' | number): Promise<SlowReceiver> {
    const receiver = new SlowReceiver(answer);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  answerAfter(delayMs: number): void {
    this.answer = delayMs;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** One `/readyz` on a connection of its own, as a load balancer's probe: the status, or `refused`. */
function probeReady(server: ProcessServer): Promise<{ status: number | 'refused'; code?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(`${server.url}/readyz`, { agent: false, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        let code: string | undefined;
        try {
          code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        resolve({ status: res.statusCode ?? 0, code });
      });
    });
    req.on('error', () => resolve({ status: 'refused' }));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Issue 16 §7: SIGTERM stops the real server gracefully. `/readyz` answers 503 from the signal on
 * while a delivery in flight settles; the delivery is then either completed or, past its share of
 * SHUTDOWN_TIMEOUT_MS, released to the queue — never lost, never left `delivering`; events
 * acknowledged meanwhile are durable; the process exits 0 within the timeout.
 */
describe.each(DIALECTS)('graceful shutdown on %s', (dialect) => {
  const scene = useCrashScene(dialect, 'SIGKILL');
  const receivers: SlowReceiver[] = [];
  afterEach(async () => {
    for (const receiver of receivers.splice(0)) await receiver.close();
  });

  async function wire(server: ProcessServer, workspaceId: string, receiver: SlowReceiver): Promise<string> {
    const call = async (path: string, body: object) => {
      const res = await fetch(`${server.url}/api/v1/workspaces/${workspaceId}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { id: string };
    };
    const destination = await call('/destinations', { name: 'slow receiver', url: receiver.url });
    await call('/event-forwarding-rules', { name: 'slow', destination_id: destination.id, event_types: ['track'], event_names: ['Slow'], enabled: true });
    return destination.id;
  }

  const track = (server: ProcessServer, writeKey: string, event: string, messageId: string) =>
    fetch(`${server.url}/v1/track`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event, userId: 'u', messageId }),
    }).then((res) => res.status, () => 'refused' as const);

  async function start(env: Record<string, string>) {
    const server = await spawnServer({ env });
    scene.servers.push(server);
    return server;
  }

  it('answers /readyz 503 while a slow delivery settles, completes it, keeps what it acknowledged, and exits 0', { timeout: 120_000 }, async () => {
    const database = scene.database({ FORWARD_ALLOW_PRIVATE_TARGETS: 'true', SHUTDOWN_TIMEOUT_MS: '8000', WORKER_POLL_MS: '20' });
    const receiver = await SlowReceiver.start(2500);
    receivers.push(receiver);
    const server = await start(database.env);
    const { workspaceId, writeKey } = server.firstStart!;
    const destinationId = await wire(server, workspaceId, receiver);
    expect((await probeReady(server)).status).toBe(200);
    expect(await track(server, writeKey, 'Slow', 'slow-1')).toBe(200);
    await until(() => (receiver.requests.length > 0 ? true : undefined), 'the delivery to be in flight');

    const signalledAt = Date.now();
    process.kill(server.pid, 'SIGTERM');
    const probes: Array<number | 'refused'> = [];
    const acknowledged: string[] = [];
    let n = 0;
    while ((await Promise.race([server.exited.then(() => true), Promise.resolve(false)])) === false) {
      const [probe, status] = await Promise.all([probeReady(server), track(server, writeKey, 'During Shutdown', `during-${(n += 1)}`)]);
      if (status === 200) acknowledged.push(`during-${n}`);
      if (probe.status === 503) expect(probe.code).toBe('service_unavailable');
      probes.push(probe.status);
      if (probe.status === 'refused') break;
    }
    expect(await server.exited).toBe(0);
    scene.servers.splice(scene.servers.indexOf(server), 1);
    expect(Date.now() - signalledAt).toBeLessThan(8000);
    // Ready until the signal, 503 while stopping, then refused: never ready again once a 503 was seen.
    expect(probes).toContain(503);
    expect(probes.slice(probes.indexOf(503))).not.toContain(200);
    expect(probes.at(-1)).toBe('refused');
    expect(acknowledged.length).toBeGreaterThan(0);

    const db = await scene.open();
    const deliveries = await db.kysely.selectFrom('deliveries').select(['status', 'attempt_count']).where('destination_id', '=', destinationId).execute();
    expect(deliveries).toEqual([{ status: 'delivered', attempt_count: 1 }]);
    const journal = await db.kysely.selectFrom('inbox_journal').select('body').execute();
    const inbox = await db.kysely.selectFrom('inbox').select('payload').execute();
    const stored = [...journal.map((row) => row.body), ...inbox.map((row) => row.payload)].join('\n');
    for (const messageId of acknowledged) expect(stored).toContain(`"${messageId}"`);
  });

  it('releases a delivery whose receiver never answers when its grace ends, exits 0 in time, and a new server delivers it', { timeout: 120_000 }, async () => {
    const database = scene.database({ FORWARD_ALLOW_PRIVATE_TARGETS: 'true', SHUTDOWN_TIMEOUT_MS: '4000', WORKER_POLL_MS: '20' });
    const receiver = await SlowReceiver.start('hang');
    receivers.push(receiver);
    const server = await start(database.env);
    const { workspaceId, writeKey } = server.firstStart!;
    const destinationId = await wire(server, workspaceId, receiver);
    expect(await track(server, writeKey, 'Slow', 'hung-1')).toBe(200);
    await until(() => (receiver.requests.length > 0 ? true : undefined), 'the delivery to be in flight');

    const signalledAt = Date.now();
    process.kill(server.pid, 'SIGTERM');
    expect(await server.exited).toBe(0);
    scene.servers.splice(scene.servers.indexOf(server), 1);
    const took = Date.now() - signalledAt;
    // Half the timeout for the delivery to settle, then released: within the timeout, not at once.
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(4000);

    const db = await scene.open();
    const [released] = await db.kysely.selectFrom('deliveries').selectAll().where('destination_id', '=', destinationId).execute();
    expect(released).toMatchObject({ status: 'pending', locked_by: null, attempt_count: 0 });
    expect(released!.available_at).not.toBeNull();

    receiver.answerAfter(0);
    const again = await start(database.env);
    await until(async () => {
      const row = await db.kysely.selectFrom('deliveries').select('status').where('id', '=', released!.id).executeTakeFirst();
      return row?.status === 'delivered' ? true : undefined;
    }, 'the released delivery to be delivered by the next server');
    expect(new Set(receiver.requests.map((request) => request.id))).toEqual(new Set([released!.id]));
    const [{ n }] = (await sql<{ n: number }>`select count(*) as n from deliveries`.execute(db.kysely)).rows as [{ n: number }];
    expect(Number(n)).toBe(1);
    await again.kill('SIGTERM');
    scene.servers.splice(scene.servers.indexOf(again), 1);
  });

  it('cuts a client stalled mid-body when the share of the timeout for requests ends, instead of waiting for REQUEST_TIMEOUT_MS', { timeout: 60_000 }, async () => {
    const database = scene.database({ SHUTDOWN_TIMEOUT_MS: '4000', REQUEST_TIMEOUT_MS: '60000', HEADERS_TIMEOUT_MS: '10000' });
    const server = await start(database.env);
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Announces 1,000 bytes, sends 12, and stalls.
    socket.write('POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"event":"x"');
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalledAt = Date.now();
    process.kill(server.pid, 'SIGTERM');
    expect(await server.exited).toBe(0);
    scene.servers.splice(scene.servers.indexOf(server), 1);
    expect(Date.now() - signalledAt).toBeLessThan(4000);
    await closed;
  });
});
