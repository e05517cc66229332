import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveSubscriber, type LiveMessage } from '../../src/observe/index.ts';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, startTestServer, waitFor, waitForInbox, type TestServer } from '../support/harness.ts';
import { openSse } from './live-client.ts';

/** A real writable that accepts writes but never finishes one: a reader that stopped reading. */
function stalledSink() {
  const sink = new Writable({ highWaterMark: 64, write() {} });
  return sink;
}

const message = (n: number): LiveMessage => ({ id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, type: 'track', name: 'x', json: JSON.stringify({ n, pad: 'x'.repeat(100) }) });

describe('live subscriber buffers', () => {
  it('cuts off a reader that falls more than maxBuffered messages behind, without blocking the sender', () => {
    const sink = stalledSink();
    const cut: LiveSubscriber[] = [];
    const subscriber = new LiveSubscriber(sink, 'ws', { types: [], names: [] }, 5, (s) => cut.push(s));
    subscriber.release();
    let n = 0;
    while (!subscriber.isClosed && n < 100) subscriber.send(message(n++));
    expect(cut).toEqual([subscriber]);
    expect(sink.destroyed).toBe(true);
    // One message went to the socket's buffer, five waited, the seventh was one too many.
    expect(n).toBe(7);
    expect(subscriber.backlog).toBe(0);
  });

  it('keeps a reader that drains, however many messages pass', async () => {
    const received: string[] = [];
    const sink = new Writable({
      highWaterMark: 64,
      write(chunk, _encoding, callback) {
        received.push(String(chunk));
        setImmediate(callback);
      },
    });
    const subscriber = new LiveSubscriber(sink, 'ws', { types: [], names: [] }, 5, () => {
      throw new Error('a draining reader must not be cut off');
    });
    subscriber.release();
    for (let n = 0; n < 200; n++) {
      subscriber.send(message(n));
      if (subscriber.backlog >= 4) await waitFor(() => (subscriber.backlog === 0 ? true : undefined), 'the backlog to drain');
    }
    await waitFor(() => (received.length === 200 ? true : undefined), 'every message to arrive');
    expect(subscriber.isClosed).toBe(false);
  });

  it('holds live messages behind the replay and skips the ones the replay already sent', () => {
    const written: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        written.push(String(chunk));
        callback();
      },
    });
    const subscriber = new LiveSubscriber(sink, 'ws', { types: [], names: [] }, 10, () => {});
    subscriber.send(message(2));
    subscriber.send(message(3));
    subscriber.replay([message(1), message(2)]);
    subscriber.release();
    expect(written.map((chunk) => /^id: (\S+)/.exec(chunk)![1]!.slice(-1))).toEqual(['1', '2', '3']);
  });
});

describe.each(DIALECTS)('a slow live reader over HTTP on %s', (dialect) => {
  let server: TestServer;
  let base: URL;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect, { liveMaxBuffered: 5 });
    base = new URL(await server.listen());
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server?.close();
  });

  it('is disconnected when it stops reading, while events keep being processed and other readers keep up', async () => {
    const live = server.runtime.services.live;
    const fast = await openSse(`${base.origin}/api/v1/workspaces/${server.workspaceId}/events/live`, { authorization: `Bearer ${server.operatorToken}` });
    // A raw socket that sends the request and then never reads a byte.
    const slow = connect(Number(base.port), base.hostname);
    sockets.push(slow);
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
    slow.write(`GET /api/v1/workspaces/${server.workspaceId}/events/live HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.operatorToken}\r\n\r\n`);
    slow.pause();
    slow.on('error', () => {});
    await waitFor(() => (live.readerCount === 2 ? true : undefined), 'both readers to subscribe');

    // 30 KB events, four per batch (under the bound of 5 for the fast reader's burst): kernel
    // socket buffers absorb some megabytes before the server's writes back up, so send until the
    // hub drops the slow reader.
    const pad = 'x'.repeat(30_000);
    let sent = 0;
    let lastId = '';
    while (live.readerCount === 2 && sent < 2_000) {
      const batch = Array.from({ length: 4 }, (_, i) => ({ type: 'track', event: 'bulk', userId: 'slow', messageId: `m-${sent + i}`, properties: { pad } }));
      const res = await server.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basicAuth(server.writeKey) }, payload: { batch } });
      expect(res.statusCode).toBe(200);
      sent += batch.length;
      const rows = await waitFor(async () => {
        const done = await server.runtime.services.db.kysely.selectFrom('inbox').select(['id']).where('status', '=', 'processed').execute();
        return done.length >= sent ? done : undefined;
      }, 'the batch to be processed');
      lastId = rows.at(-1)!.id;
      await waitFor(() => (fast.events().length >= sent || live.readerCount < 2 ? true : undefined), 'the fast reader to catch up');
    }
    expect(live.readerCount).toBe(1);
    await fast.waitForEvents(sent, 20_000);
    expect(fast.events()).toHaveLength(sent);
    expect(lastId).not.toBe('');
    await waitForInbox(server, lastId, 'processed');
  }, 120_000);
});
