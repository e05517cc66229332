import { Redis } from 'ioredis';
import { coerceError } from '../../errors/index.ts';
import type { OutgoingBatch, SendOutcome } from '../destination-types/destination-type.ts';
import { busMessageId } from './message-id.ts';
import { delivered, final, retry, withoutCredentials } from './outcomes.ts';
import { peerRefusal } from './peer-address.ts';

export interface RedisPublisherOptions {
  /** `redis://[user:password@]host:6379[/db]` or `rediss://…` (a secret when it carries a password). */
  readonly url: string;
  readonly stream: string;
  /** Trims the stream to about this many entries (`MAXLEN ~`); undefined keeps everything. */
  readonly maxlen?: number;
  readonly allowPrivate: boolean;
  readonly timeoutMs: number;
  readonly name: string;
}

/** Replies no retry will fix: bad credentials, no permission, the key is not a stream. */
const FINAL_REPLIES = /^(NOAUTH|WRONGPASS|NOPERM|WRONGTYPE)\b/;

/**
 * Appends batches to a Redis stream: one `XADD <stream> [MAXLEN ~ n] * message_id <id> type <type>
 * event <json>` per event, in one MULTI/EXEC round trip (no other client's entries land in between;
 * Redis does not roll back, but the runtime error there is, WRONGTYPE, fails every XADD of the
 * batch alike); delivered when Redis has answered every entry. Redis Streams do not deduplicate,
 * so a batch retried after a lost answer is appended again: at-least-once, consumers dedupe on
 * the `message_id` field.
 *
 * One connection per destination, opened on the first send; no offline queue and no automatic
 * reconnect (a command while disconnected fails at once and is retried by the outbox), so a send
 * never waits longer than the timeout.
 */
export class RedisPublisher {
  private client: Redis | undefined;
  private closed = false;

  constructor(private readonly options: RedisPublisherOptions) {}

  async publish(batch: OutgoingBatch, signal: AbortSignal): Promise<SendOutcome> {
    const started = performance.now();
    const opened = await this.open(started);
    if (!(opened instanceof Redis)) return opened;
    const trim = this.options.maxlen === undefined ? [] : ['MAXLEN', '~', String(this.options.maxlen)];
    const transaction = opened.multi();
    batch.events.forEach((event, index) => {
      transaction.xadd(this.options.stream, ...trim, '*', 'message_id', busMessageId(event, batch.requestId, index), 'type', String(event.type ?? ''), 'event', JSON.stringify(event));
    });
    if (signal.aborted) return retry(started, 'stopped before sending');
    try {
      const results = (await transaction.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed) return this.classify(started, failed[0]);
      return delivered(started, `${results.length} entries appended to ${this.options.stream} (last ${String(results.at(-1)?.[1] ?? '')})`);
    } catch (error) {
      return this.classify(started, error);
    }
  }

  /** Connects and checks the key is a stream or free: what the destination test answers. */
  async test(): Promise<SendOutcome> {
    const started = performance.now();
    const opened = await this.open(started);
    if (!(opened instanceof Redis)) return opened;
    try {
      const type = await opened.type(this.options.stream);
      if (type !== 'stream' && type !== 'none') return final(started, `key ${this.options.stream} holds a ${type}, not a stream`);
      return delivered(started, type === 'stream' ? `connected; stream ${this.options.stream} exists` : `connected; stream ${this.options.stream} will be created by the first event`);
    } catch (error) {
      return this.classify(started, error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    if (client) await client.quit().catch(() => client.disconnect());
  }

  private async open(started: number): Promise<Redis | SendOutcome> {
    if (this.closed) return retry(started, 'the destination was closed');
    const url = new URL(this.options.url);
    const refusal = await peerRefusal(url.hostname, this.options.allowPrivate);
    if (refusal) return final(started, `address refused: ${refusal}`);
    if (this.client && this.client.status === 'ready') return this.client;
    this.client?.disconnect();
    const client = new Redis(this.options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: this.options.timeoutMs,
      commandTimeout: this.options.timeoutMs,
      connectionName: this.options.name,
    });
    // Without reconnects, connect() rejects with "Connection is closed."; the socket's own error
    // (ECONNREFUSED, a timeout) says more.
    let cause: unknown;
    client.on('error', (error) => (cause ??= error));
    this.client = client;
    try {
      await client.connect();
      return client;
    } catch (error) {
      client.disconnect();
      if (this.client === client) this.client = undefined;
      return this.classify(started, cause ?? error);
    }
  }

  private classify(started: number, error: unknown): SendOutcome {
    const message = withoutCredentials(coerceError(error).message, [decodeURIComponent(new URL(this.options.url).password)]);
    if (FINAL_REPLIES.test(message)) return final(started, `Redis refused: ${message}`);
    return retry(started, message);
  }
}
