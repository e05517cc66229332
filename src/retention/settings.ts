import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { compileValidator } from '../http/validate.ts';
import { MAX_RETENTION_DAYS, RETENTION_FIELDS, retentionSettingsBody } from './api-schemas.ts';
import './tables.ts';

/**
 * How long a workspace keeps each kind of data, in days; null keeps it for ever. Money records
 * (transactions, conversions, obligations, payouts, ledger entries, distributions) and the
 * domain-event log are not here: nothing prunes them (see prune-targets.ts).
 */
export interface RetentionSettings {
  /** Canonical events (what the event lists, the live stream's resume and deliveries read). */
  events_days: number | null;
  /** Finished inbox rows (processed, blocked, failed for good), with their `/event/{slug}` answers. */
  inbox_days: number | null;
  /** Finished deliveries (delivered, failed, dead, dropped) and their attempts. */
  deliveries_days: number | null;
  /** Contract violations (debugging data). */
  violations_days: number | null;
  /** Hourly volume counters, by the hour the events happened. */
  volume_days: number | null;
}

export { MAX_RETENTION_DAYS, RETENTION_FIELDS };

/**
 * The settings of a workspace that never chose: three months of events and inbox rows (Segment's
 * and RudderStack's event-archive defaults are of that order), finished deliveries as long as
 * `FORWARD_RETENTION_DAYS` said before settings existed (30), a month of violations, volume
 * counters kept (one row per hour and event name: small, and what the volume chart reads).
 */
export function defaultRetention(deliveriesDays: number): RetentionSettings {
  return { events_days: 90, inbox_days: 90, deliveries_days: deliveriesDays, violations_days: 30, volume_days: null };
}

/** What the API answers: the settings, and when they were last changed (null: the defaults). */
export interface RetentionResource extends RetentionSettings {
  updated_at: string | null;
}

export async function readRetention(db: Kysely<Database>, workspaceId: string, defaults: RetentionSettings): Promise<RetentionResource> {
  const row = await db.selectFrom('retention_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) return { ...defaults, updated_at: null };
  const { workspace_id: _, updated_at, ...settings } = row;
  return { ...settings, updated_at: new Date(updated_at).toISOString() };
}

/** Every workspace's settings, for a pruning round: defaults where a workspace has no row. */
export async function readAllRetention(db: Kysely<Database>, defaults: RetentionSettings, workspaceId?: string): Promise<Map<string, RetentionSettings>> {
  let workspaces = db.selectFrom('workspaces').leftJoin('retention_settings', 'retention_settings.workspace_id', 'workspaces.id').select([
    'workspaces.id',
    'retention_settings.updated_at',
    ...RETENTION_FIELDS.map((field) => `retention_settings.${field}` as const),
  ]);
  if (workspaceId !== undefined) workspaces = workspaces.where('workspaces.id', '=', workspaceId);
  const rows = await workspaces.orderBy('workspaces.id').execute();
  return new Map(
    rows.map((row) => [
      row.id,
      row.updated_at === null
        ? { ...defaults }
        : { events_days: row.events_days, inbox_days: row.inbox_days, deliveries_days: row.deliveries_days, violations_days: row.violations_days, volume_days: row.volume_days },
    ]),
  );
}

/** A PUT replaces the settings whole: every field, an integer of days from 1 to 3650 or null. */
export const readRetentionInput = compileValidator<RetentionSettings>(retentionSettingsBody);

export async function writeRetention(db: Kysely<Database>, workspaceId: string, settings: RetentionSettings, now: number): Promise<void> {
  const values = { ...pick(settings), updated_at: now };
  await db
    .insertInto('retention_settings')
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .execute();
}

function pick(settings: RetentionSettings): RetentionSettings {
  return Object.fromEntries(RETENTION_FIELDS.map((field) => [field, settings[field]])) as unknown as RetentionSettings;
}
