import type { Writable } from 'node:stream';

/** What a reader asked to see: exact event types and names (empty = all). */
export interface LiveFilter {
  readonly types: readonly string[];
  readonly names: readonly string[];
}

/** One event ready to go out: its id (the SSE `id:`), what filters look at, and its JSON. */
export interface LiveMessage {
  readonly id: string;
  readonly type: string;
  readonly name: string | null;
  readonly json: string;
}

export function matches(filter: LiveFilter, message: { type: string; name: string | null }): boolean {
  if (filter.types.length > 0 && !filter.types.includes(message.type)) return false;
  if (filter.names.length > 0 && (message.name === null || !filter.names.includes(message.name))) return false;
  return true;
}

/**
 * One SSE reader. States: holding (replaying missed events; live messages queue up) → streaming
 * (the queue drains into the socket while it accepts writes; when `write` returns false we wait for
 * `drain`) → closed. Whatever the state, more than `maxBuffered` queued messages means the reader
 * cannot keep up: it is cut off, so publishing never waits on a reader and memory stays bounded.
 */
export class LiveSubscriber {
  /** Frames waiting for the socket; `id` is set for events, so a replay can drop its duplicates. */
  private queue: Array<{ id?: string; chunk: string }> = [];
  private readonly sent = new Set<string>();
  private holding = true;
  private waitingForDrain = false;
  private closed = false;

  constructor(
    private readonly out: Writable,
    readonly workspaceId: string,
    readonly filter: LiveFilter,
    private readonly maxBuffered: number,
    private readonly onCutOff: (subscriber: LiveSubscriber) => void,
  ) {
    out.on('drain', () => {
      this.waitingForDrain = false;
      this.pump();
    });
    // A reset connection must not become an unhandled 'error' that takes the process down.
    out.on('error', () => {
      this.closed = true;
      this.queue = [];
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Messages waiting for the socket. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Queues an event if it passes the filter and was not already sent by the replay. */
  send(message: LiveMessage): void {
    if (this.closed || !matches(this.filter, message)) return;
    if (this.sent.size > 0 && this.sent.has(message.id)) return;
    this.enqueue(`id: ${message.id}\ndata: ${message.json}\n\n`, message.id);
  }

  /** Writes replayed events before anything queued live, remembering their ids to skip duplicates. */
  replay(messages: readonly LiveMessage[]): void {
    if (this.closed) return;
    for (const message of messages) {
      if (!matches(this.filter, message)) continue;
      this.sent.add(message.id);
      if (!this.out.write(`id: ${message.id}\ndata: ${message.json}\n\n`)) this.waitingForDrain = true;
    }
  }

  /** Ends the replay: live messages queued meanwhile start flowing, minus those the replay sent. */
  release(): void {
    if (this.sent.size > 0) this.queue = this.queue.filter((entry) => entry.id === undefined || !this.sent.has(entry.id));
    this.holding = false;
    this.pump();
  }

  /** An SSE comment (heartbeat); skipped when data is already waiting, which keeps the line alive anyway. */
  comment(text: string): void {
    if (this.closed || this.queue.length > 0 || this.waitingForDrain) return;
    this.enqueue(`: ${text}\n\n`);
  }

  /** A named SSE event without an id (e.g. `gap` when a replay was cut short). */
  notice(event: string, data: unknown): void {
    if (this.closed) return;
    this.enqueue(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Drops queued frames of these events (a person's data being erased); answers how many. */
  forget(ids: ReadonlySet<string>): number {
    const before = this.queue.length;
    this.queue = this.queue.filter((entry) => entry.id === undefined || !ids.has(entry.id));
    return before - this.queue.length;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.out.end();
  }

  private enqueue(chunk: string, id?: string): void {
    this.queue.push(id === undefined ? { chunk } : { id, chunk });
    if (this.queue.length > this.maxBuffered) {
      this.closed = true;
      this.queue.length = 0;
      this.out.destroy();
      this.onCutOff(this);
      return;
    }
    this.pump();
  }

  private pump(): void {
    if (this.holding || this.closed) return;
    while (!this.waitingForDrain && this.queue.length > 0) {
      if (!this.out.write(this.queue.shift()!.chunk)) this.waitingForDrain = true;
    }
  }
}
