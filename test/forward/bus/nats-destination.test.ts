import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, useTestServer, waitFor } from '../../support/harness.ts';
import { busApi, uniqueName } from './bus-api.ts';

/** The NATS destination through the public API, against the JetStream server on this machine. */
const NATS = 'nats://127.0.0.1:4222';
let nc: NatsConnection;
const streams: string[] = [];

beforeAll(async () => {
  nc = await connect({ servers: NATS });
});
afterAll(async () => {
  const manager = await nc.jetstreamManager();
  for (const stream of streams) await manager.streams.delete(stream).catch(() => {});
  await nc.close();
});

async function createStream(name: string, subjects: string[]): Promise<void> {
  const manager = await nc.jetstreamManager();
  await manager.streams.add({ name, subjects, duplicate_window: 120_000_000_000 });
  streams.push(name);
}

/** Every message in the stream, with its headers, in order. */
async function messages(stream: string) {
  const manager = await nc.jetstreamManager();
  const info = await manager.streams.info(stream);
  const out: Array<{ subject: string; msgId: string | undefined; body: Record<string, any> }> = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq += 1) {
    const message = await manager.streams.getMessage(stream, { seq });
    out.push({ subject: message.subject, msgId: message.header?.get('Nats-Msg-Id'), body: message.json() });
  }
  return out;
}

describe.each(DIALECTS)('NATS JetStream destination on %s', (dialect) => {
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardTimeoutMs: 2000, forwardRetryBaseMs: 20 });
  const name = uniqueName('nats', dialect);

  it('publishes each event once, with Nats-Msg-Id = its message id, and a replay adds nothing to the stream', async () => {
    const api = busApi(server);
    await createStream(`${name}_a`, [`${name}.a`]);
    const { id } = await api.destination('nats', { servers: [NATS], subject: `${name}.a` });
    const ids = await api.track([
      { event: 'Order Completed', properties: { total: 49.99, currency: 'EUR' } },
      { event: 'Signed Up', properties: { plan: 'pro' } },
    ]);
    const delivered = await api.settled(id, 2, ['delivered']);
    expect(delivered.every((row) => row.attempts.length === 1 && row.attempts[0].error === null)).toBe(true);
    const stored = await messages(`${name}_a`);
    expect(stored.map((message) => message.msgId).sort()).toEqual([...ids].sort());
    const order = stored.find((message) => message.body.event === 'Order Completed')!;
    expect(order.subject).toBe(`${name}.a`);
    expect(order.body).toMatchObject({ type: 'track', event: 'Order Completed', user_id: 'user-1', message_id: order.msgId, properties: { total: 49.99, currency: 'EUR' } });

    expect(await api.replay(id, 'delivered')).toBe(2);
    await waitFor(async () => ((await api.deliveries(id)).every((row) => row.status === 'delivered' && row.attempts.length === 2) ? true : undefined), 'the replay to be delivered');
    expect(await messages(`${name}_a`)).toHaveLength(2);
  });

  it("publishes to the workspace's write-key pubsub_topic when no subject is set", async () => {
    const api = busApi(server);
    const keys = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}/event-keys`, headers: { authorization: bearer(server.operatorToken) } });
    const topic = keys.json()[0].pubsub_topic as string;
    expect(topic).toBe(`tributary.${server.workspaceId}.events`);
    await createStream(`${name}_topic`, [topic]);
    const { id } = await api.destination('nats', { servers: [NATS] });
    const [messageId] = await api.track([{ event: 'Topic Test' }]);
    await api.settled(id, 1, ['delivered']);
    expect((await messages(`${name}_topic`)).map((message) => [message.subject, message.msgId])).toEqual([[topic, messageId]]);
  });

  it('fails with the reason when no stream captures the subject, and delivers on replay once one does', async () => {
    const api = busApi(server);
    const { id } = await api.destination('nats', { servers: [NATS], subject: `${name}.missing` });
    const check = await api.test(id);
    expect(check).toMatchObject({ ok: false, verdict: 'final', error: expect.stringContaining(`no JetStream stream captures subject ${name}.missing`) });
    await api.track([{ event: 'Lost Stream' }]);
    const [failed] = await api.settled(id, 1, ['failed']);
    expect(failed!.last_error).toContain('no JetStream stream captures subject');
    await createStream(`${name}_missing`, [`${name}.missing`]);
    expect(await api.test(id)).toMatchObject({ ok: true, verdict: 'delivered', response: expect.stringContaining(`stream ${name}_missing captures`) });
    expect(await api.replay(id, 'failed')).toBe(1);
    await api.settled(id, 1, ['delivered']);
    expect((await messages(`${name}_missing`)).map((message) => message.body.event)).toEqual(['Lost Stream']);
  });

  it('retries while the server is unreachable and delivers once the config points at it', async () => {
    const api = busApi(server);
    await createStream(`${name}_retry`, [`${name}.retry`]);
    const { id } = await api.destination('nats', { servers: ['nats://127.0.0.1:1'], subject: `${name}.retry` });
    expect(await api.test(id)).toMatchObject({ ok: false, verdict: 'retry' });
    await api.track([{ event: 'Retried' }]);
    await waitFor(async () => {
      const [row] = await api.deliveries(id);
      return row && row.status === 'pending' && row.attempts.length >= 1 ? row : undefined;
    }, 'a failed attempt');
    await api.update(id, { config: { servers: [NATS], subject: `${name}.retry` } });
    const [row] = await api.settled(id, 1, ['delivered']);
    expect(row!.attempts[0].error).toMatch(/CONNECTION_REFUSED|ECONNREFUSED/);
    expect((await messages(`${name}_retry`)).map((message) => message.body.event)).toEqual(['Retried']);
  });

  it('never shows the password or token, and refuses a bad config with field errors', async () => {
    const api = busApi(server);
    const { body, raw } = await api.destination('nats', { servers: [NATS], subject: `${name}.secret`, user: 'svc', password: 'nats-password-0123456789' });
    expect(body.config).toMatchObject({ user: 'svc', password: '••••6789' });
    expect(raw).not.toContain('nats-password-0123456789');
    const bad = await api.call('POST', '/destinations', { name: 'bad', type: 'nats', config: { servers: [], subject: 'a b', password: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().error.data.fields as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['config.servers', 'config.subject']);
  });
});
