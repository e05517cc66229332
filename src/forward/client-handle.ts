import type { DestinationClient } from './destination-types/destination-type.ts';

/**
 * A destination's open client in a delivery worker, and who is using it. States:
 * `open` (sends may start) → `retired` (the destination's config changed or the worker stops: no
 * new sends; closed when the last one ends) → `closed`. An HTTP type's close is a no-op; a
 * connection type (a broker, a database) releases its connection when it is no longer in use.
 */
export class ClientHandle {
  private sending = 0;
  private state: 'open' | 'retired' | 'closed' = 'open';
  private closing: Promise<void> | undefined;

  /** @param version the destination's `updated_at` when the client was opened: a newer one replaces it. */
  constructor(
    readonly client: DestinationClient,
    readonly version: number,
  ) {}

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** Runs one send on the client; its slot in the use count ends with the send. */
  async use<T>(send: (client: DestinationClient) => Promise<T>): Promise<T> {
    this.sending += 1;
    try {
      return await send(this.client);
    } finally {
      this.sending -= 1;
      if (this.state === 'retired' && this.sending === 0) void this.close();
    }
  }

  /** No new sends; the client closes once the sends under way have ended. Resolves when closed. */
  retire(): Promise<void> {
    if (this.state === 'open') this.state = 'retired';
    return this.sending === 0 ? this.close() : Promise.resolve();
  }

  private close(): Promise<void> {
    if (this.closing) return this.closing;
    this.state = 'closed';
    this.closing = (this.client.close?.() ?? Promise.resolve()).catch(() => {});
    return this.closing;
  }
}
