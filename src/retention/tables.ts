/**
 * Table types of migration 0016, merged into the shared `Database` interface so the retention
 * module owns its table. A workspace without a row keeps the defaults; in a row, NULL is "keep".
 */
declare module '../db/schema.ts' {
  interface Database {
    retention_settings: RetentionSettingsTable;
  }
}

export interface RetentionSettingsTable {
  workspace_id: string;
  events_days: number | null;
  inbox_days: number | null;
  deliveries_days: number | null;
  violations_days: number | null;
  volume_days: number | null;
  updated_at: number;
}
