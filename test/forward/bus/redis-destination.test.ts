import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { useTestServer, waitFor } from '../../support/harness.ts';
import { busApi, uniqueName } from './bus-api.ts';

/** The Redis Streams destination through the public API, against the Redis on this machine. */
const REDIS = 'redis://127.0.0.1:6379';
let redis: Redis;
const keys: string[] = [];

beforeAll(() => {
  redis = new Redis(REDIS);
});
afterAll(async () => {
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** The stream's entries as objects of their fields. */
async function entries(stream: string) {
  const found = await redis.xrange(stream, '-', '+');
  return found.map(([entryId, fields]) => {
    const object: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) object[fields[i]!] = fields[i + 1]!;
    return { entryId, fields: object, event: JSON.parse(object.event!) as Record<string, any> };
  });
}

describe.each(DIALECTS)('Redis Streams destination on %s', (dialect) => {
  const server = useTestServer(dialect, { forwardAllowPrivateTargets: true, forwardTimeoutMs: 2000, forwardRetryBaseMs: 20 });
  const name = uniqueName('redis', dialect);

  it('appends each event with its message id in a field', async () => {
    const api = busApi(server);
    const stream = `${name}:events`;
    keys.push(stream);
    const { id } = await api.destination('redis', { url: REDIS, stream });
    expect(await api.test(id)).toMatchObject({ ok: true, response: expect.stringContaining('will be created') });
    const ids = await api.track([{ event: 'Order Completed', properties: { total: 49.99 } }, { event: 'Refunded' }]);
    await api.settled(id, 2, ['delivered']);
    const stored = await entries(stream);
    expect(stored.map((entry) => entry.fields.message_id).sort()).toEqual([...ids].sort());
    const order = stored.find((entry) => entry.event.event === 'Order Completed')!;
    expect(order.fields.type).toBe('track');
    expect(order.event).toMatchObject({ type: 'track', event: 'Order Completed', user_id: 'user-1', message_id: order.fields.message_id, properties: { total: 49.99 } });
  });

  it('trims the stream to about maxlen entries', async () => {
    const api = busApi(server);
    const stream = `${name}:trimmed`;
    keys.push(stream);
    const { id } = await api.destination('redis', { url: REDIS, stream, maxlen: 10 }, { batch_size: 100 });
    await api.track(Array.from({ length: 300 }, (_, n) => ({ event: `E${n % 3}`, properties: { n } })));
    await api.settled(id, 300, ['delivered'], 20_000);
    // `~` lets Redis trim whole macro nodes only (100 entries by default): fewer than 300, at least 10.
    const length = await redis.xlen(stream);
    expect(length).toBeGreaterThanOrEqual(10);
    expect(length).toBeLessThan(300);
  });

  it('fails with the reason when the key is not a stream, and delivers on replay once it is free', async () => {
    const api = busApi(server);
    const stream = `${name}:taken`;
    keys.push(stream);
    await redis.set(stream, 'a string');
    const { id } = await api.destination('redis', { url: REDIS, stream });
    expect(await api.test(id)).toMatchObject({ ok: false, verdict: 'final', error: expect.stringContaining('holds a string') });
    await api.track([{ event: 'Blocked' }]);
    const [failed] = await api.settled(id, 1, ['failed']);
    expect(failed!.last_error).toContain('WRONGTYPE');
    await redis.del(stream);
    expect(await api.replay(id, 'failed')).toBe(1);
    await api.settled(id, 1, ['delivered']);
    expect((await entries(stream)).map((entry) => entry.event.event)).toEqual(['Blocked']);
  });

  it('dead-letters at once on refused credentials, without showing them', async () => {
    const api = busApi(server);
    const stream = `${name}:denied`;
    const { id } = await api.destination('redis', { url: 'redis://nobody:wrong-password-0123@127.0.0.1:6379', stream });
    const check = await api.test(id);
    expect(check).toMatchObject({ ok: false, verdict: 'final', error: expect.stringContaining('WRONGPASS') });
    expect(JSON.stringify(check)).not.toContain('wrong-password-0123');
    await api.track([{ event: 'Denied' }]);
    const [failed] = await api.settled(id, 1, ['failed']);
    expect(failed!.last_error).toContain('WRONGPASS');
  });

  it('keeps one named connection per destination, and closes it when the config changes and when the destination is deleted', async () => {
    const api = busApi(server);
    const stream = `${name}:pooled`;
    keys.push(stream);
    const { id } = await api.destination('redis', { url: REDIS, stream }, { batch_size: 5 });
    const connections = async () => (await redis.client('LIST') as string).split('\n').filter((line) => line.includes(`name=tributary-${id}`)).length;
    await api.track(Array.from({ length: 20 }, (_, n) => ({ event: 'Pooled', properties: { n } })));
    await api.settled(id, 20, ['delivered']);
    expect(await connections()).toBe(1);
    await api.update(id, { config: { url: `${REDIS}/0`, stream } });
    await api.track([{ event: 'After Change' }]);
    await api.settled(id, 21, ['delivered']);
    await waitFor(async () => ((await connections()) === 1 ? true : undefined), 'the old connection to close');
    const rules = await api.call('GET', '/event-forwarding-rules');
    for (const rule of rules.json() as Array<{ id: string; destination_id: string }>) {
      if (rule.destination_id === id) await server.inject({ method: 'DELETE', url: `/api/v1/workspaces/${server.workspaceId}/event-forwarding-rules/${rule.id}`, headers: { authorization: `Bearer ${server.operatorToken}` } });
    }
    const deleted = await server.inject({ method: 'DELETE', url: `/api/v1/workspaces/${server.workspaceId}/destinations/${id}`, headers: { authorization: `Bearer ${server.operatorToken}` } });
    expect(deleted.statusCode).toBe(204);
    await waitFor(async () => ((await connections()) === 0 ? true : undefined), 'the connection of the deleted destination to close');
  });

  it('retries while Redis is unreachable and delivers once the config points at it', async () => {
    const api = busApi(server);
    const stream = `${name}:retry`;
    keys.push(stream);
    const { id, body } = await api.destination('redis', { url: 'redis://:redis-password-0123@127.0.0.1:1', stream });
    expect(JSON.stringify(body)).not.toContain('redis-password-0123');
    await api.track([{ event: 'Retried' }]);
    await waitFor(async () => {
      const [row] = await api.deliveries(id);
      return row && row.status === 'pending' && row.attempts.length >= 1 ? row : undefined;
    }, 'a failed attempt');
    await api.update(id, { config: { url: REDIS, stream } });
    const [row] = await api.settled(id, 1, ['delivered']);
    expect(row!.attempts[0].error).toContain('ECONNREFUSED');
    expect(row!.attempts[0].error).not.toContain('redis-password-0123');
    expect((await entries(stream)).map((entry) => entry.event.event)).toEqual(['Retried']);
  });
});
