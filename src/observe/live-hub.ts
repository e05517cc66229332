import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';
import type { PipelineItem } from '../pipeline/index.ts';
import { readLiveMessages } from './live-messages.ts';
import { channelName, chunkNotices, LivePgChannel, type LiveNotice } from './live-pg-channel.ts';
import type { LiveSubscriber } from './live-subscriber.ts';

type Notes = Record<string, unknown>;

/** Deliveries waiting for their events to be read; beyond this, readers get a `gap` notice instead. */
const MAX_PENDING_DELIVERIES = 256;

/**
 * Fans new canonical events out to live readers. The worker calls `publish` after each committed
 * batch; it only queues work and returns, so readers never slow ingestion. Deliveries read the
 * events by id, one after another, so readers see batches in commit order. On PostgreSQL every
 * batch is also announced with NOTIFY (ids only); other processes with readers of that workspace
 * read the events and deliver them too.
 */
export class LiveHub {
  /** Tells this process's own notices apart from other processes'. */
  readonly origin = randomBytes(8).toString('hex');
  private readonly subscribers = new Map<string, Set<LiveSubscriber>>();
  private readonly channel: LivePgChannel | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {
    if (db.dialect.supportsListenNotify) {
      this.channel = new LivePgChannel(db, channelName(config.databaseSchema), (notice) => this.onNotice(notice), logger);
    }
  }

  /** Readers connected to this process, all workspaces. */
  get readerCount(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /** Adds a reader; on PostgreSQL, resolves once this process listens for other processes' events. */
  async subscribe(subscriber: LiveSubscriber): Promise<() => void> {
    let set = this.subscribers.get(subscriber.workspaceId);
    if (!set) this.subscribers.set(subscriber.workspaceId, (set = new Set()));
    set.add(subscriber);
    this.heartbeat ??= setInterval(() => this.beat(), this.config.liveHeartbeatMs);
    this.heartbeat.unref();
    await this.channel?.listen();
    return () => this.remove(subscriber);
  }

  remove(subscriber: LiveSubscriber): void {
    const set = this.subscribers.get(subscriber.workspaceId);
    if (!set?.delete(subscriber)) return;
    if (set.size === 0) this.subscribers.delete(subscriber.workspaceId);
    if (this.subscribers.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  /** Called after a batch commits, with its items; blocked items never became events and are skipped. */
  publish(items: readonly PipelineItem[]): void {
    if (this.closed) return;
    const byWorkspace = new Map<string, { ids: string[]; notes: Map<string, Notes> }>();
    for (const item of items) {
      if (item.blockedReason !== undefined) continue;
      const ws = item.event.workspaceId;
      let entry = byWorkspace.get(ws);
      if (!entry) byWorkspace.set(ws, (entry = { ids: [], notes: new Map() }));
      entry.ids.push(item.event.id);
      entry.notes.set(item.event.id, item.notes);
    }
    for (const [workspaceId, { ids, notes }] of byWorkspace) {
      this.channel?.notify(chunkNotices(this.origin, workspaceId, ids));
      if (this.subscribers.has(workspaceId)) this.deliver(workspaceId, ids, notes);
    }
  }

  /**
   * Drops these events from this process's readers' buffers (a regulation erased them); answers
   * how many frames were dropped. Deliveries still queued read the events by id when their turn
   * comes, and find them gone.
   */
  forget(workspaceId: string, eventIds: readonly string[]): number {
    const set = this.subscribers.get(workspaceId);
    if (!set) return 0;
    const ids = new Set(eventIds);
    let dropped = 0;
    for (const subscriber of set) dropped += subscriber.forget(ids);
    return dropped;
  }

  /** Ends every stream and stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.close();
    this.subscribers.clear();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await this.channel?.close();
    await this.chain;
  }

  private onNotice(notice: LiveNotice): void {
    if (this.closed || notice.o === this.origin || !this.subscribers.has(notice.w)) return;
    this.deliver(notice.w, notice.i, undefined);
  }

  private deliver(workspaceId: string, ids: readonly string[], notes: ReadonlyMap<string, Notes> | undefined): void {
    if (this.pending >= MAX_PENDING_DELIVERIES) {
      // The database cannot keep up with reads for the live view; tell readers rather than queue without end.
      for (const subscriber of this.subscribers.get(workspaceId) ?? []) subscriber.notice('gap', { missed: ids.length });
      return;
    }
    this.pending += 1;
    this.chain = this.chain
      .then(async () => {
        if (this.closed || !this.subscribers.has(workspaceId)) return;
        const messages = await readLiveMessages(this.db, workspaceId, ids, notes);
        for (const subscriber of this.subscribers.get(workspaceId) ?? []) {
          for (const message of messages) subscriber.send(message);
        }
      })
      .catch((error: unknown) => this.logger.warn({ err: coerceError(error) }, 'live stream delivery failed'))
      .finally(() => {
        this.pending -= 1;
      });
  }

  private beat(): void {
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.comment('heartbeat');
  }
}
