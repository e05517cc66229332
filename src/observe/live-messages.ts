import { violationsOfEvents } from '../contracts/index.ts';
import type { Db, EventTable } from '../db/index.ts';
import type { LiveFilter, LiveMessage } from './live-subscriber.ts';
import { toEventResource } from '../pipeline/index.ts';

type Notes = Record<string, unknown>;

/** Ids per `in (…)` query: well under both dialects' parameter limits. */
const IDS_PER_QUERY = 500;

function toMessage(row: EventTable, notes: Notes): LiveMessage {
  return { id: row.id, type: row.type, name: row.name, json: JSON.stringify({ ...toEventResource(row), notes }) };
}

/**
 * Notes for events this process did not run (another process, or a replay): the contract
 * verdicts are rebuilt from the stored violations. Only `warned` can appear (allowed violations are
 * not stored and blocked events never become canonical events).
 */
async function storedNotes(db: Db, workspaceId: string, ids: readonly string[]): Promise<Map<string, Notes>> {
  const byEvent = new Map<string, Map<string, { contract_id: string; verdict: string; violations: unknown[] }>>();
  for (const row of await violationsOfEvents(db, workspaceId, ids)) {
    let contracts = byEvent.get(row.event_id);
    if (!contracts) byEvent.set(row.event_id, (contracts = new Map()));
    let verdict = contracts.get(row.contract_id);
    if (!verdict) contracts.set(row.contract_id, (verdict = { contract_id: row.contract_id, verdict: 'warned', violations: [] }));
    verdict.violations.push({ rule: row.rule, path: row.path, value_type: row.value_type, message: row.message, action: row.action });
  }
  const notes = new Map<string, Notes>();
  for (const [eventId, contracts] of byEvent) notes.set(eventId, { contracts: [...contracts.values()] });
  return notes;
}

/** Reads events by id (oldest first) as stream messages, with the notes given or rebuilt. */
export async function readLiveMessages(
  db: Db,
  workspaceId: string,
  ids: readonly string[],
  notes?: ReadonlyMap<string, Notes>,
): Promise<LiveMessage[]> {
  const messages: LiveMessage[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const slice = ids.slice(i, i + IDS_PER_QUERY);
    const rows = await db.kysely
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', slice)
      .orderBy('id')
      .execute();
    const known = notes ?? (await storedNotes(db, workspaceId, slice));
    for (const row of rows) messages.push(toMessage(row, known.get(row.id) ?? {}));
  }
  return messages;
}

/**
 * Events after `afterId` (UUIDv7, so id order is time order), oldest first, matching the filter:
 * what a reader missed before it reconnected with Last-Event-ID. Fetches `limit + 1` so the caller
 * can tell the reader when there were more than it will replay.
 */
export async function readReplay(db: Db, workspaceId: string, afterId: string, filter: LiveFilter, limit: number): Promise<LiveMessage[]> {
  let query = db.kysely
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit + 1);
  if (filter.types.length > 0) query = query.where('type', 'in', [...filter.types]);
  if (filter.names.length > 0) query = query.where('name', 'in', [...filter.names]);
  const rows = await query.execute();
  const notes = await storedNotes(db, workspaceId, rows.map((row) => row.id));
  return rows.map((row) => toMessage(row, notes.get(row.id) ?? {}));
}
