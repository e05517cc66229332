/**
 * Segment's clock-skew correction: a device whose clock is off stamps both `timestamp` and
 * `sentAt` with the same error, so receivedAt − (sentAt − timestamp) is the event's time on the
 * server's clock. Without sentAt the client's timestamp stands; without either, receivedAt.
 */
export function correctedTimestamp(receivedAt: number, original: number | undefined, sentAt: number | undefined): number {
  if (original === undefined) return receivedAt;
  if (sentAt === undefined) return original;
  return receivedAt - (sentAt - original);
}
