import type { Db, EventVolumeTable } from '../db/index.ts';
import type { PipelineStage } from '../pipeline/index.ts';

const HOUR = 3_600_000;

/**
 * Counts events per workspace, hour, type and name as they are processed, in the batch
 * transaction, so the volume endpoint reads a few counter rows instead of scanning events.
 */
export const eventVolumeStage: PipelineStage = {
  name: 'volume',
  async run(items, { trx }) {
    const counters = new Map<string, EventVolumeTable>();
    for (const { event } of items) {
      const hour = Math.floor(event.timestamp / HOUR) * HOUR;
      const name = event.name ?? '';
      const key = `${event.workspaceId}\u0000${hour}\u0000${event.type}\u0000${name}`;
      const counter = counters.get(key);
      if (counter) counter.event_count += 1;
      else counters.set(key, { workspace_id: event.workspaceId, hour_bucket: hour, event_type: event.type, event_name: name, event_count: 1 });
    }
    if (counters.size === 0) return;
    // Sorted so concurrent workers on PostgreSQL lock counter rows in the same order (no deadlock).
    const rows = [...counters.values()].sort((a, b) =>
      a.workspace_id === b.workspace_id
        ? a.hour_bucket - b.hour_bucket || a.event_type.localeCompare(b.event_type) || a.event_name.localeCompare(b.event_name)
        : a.workspace_id.localeCompare(b.workspace_id),
    );
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('event_volume')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'hour_bucket', 'event_type', 'event_name'])
            .doUpdateSet((eb) => ({ event_count: eb('event_volume.event_count', '+', eb.ref('excluded.event_count')) })),
        )
        .execute();
    }
  },
};

export interface VolumeBucket {
  event_type: string;
  event_name: string;
  hour_bucket: string;
  event_count: number;
}

/** Hourly counts for the last `hours` hours, newest first (seed 003's event-volume answer). */
export async function readEventVolume(db: Db, workspaceId: string, hours: number, now = Date.now()): Promise<VolumeBucket[]> {
  const since = Math.floor(now / HOUR) * HOUR - (hours - 1) * HOUR;
  const rows = await db.kysely
    .selectFrom('event_volume')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('hour_bucket', '>=', since)
    .orderBy('hour_bucket', 'desc')
    .orderBy('event_type')
    .orderBy('event_name')
    .execute();
  return rows.map((row) => ({
    event_type: row.event_type,
    event_name: row.event_name,
    hour_bucket: new Date(row.hour_bucket).toISOString().replace('.000Z', 'Z'),
    event_count: row.event_count,
  }));
}
