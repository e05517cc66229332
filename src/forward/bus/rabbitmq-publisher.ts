import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { coerceError } from '../../errors/index.ts';
import type { OutgoingBatch, SendOutcome } from '../destination-types/destination-type.ts';
import { busMessageId } from './message-id.ts';
import { delivered, final, retry, withoutCredentials } from './outcomes.ts';
import { peerRefusal } from './peer-address.ts';

export interface RabbitMqPublisherOptions {
  /** `amqp://user:password@host:5672/vhost` (a secret: it carries the password). */
  readonly url: string;
  readonly exchange: string;
  readonly routingKey: string;
  readonly allowPrivate: boolean;
  readonly timeoutMs: number;
  /** The connection's name in the broker's management UI. */
  readonly name: string;
}

interface Opened {
  readonly model: ChannelModel;
  readonly channel: ConfirmChannel;
}

/** What the broker said when it closed a channel or refused a login, in AMQP reply codes. */
const FINAL_REPLY_CODES = new Set([403, 404, 406, 530]);

/**
 * Publishes batches to a RabbitMQ exchange on a confirm channel: every event a persistent message
 * (delivery mode 2, JSON, `message-id` = its message id, `type` = the event type), published with
 * `mandatory`, and the batch is delivered only when the broker has confirmed every message. A
 * message the broker returns (no queue bound for the routing key) fails the batch for good: the
 * broker would otherwise confirm a message that went nowhere. RabbitMQ does not deduplicate, so a
 * batch retried after a lost confirm is delivered again: at-least-once, consumers dedupe on
 * `message-id`.
 *
 * One connection and channel per destination, opened on the first send; a closed channel or
 * connection (a 404 for a missing exchange closes the channel) is opened again by the next send.
 */
export class RabbitMqPublisher {
  private state: Promise<Opened> | undefined;
  private closed = false;

  constructor(private readonly options: RabbitMqPublisherOptions) {}

  async publish(batch: OutgoingBatch, signal: AbortSignal): Promise<SendOutcome> {
    const started = performance.now();
    const opened = await this.open(started);
    if ('verdict' in opened) return opened;
    const { channel } = opened;
    const ids = batch.events.map((event, index) => busMessageId(event, batch.requestId, index));
    const returned = new Set<string>();
    const onReturn = (message: { properties: { messageId?: string } }) => {
      if (message.properties.messageId !== undefined) returned.add(message.properties.messageId);
    };
    let channelError: unknown;
    const onError = (error: unknown) => (channelError = error);
    channel.on('return', onReturn);
    channel.on('error', onError);
    try {
      const confirms = batch.events.map(
        (event, index) =>
          new Promise<void>((resolve, reject) => {
            channel.publish(
              this.options.exchange,
              this.options.routingKey,
              Buffer.from(JSON.stringify(event)),
              {
                persistent: true,
                mandatory: true,
                contentType: 'application/json',
                messageId: ids[index],
                type: typeof event.type === 'string' ? event.type : undefined,
                timestamp: Math.floor(Date.now() / 1000),
                appId: 'tributary',
              },
              (error: unknown) => (error ? reject(error) : resolve()),
            );
          }),
      );
      const outcome = await raceTimeout(Promise.all(confirms), this.options.timeoutMs, signal);
      if (outcome !== 'done') {
        this.reset();
        return retry(started, outcome === 'aborted' ? 'stopped before the broker confirmed' : `no confirm within ${this.options.timeoutMs} ms`);
      }
      if (returned.size > 0) {
        return final(started, `the broker returned ${returned.size} of ${ids.length} messages: no queue is bound to exchange "${this.options.exchange}" for routing key "${this.options.routingKey}"`);
      }
      return delivered(started, `${ids.length} confirmed by the broker`);
    } catch (error) {
      this.reset();
      return this.classify(started, channelError ?? error);
    } finally {
      channel.off('return', onReturn);
      channel.off('error', onError);
    }
  }

  /** Connects and checks the exchange exists: what the destination test answers. */
  async test(): Promise<SendOutcome> {
    const started = performance.now();
    const opened = await this.open(started);
    if ('verdict' in opened) return opened;
    // checkExchange closes the channel it runs on when the exchange is missing: use one of its own.
    try {
      const channel = await opened.model.createChannel();
      channel.on('error', () => {});
      await channel.checkExchange(this.options.exchange);
      await channel.close().catch(() => {});
      return delivered(started, `connected; exchange "${this.options.exchange}" exists`);
    } catch (error) {
      return this.classify(started, error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const state = await this.state?.catch(() => undefined);
    this.state = undefined;
    await state?.model.close().catch(() => {});
  }

  private async open(started: number): Promise<Opened | SendOutcome> {
    if (this.closed) return retry(started, 'the destination was closed');
    const url = new URL(this.options.url);
    const refusal = await peerRefusal(url.hostname, this.options.allowPrivate);
    if (refusal) return final(started, `address refused: ${refusal}`);
    if (!this.state) {
      const state: Promise<Opened> = (async () => {
        const model = await connect(this.options.url, { timeout: this.options.timeoutMs, clientProperties: { connection_name: this.options.name } });
        // A connection or channel the broker closes is forgotten (only if it is still the current one).
        const forget = () => {
          if (this.state === state) this.reset();
        };
        model.on('error', () => {});
        model.on('close', forget);
        const channel = await model.createConfirmChannel();
        channel.on('error', () => {});
        channel.on('close', forget);
        return { model, channel };
      })();
      this.state = state;
    }
    const state = this.state;
    try {
      return await state;
    } catch (error) {
      if (this.state === state) this.state = undefined;
      return this.classify(started, error);
    }
  }

  /** Forgets the connection (closing it): the next send opens a new one. */
  private reset(): void {
    const state = this.state;
    this.state = undefined;
    void state?.then((opened) => opened.model.close()).catch(() => {});
  }

  private classify(started: number, error: unknown): SendOutcome {
    const message = withoutCredentials(coerceError(error).message, [decodeURIComponent(new URL(this.options.url).password)]);
    const code = (error as { code?: unknown }).code;
    if ((typeof code === 'number' && FINAL_REPLY_CODES.has(code)) || /ACCESS[-_]REFUSED|NOT_ALLOWED|\b403\b/.test(message)) {
      return final(started, `the broker refused: ${message}`);
    }
    return retry(started, message);
  }
}

async function raceTimeout(work: Promise<unknown>, timeoutMs: number, signal: AbortSignal): Promise<'done' | 'timeout' | 'aborted'> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      work.then(() => 'done' as const),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
      new Promise<'aborted'>((resolve) => {
        onAbort = () => resolve('aborted');
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
