import { readCanonicalEvent } from '../destination-types/canonical-event.ts';

/**
 * The id a bus message carries, for the consumer's (or JetStream's) deduplication: the event's
 * message id, else its event id; an event a transformation left with neither gets one derived
 * from the batch's request id, which is the same on every retry.
 */
export function busMessageId(event: Readonly<Record<string, unknown>>, requestId: string, index: number): string {
  const id = readCanonicalEvent(event).messageId ?? (typeof event.id === 'string' && event.id !== '' ? event.id : undefined);
  return id ?? `${requestId}:${index}`;
}
