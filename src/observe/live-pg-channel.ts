import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay well below. */
export const MAX_PAYLOAD_BYTES = 7500;

/** What one NOTIFY carries: the sending hub, the workspace, and event ids (fetched by the reader). */
export interface LiveNotice {
  o: string;
  w: string;
  i: string[];
}

/**
 * Splits ids into payloads under the limit. Ids are ASCII UUIDs, so string length is byte length;
 * an id longer than the whole budget cannot happen (ids are 36 characters).
 */
export function chunkNotices(origin: string, workspaceId: string, ids: readonly string[]): string[] {
  const payloads: string[] = [];
  const overhead = JSON.stringify({ o: origin, w: workspaceId, i: [] }).length;
  let current: string[] = [];
  let size = overhead;
  for (const id of ids) {
    const cost = id.length + 3;
    if (current.length > 0 && size + cost > MAX_PAYLOAD_BYTES) {
      payloads.push(JSON.stringify({ o: origin, w: workspaceId, i: current }));
      current = [];
      size = overhead;
    }
    current.push(id);
    size += cost;
  }
  if (current.length > 0) payloads.push(JSON.stringify({ o: origin, w: workspaceId, i: current }));
  return payloads;
}

/**
 * The channel name: NOTIFY is per database, not per schema, so processes on other schemas of the
 * same database (tests, staging next to production) must not hear each other.
 */
export function channelName(schema: string | undefined): string {
  return `trb_live_${createHash('sha256').update(schema ?? 'public').digest('hex').slice(0, 24)}`;
}

/**
 * LISTEN on one connection of its own (Db.listen) for as long as the channel is open; a lost
 * connection is replaced after a second. Events notified while it was down are not heard: readers
 * recover them with Last-Event-ID.
 */
export class LivePgChannel {
  private unlisten: (() => Promise<void>) | undefined;
  private starting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Pick<Db, 'listen' | 'notify'>,
    private readonly channel: string,
    private readonly onNotice: (notice: LiveNotice) => void,
    private readonly logger: Logger,
  ) {}

  /** Starts listening if not already; resolves once LISTEN has run (or failed and will retry). */
  listen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.unlisten) return Promise.resolve();
    this.starting ??= this.connect().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Sends notices; a failure loses only the live view of those events. */
  notify(payloads: readonly string[]): void {
    for (const payload of payloads) {
      this.db.notify(this.channel, payload).catch((error: unknown) => {
        this.logger.warn({ err: coerceError(error) }, 'live stream notify failed');
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.starting;
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    await unlisten?.();
  }

  private async connect(): Promise<void> {
    try {
      let unlisten: (() => Promise<void>) | undefined;
      unlisten = await this.db.listen(this.channel, (payload) => this.heard(payload), (error) => this.lost(unlisten, error));
      if (this.closed) {
        await unlisten();
        return;
      }
      this.unlisten = unlisten;
    } catch (error) {
      this.logger.warn({ err: coerceError(error) }, 'live stream listen failed; retrying');
      this.scheduleRetry();
    }
  }

  private heard(payload: string): void {
    try {
      this.onNotice(JSON.parse(payload) as LiveNotice);
    } catch (error) {
      this.logger.warn({ err: coerceError(error) }, 'unreadable live stream notice');
    }
  }

  private lost(unlisten: (() => Promise<void>) | undefined, error: unknown): void {
    if (unlisten === undefined || this.unlisten !== unlisten) return;
    this.unlisten = undefined;
    this.logger.warn({ err: coerceError(error) }, 'live stream listener lost its connection');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    this.retryTimer = setTimeout(() => void this.listen(), 1000);
    this.retryTimer.unref();
  }
}
