import { connect, type Channel, type ChannelModel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer, waitFor } from '../../support/harness.ts';
import { busApi, uniqueName } from './bus-api.ts';

/** The RabbitMQ destination through the public API, against the broker on this machine. */
const AMQP = 'amqp://guest:guest@127.0.0.1:5672';
let broker: ChannelModel;
let channel: Channel;
const exchanges: string[] = [];
const queues: string[] = [];

beforeAll(async () => {
  broker = await connect(AMQP);
  channel = await broker.createChannel();
});
afterAll(async () => {
  for (const queue of queues) await channel.deleteQueue(queue).catch(() => {});
  for (const exchange of exchanges) await channel.deleteExchange(exchange).catch(() => {});
  await broker.close();
});

/** A topic exchange with a queue bound to `routingKey`. */
async function topology(exchange: string, routingKey: string): Promise<string> {
  await channel.assertExchange(exchange, 'topic', { durable: false, autoDelete: false });
  exchanges.push(exchange);
  const { queue } = await channel.assertQueue(`${exchange}.q`, { durable: true });
  queues.push(queue);
  await channel.bindQueue(queue, exchange, routingKey);
  return queue;
}

/** Every message waiting in the queue (taken off it). */
async function drain(queue: string) {
  const out: Array<{ properties: Record<string, any>; body: Record<string, any> }> = [];
  for (;;) {
    const message = await channel.get(queue, { noAck: true });
    if (message === false) return out;
    out.push({ properties: { ...message.properties, deliveryMode: message.properties.deliveryMode }, body: JSON.parse(message.content.toString()) });
  }
}

describe.each(DIALECTS)('RabbitMQ destination on %s', (dialect) => {
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardTimeoutMs: 2000, forwardRetryBaseMs: 20 });
  const name = uniqueName('rmq', dialect);

  it('publishes persistent messages with the message id, confirmed by the broker', async () => {
    const api = busApi(server);
    const queue = await topology(`${name}.events`, 'tributary.#');
    const { id, body, raw } = await api.destination('rabbitmq', { url: AMQP, exchange: `${name}.events`, routing_key: 'tributary.track' });
    // The URL carries the password: a secret, masked on read.
    expect(body.config).toEqual({ url: '••••5672', exchange: `${name}.events`, routing_key: 'tributary.track' });
    expect(raw).not.toContain('guest:guest');
    const ids = await api.track([{ event: 'Order Completed', properties: { total: 49.99 } }, { event: 'Refunded' }]);
    await api.settled(id, 2, ['delivered']);
    const received = await drain(queue);
    expect(received.map((message) => message.properties.messageId).sort()).toEqual([...ids].sort());
    const order = received.find((message) => message.body.event === 'Order Completed')!;
    expect(order.properties).toMatchObject({ deliveryMode: 2, contentType: 'application/json', type: 'track', appId: 'tributary' });
    expect(order.body).toMatchObject({ type: 'track', event: 'Order Completed', user_id: 'user-1', message_id: order.properties.messageId, properties: { total: 49.99 } });
  });

  it('fails with the reason for a missing exchange, and delivers on replay once it exists', async () => {
    const api = busApi(server);
    const { id } = await api.destination('rabbitmq', { url: AMQP, exchange: `${name}.later`, routing_key: 'k' });
    expect(await api.test(id)).toMatchObject({ ok: false, verdict: 'final', error: expect.stringContaining('NOT_FOUND') });
    await api.track([{ event: 'Early' }]);
    const [failed] = await api.settled(id, 1, ['failed']);
    expect(failed!.last_error).toContain(`no exchange '${name}.later'`);
    const queue = await topology(`${name}.later`, 'k');
    expect(await api.test(id)).toMatchObject({ ok: true, response: expect.stringContaining('exists') });
    expect(await api.replay(id, 'failed')).toBe(1);
    await api.settled(id, 1, ['delivered']);
    expect((await drain(queue)).map((message) => message.body.event)).toEqual(['Early']);
  });

  it('fails a message no queue is bound for, rather than counting it delivered', async () => {
    const api = busApi(server);
    await topology(`${name}.unbound`, 'bound.key');
    const { id } = await api.destination('rabbitmq', { url: AMQP, exchange: `${name}.unbound`, routing_key: 'other.key' });
    await api.track([{ event: 'Nowhere' }]);
    const [failed] = await api.settled(id, 1, ['failed']);
    expect(failed!.last_error).toContain('no queue is bound');
  });

  it('dead-letters at once on refused credentials, without showing them', async () => {
    const api = busApi(server);
    const { id } = await api.destination('rabbitmq', { url: 'amqp://guest:wrong-password-123@127.0.0.1:5672', exchange: 'amq.topic' });
    const check = await api.test(id);
    expect(check).toMatchObject({ ok: false, verdict: 'final' });
    expect(JSON.stringify(check)).not.toContain('wrong-password-123');
    await api.track([{ event: 'Denied' }]);
    const [failed] = await api.settled(id, 1, ['failed']);
    expect(failed!.last_error).toMatch(/ACCESS_REFUSED|403/);
    expect(failed!.last_error).not.toContain('wrong-password-123');
  });

  it('retries while the broker is unreachable and delivers once the config points at it', async () => {
    const api = busApi(server);
    const queue = await topology(`${name}.retry`, '#');
    const { id } = await api.destination('rabbitmq', { url: 'amqp://guest:guest@127.0.0.1:1', exchange: `${name}.retry`, routing_key: 'r' });
    await api.track([{ event: 'Retried' }]);
    await waitFor(async () => {
      const [row] = await api.deliveries(id);
      return row && row.status === 'pending' && row.attempts.length >= 1 ? row : undefined;
    }, 'a failed attempt');
    await api.update(id, { config: { url: AMQP, exchange: `${name}.retry`, routing_key: 'r' } });
    const [row] = await api.settled(id, 1, ['delivered']);
    expect(row!.attempts[0].error).toContain('ECONNREFUSED');
    expect((await drain(queue)).map((message) => message.body.event)).toEqual(['Retried']);
  });
});
