import { connect as amqpConnect } from 'amqplib';
import { Redis } from 'ioredis';
import { connect as natsConnect } from 'nats';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS, dropSchema, TEST_ADMIN_TOKEN, TEST_DATABASE_URL } from '../support/databases.ts';
import { waitFor } from '../support/harness.ts';
import { spawnServer } from '../support/process-server.ts';
import { useCrashScene } from './crash-database.ts';

const NATS = 'nats://127.0.0.1:4222';
const AMQP = 'amqp://guest:guest@127.0.0.1:5672';
const REDIS = 'redis://127.0.0.1:6379';
/** Events sent; a few hundred so the kill lands while batches are still going out. */
const EVENTS = 600;

/**
 * A server killed with -9 while it delivers to the four real peers, then a second process on the
 * same database: every event arrives, JetStream (Nats-Msg-Id within the duplicate window) and the
 * warehouse (unique id) show each exactly once, RabbitMQ and Redis at least once (their documented
 * guarantee: a batch sent but not yet settled when the process died is sent again).
 */
describe.each(DIALECTS)('a process killed while delivering to NATS, the warehouse, RabbitMQ and Redis (%s)', (dialect) => {
  const scene = useCrashScene(dialect, 'SIGKILL');
  const { servers } = scene;
  const name = `crash_${dialect}_${process.pid}_${Date.now().toString(36)}`;
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
  });

  it('loses nothing, and doubles nothing in JetStream and the warehouse', { timeout: 180_000 }, async () => {
    const nc = await natsConnect({ servers: NATS });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name, subjects: [`${name}.events`], duplicate_window: 120_000_000_000 });
    const amqp = await amqpConnect(AMQP);
    const channel = await amqp.createChannel();
    await channel.assertExchange(name, 'fanout', { durable: false });
    await channel.assertQueue(name, { durable: true });
    await channel.bindQueue(name, name, '');
    const redis = new Redis(REDIS);
    const warehouse = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await warehouse.connect();
    cleanups.push(
      () => jsm.streams.delete(name).then(() => nc.close()),
      () => channel.deleteQueue(name).then(() => channel.deleteExchange(name)).then(() => amqp.close()),
      () => redis.del(name).then(() => redis.quit()),
      () => warehouse.end().then(() => dropSchema(name)),
    );

    const database = scene.database({ FORWARD_ALLOW_PRIVATE_TARGETS: 'true', FORWARD_TIMEOUT_MS: '1500', WORKER_LEASE_MS: '500' });
    const doomed = await spawnServer({ env: database.env });
    servers.push(doomed);
    const credentials = doomed.firstStart;
    if (!credentials) throw new Error(`the first start printed no credentials:\n${doomed.output()}`);
    const call = async (path: string, body: unknown, authorization = `Bearer ${TEST_ADMIN_TOKEN}`) => {
      const response = await fetch(`${doomed.url}${path}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return (await response.json()) as Record<string, unknown>;
    };
    const base = `/api/v1/workspaces/${credentials.workspaceId}`;
    const peers = {
      nats: { servers: [NATS], subject: `${name}.events` },
      postgres: { connection_string: TEST_DATABASE_URL, schema: name },
      rabbitmq: { url: AMQP, exchange: name },
      redis: { url: REDIS, stream: name },
    };
    for (const [type, config] of Object.entries(peers)) {
      // Small batches: many requests, so the kill comes between some of them.
      const destination = await call(`${base}/destinations`, { name: type, type, config, batch_size: 10 });
      await call(`${base}/event-forwarding-rules`, { name: type, destination_id: destination.id, event_types: ['track'], event_names: [], enabled: true });
    }

    const writeKey = `Basic ${Buffer.from(`${credentials.writeKey}:`).toString('base64')}`;
    const ids = Array.from({ length: EVENTS }, (_, n) => `${name}-${n}`);
    for (let start = 0; start < EVENTS; start += 100) {
      await call('/v1/batch', { batch: ids.slice(start, start + 100).map((messageId, n) => ({ type: 'track', event: 'Crash Test', userId: 'u1', messageId, properties: { n: start + n } })) }, writeKey);
    }
    const counts = async () => ({
      nats: (await jsm.streams.info(name)).state.messages,
      postgres: Number((await warehouse.query(`SELECT count(*) AS n FROM "${name}".tracks`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n),
      rabbitmq: (await channel.checkQueue(name)).messageCount,
      redis: await redis.xlen(name),
    });
    // Kill as soon as every peer has something: deliveries are then under way to all four.
    await waitFor(async () => (Object.values(await counts()).every((count) => count > 0) ? true : undefined), 'every peer to receive something', 60_000);
    await doomed.kill('SIGKILL');
    servers.splice(servers.indexOf(doomed), 1);
    const atKill = await counts();

    const db = await scene.open();
    const open = await db.kysely.selectFrom('deliveries').select('id').where('status', '<>', 'delivered').execute();
    expect(open.length, `deliveries left at the kill (peers had ${JSON.stringify(atKill)})`).toBeGreaterThan(0);

    const heir = await spawnServer({ env: database.env });
    servers.push(heir);
    await waitFor(
      async () => {
        const rows = await db.kysely.selectFrom('deliveries').select('status').execute();
        return rows.length === EVENTS * 4 && rows.every((row) => row.status === 'delivered') ? true : undefined;
      },
      'every delivery to be delivered by the next process',
      120_000,
    );

    // JetStream: each message id exactly once.
    const natsIds: string[] = [];
    const info = await jsm.streams.info(name);
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) natsIds.push((await jsm.streams.getMessage(name, { seq })).header!.get('Nats-Msg-Id'));
    expect(natsIds.sort()).toEqual([...ids].sort());
    // The warehouse: each event once in tracks and in its own table.
    const tracks = (await warehouse.query(`SELECT id FROM "${name}".tracks`)).rows.map((row) => row.id as string);
    expect(tracks.sort()).toEqual([...ids].sort());
    expect(Number((await warehouse.query(`SELECT count(*) AS n FROM "${name}".crash_test`)).rows[0].n)).toBe(EVENTS);
    // RabbitMQ and Redis: every id at least once.
    const rabbitIds = new Set<string>();
    for (let message = await channel.get(name, { noAck: true }); message !== false; message = await channel.get(name, { noAck: true })) rabbitIds.add(message.properties.messageId as string);
    expect([...rabbitIds].sort()).toEqual([...ids].sort());
    const entries = await redis.xrange(name, '-', '+');
    expect([...new Set(entries.map(([, fields]) => fields[fields.indexOf('message_id') + 1]!))].sort()).toEqual([...ids].sort());
  });
});
