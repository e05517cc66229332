import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { ALL_EVENTS } from './event-types.ts';

/** What the outbox listener needs of an active subscription. */
export interface ActiveSubscription {
  readonly id: number;
  readonly destinationId: string;
  /** Null: every type (`*`). */
  readonly types: ReadonlySet<string> | null;
}

/** How long a workspace's subscriptions are reused before they are read again (other processes' changes). */
export const SUBSCRIPTION_CACHE_MS = 1000;
const MAX_WORKSPACES = 10_000;

/**
 * Active subscriptions per workspace, read at most once a second per workspace, so a flow in a
 * workspace without subscriptions costs a map lookup per domain event. Changes made through this
 * process's API invalidate at once; changes from other processes (and a receiver's 410 pausing a
 * subscription) show within SUBSCRIPTION_CACHE_MS. Reads go through the flow's transaction: on
 * SQLite it holds the only connection.
 */
export class SubscriptionCache {
  private readonly entries = new Map<string, { loadedAt: number; subscriptions: ActiveSubscription[] }>();

  constructor(private readonly ttlMs = SUBSCRIPTION_CACHE_MS) {}

  async activeFor(trx: Kysely<Database>, workspaceId: string, now: number): Promise<ActiveSubscription[]> {
    const entry = this.entries.get(workspaceId);
    if (entry && now - entry.loadedAt < this.ttlMs) return entry.subscriptions;
    const rows = await trx
      .selectFrom('siren_webhooks as w')
      .innerJoin('destinations as d', (join) => join.onRef('d.id', '=', 'w.destination_id').onRef('d.workspace_id', '=', 'w.workspace_id'))
      .select(['w.id', 'w.destination_id', 'w.events'])
      .where('w.workspace_id', '=', workspaceId)
      .where('d.workspace_id', '=', workspaceId)
      .where('d.enabled', '=', 1)
      .orderBy('w.id')
      .execute();
    const subscriptions = rows.map((row): ActiveSubscription => {
      const events = JSON.parse(row.events) as string[];
      return { id: row.id, destinationId: row.destination_id, types: events.includes(ALL_EVENTS) ? null : new Set(events) };
    });
    if (this.entries.size >= MAX_WORKSPACES) this.entries.clear();
    this.entries.set(workspaceId, { loadedAt: now, subscriptions });
    return subscriptions;
  }

  /** A subscription of the workspace was created or deleted in this process. */
  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }
}

export function subscribes(subscription: ActiveSubscription, type: string): boolean {
  return subscription.types === null || subscription.types.has(type);
}
