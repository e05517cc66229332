import type { Db } from '../db/index.ts';
import { toEventResource } from '../pipeline/index.ts';
import type { Transformer } from '../transform/transformer.ts';
import type { ClaimedDelivery } from './tables.ts';

/** What one claimed delivery will send, or why it will not. */
export type PreparedDelivery =
  | { readonly row: ClaimedDelivery; readonly kind: 'send'; readonly events: readonly Record<string, unknown>[] }
  | { readonly row: ClaimedDelivery; readonly kind: 'dropped'; readonly note: string; readonly durationMs: number }
  | { readonly row: ClaimedDelivery; readonly kind: 'failed'; readonly error: string; readonly durationMs: number };

/**
 * Reads the canonical events of a claimed batch (except those the caller already has, in `known`
 * by id) and runs each rule's transformation over them.
 * The event is sent in the same shape as the events API shows it. A transformation that throws
 * (or times out, or runs out of memory) fails that delivery only, with the sandbox's message;
 * one that returns null drops it. A row that carries its own rendered `payload` (a Siren webhook)
 * is sent as it is.
 */
export async function prepareDeliveries(
  db: Db,
  transformer: Transformer | undefined,
  rows: readonly ClaimedDelivery[],
  known?: ReadonlyMap<string, Record<string, unknown>>,
): Promise<PreparedDelivery[]> {
  if (rows.length === 0) return [];
  const workspaceId = rows[0]!.workspace_id;
  const events = new Map<string, Record<string, unknown>>(known);
  const eventIds = [...new Set(rows.flatMap((row) => (row.payload == null && !events.has(row.event_id) ? [row.event_id] : [])))];
  if (eventIds.length > 0) {
    const eventRows = await db.kysely.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', eventIds).execute();
    for (const row of eventRows) events.set(row.id, toEventResource(row));
  }

  const transformationIds = [...new Set(rows.flatMap((row) => (row.transformation_id ? [row.transformation_id] : [])))];
  const sources = new Map<string, string>();
  if (transformationIds.length > 0) {
    const found = await db.kysely
      .selectFrom('event_transformations')
      .select(['id', 'source_code'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', transformationIds)
      .execute();
    for (const row of found) sources.set(row.id, row.source_code);
  }

  const prepared = new Map<string, PreparedDelivery>();
  const byTransformation = new Map<string, ClaimedDelivery[]>();
  for (const row of rows) {
    if (row.payload != null) {
      prepared.set(row.id, { row, kind: 'send', events: [JSON.parse(row.payload) as Record<string, unknown>] });
    } else if (!events.has(row.event_id)) {
      prepared.set(row.id, { row, kind: 'failed', error: `event ${row.event_id} no longer exists`, durationMs: 0 });
    } else if (row.transformation_id === null) {
      prepared.set(row.id, { row, kind: 'send', events: [events.get(row.event_id)!] });
    } else if (!sources.has(row.transformation_id)) {
      prepared.set(row.id, { row, kind: 'failed', error: `transformation ${row.transformation_id} no longer exists`, durationMs: 0 });
    } else if (!transformer) {
      prepared.set(row.id, { row, kind: 'failed', error: 'transformations are not available in this process', durationMs: 0 });
    } else {
      const group = byTransformation.get(row.transformation_id) ?? [];
      group.push(row);
      byTransformation.set(row.transformation_id, group);
    }
  }
  for (const [transformationId, group] of byTransformation) {
    const outcomes = await transformer!.runMany(
      sources.get(transformationId)!,
      // No copy: runMany never changes its input (the sandbox works on a serialised copy).
      group.map((row) => events.get(row.event_id)!),
      {},
      // One workspace's saved transformation: the sandbox may keep its context for the next round.
      { reuseKey: transformationId },
    );
    group.forEach((row, index) => {
      const outcome = outcomes[index];
      if (!outcome) {
        prepared.set(row.id, { row, kind: 'failed', error: 'transformation returned no outcome', durationMs: 0 });
      } else if (!outcome.ok) {
        prepared.set(row.id, { row, kind: 'failed', error: `transformation failed: ${outcome.error}`, durationMs: outcome.durationMs });
      } else if (outcome.events.length === 0) {
        prepared.set(row.id, { row, kind: 'dropped', note: 'the transformation dropped the event', durationMs: outcome.durationMs });
      } else {
        prepared.set(row.id, { row, kind: 'send', events: outcome.events });
      }
    });
  }
  return rows.map((row) => prepared.get(row.id)!);
}
