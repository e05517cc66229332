import { connect, type JetStreamClient, type NatsConnection } from 'nats';
import { coerceError } from '../../errors/index.ts';
import type { OutgoingBatch, SendOutcome } from '../destination-types/destination-type.ts';
import { delivered, final, retry, withoutCredentials } from './outcomes.ts';
import { firstPeerRefusal } from './peer-address.ts';
import { busMessageId } from './message-id.ts';

export interface NatsPublisherOptions {
  readonly servers: readonly string[];
  readonly subject: string;
  readonly user?: string;
  readonly password?: string;
  readonly token?: string;
  readonly allowPrivate: boolean;
  readonly timeoutMs: number;
  /** The connection's name on the server (`tributary-<destination id>`), for its monitoring. */
  readonly name: string;
}

/** NATS error codes that no retry will fix: the credentials or the account are wrong. */
const AUTH_CODES = new Set(['AUTHORIZATION_VIOLATION', 'BAD_AUTHENTICATION', 'AUTHENTICATION_EXPIRED', 'AUTHENTICATION_TIMEOUT', 'BAD_CREDS', 'PERMISSIONS_VIOLATION', 'ACCOUNT_EXPIRED']);

/**
 * Publishes batches to a JetStream subject, one connection per destination (opened on the first
 * send, reconnecting by itself after that). Every event is published with `Nats-Msg-Id` = its
 * message id, so the stream's duplicate window drops a re-sent copy; all of a batch's publishes
 * are pipelined and the batch is delivered only when every publish ack has arrived. A batch
 * with any publish unacknowledged is retried whole: the acked ones come back as duplicates.
 *
 * The stream is the user's: we never create one. Publishing to a subject no stream captures gets
 * "no responders", a permanent failure with that reason (create the stream, then replay).
 * Servers a cluster advertises are ignored, so connections go only where the config says
 * (and the SSRF guard has checked).
 */
export class NatsPublisher {
  private connection: Promise<NatsConnection> | undefined;
  private closed = false;

  constructor(private readonly options: NatsPublisherOptions) {}

  async publish(batch: OutgoingBatch, signal: AbortSignal): Promise<SendOutcome> {
    const started = performance.now();
    const opened = await this.open(started);
    if ('verdict' in opened) return opened;
    const js = opened.js;
    const encoder = new TextEncoder();
    const sends = batch.events.map((event, index) =>
      js.publish(this.options.subject, encoder.encode(JSON.stringify(event)), { msgID: busMessageId(event, batch.requestId, index), timeout: this.options.timeoutMs }),
    );
    const aborted = new Promise<'aborted'>((resolve) => {
      if (signal.aborted) resolve('aborted');
      else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    const settled = await Promise.race([Promise.allSettled(sends), aborted]);
    if (settled === 'aborted') return retry(started, 'stopped before every publish was acknowledged');
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) return this.classify(started, failure.reason);
    const acks = settled.map((result) => (result as PromiseFulfilledResult<{ stream: string; duplicate: boolean }>).value);
    const duplicates = acks.filter((ack) => ack.duplicate).length;
    return delivered(started, `${acks.length} acknowledged by stream ${acks[0]?.stream ?? '?'}${duplicates > 0 ? ` (${duplicates} duplicates dropped by the stream)` : ''}`);
  }

  /** Connects and finds the stream that captures the subject: what the destination test answers. */
  async test(): Promise<SendOutcome> {
    const started = performance.now();
    const opened = await this.open(started);
    if ('verdict' in opened) return opened;
    try {
      const manager = await opened.connection.jetstreamManager();
      const stream = await manager.streams.find(this.options.subject);
      const info = await manager.streams.info(stream);
      const windowSeconds = Math.round((info.config.duplicate_window ?? 0) / 1e9);
      return delivered(started, `connected; stream ${stream} captures ${this.options.subject} (duplicate window ${windowSeconds} s)`);
    } catch (error) {
      const message = coerceError(error).message;
      if (/no stream matches subject/i.test(message)) return final(started, `no JetStream stream captures subject ${this.options.subject}; create one, then replay`);
      return this.classify(started, error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const pending = this.connection;
    this.connection = undefined;
    const connection = await pending?.catch(() => undefined);
    await connection?.close().catch(() => {});
  }

  private async open(started: number): Promise<{ connection: NatsConnection; js: JetStreamClient } | SendOutcome> {
    if (this.closed) return retry(started, 'the destination was closed');
    const hosts = this.options.servers.map((server) => new URL(server.includes('://') ? server : `nats://${server}`).hostname);
    const refusal = await firstPeerRefusal(hosts, this.options.allowPrivate);
    if (refusal) return final(started, `address refused: ${refusal}`);
    this.connection ??= connect({
      servers: [...this.options.servers],
      name: this.options.name,
      user: this.options.user,
      pass: this.options.password,
      token: this.options.token,
      timeout: this.options.timeoutMs,
      reconnect: true,
      maxReconnectAttempts: -1,
      ignoreClusterUpdates: true,
    });
    try {
      const connection = await this.connection;
      if (connection.isClosed()) throw Object.assign(new Error('the NATS connection closed'), { code: 'CONNECTION_CLOSED' });
      return { connection, js: connection.jetstream() };
    } catch (error) {
      // The next send connects again.
      this.connection = undefined;
      return this.classify(started, error);
    }
  }

  private classify(started: number, error: unknown): SendOutcome {
    const code = String((error as { code?: unknown }).code ?? '');
    const message = withoutCredentials(coerceError(error).message, [this.options.password ?? '', this.options.token ?? '']);
    if (AUTH_CODES.has(code)) return final(started, `NATS refused the credentials: ${message}`);
    if (code === '503') return final(started, `no JetStream stream captures subject ${this.options.subject} (no responders); create one, then replay`);
    return retry(started, `${message}${code && !message.includes(code) ? ` (${code})` : ''}`);
  }
}
