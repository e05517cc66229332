import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/** What the forwarding stage needs of an enabled rule whose destination is enabled. */
export interface ActiveRule {
  readonly id: string;
  readonly destinationId: string;
  readonly transformationId: string | null;
  /** Empty sets match everything. */
  readonly eventTypes: ReadonlySet<string>;
  readonly eventNames: ReadonlySet<string>;
}

/** How long a workspace's rules are reused before they are read again (changes from other processes). */
export const RULE_CACHE_MS = 1000;
const MAX_WORKSPACES = 10_000;

/**
 * Active rules per workspace, read at most once a second per workspace. Changes made through this
 * process's API invalidate at once; changes from other processes show within RULE_CACHE_MS.
 * Reads go through the caller's transaction: on SQLite the batch transaction holds the only
 * connection, so a read outside it would wait for itself.
 */
export class RuleCache {
  private readonly entries = new Map<string, { loadedAt: number; rules: ActiveRule[] }>();

  constructor(private readonly ttlMs = RULE_CACHE_MS) {}

  async rulesFor(executor: Kysely<Database>, workspaceId: string, now = Date.now()): Promise<ActiveRule[]> {
    const entry = this.entries.get(workspaceId);
    if (entry && now - entry.loadedAt < this.ttlMs) return entry.rules;
    const rows = await executor
      .selectFrom('forwarding_rules as r')
      .innerJoin('destinations as d', (join) => join.onRef('d.id', '=', 'r.destination_id').onRef('d.workspace_id', '=', 'r.workspace_id'))
      .select(['r.id', 'r.destination_id', 'r.transformation_id', 'r.event_types', 'r.event_names'])
      .where('r.workspace_id', '=', workspaceId)
      .where('d.workspace_id', '=', workspaceId)
      .where('r.enabled', '=', 1)
      .where('d.enabled', '=', 1)
      .orderBy('r.id')
      .execute();
    const rules = rows.map((row) => ({
      id: row.id,
      destinationId: row.destination_id,
      transformationId: row.transformation_id,
      eventTypes: new Set(JSON.parse(row.event_types) as string[]),
      eventNames: new Set(JSON.parse(row.event_names) as string[]),
    }));
    if (this.entries.size >= MAX_WORKSPACES) this.entries.clear();
    this.entries.set(workspaceId, { loadedAt: now, rules });
    return rules;
  }

  /** A rule or destination of the workspace changed in this process. */
  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }
}

export function ruleMatches(rule: ActiveRule, type: string, name: string | null): boolean {
  if (rule.eventTypes.size > 0 && !rule.eventTypes.has(type)) return false;
  if (rule.eventNames.size > 0 && (name === null || !rule.eventNames.has(name))) return false;
  return true;
}
