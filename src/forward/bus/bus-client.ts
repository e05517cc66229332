import type { FieldError } from '../../errors/index.ts';
import type { DestinationClient, OutgoingBatch, SendOutcome } from '../destination-types/destination-type.ts';

/** What the NATS, RabbitMQ and Redis publishers have in common: one connection, published to. */
export interface BusPublisher {
  publish(batch: OutgoingBatch, signal: AbortSignal): Promise<SendOutcome>;
  test(): Promise<SendOutcome>;
  close(): Promise<void>;
}

/** A bus publisher as the delivery worker's client: sends publish, the test checks the connection. */
export function busClient(publisher: BusPublisher): DestinationClient {
  return {
    send: (batch, signal) => publisher.publish(batch, signal),
    test: () => publisher.test(),
    close: () => publisher.close(),
  };
}

/** A connection URL's field errors: it must parse and name a host (`scheme` words the message). */
export function connectionUrlProblems(url: string, scheme: string): FieldError[] {
  try {
    return new URL(url).hostname === '' ? [{ field: 'url', message: 'must name a host' }] : [];
  } catch {
    return [{ field: 'url', message: `must be ${scheme} URL` }];
  }
}
