/**
 * Table types of migration 0018. They extend the shared `Database` interface by declaration
 * merging, so the rate-limits module owns its table without growing `db/schema.ts`.
 */
declare module '../db/schema.ts' {
  interface Database {
    workspace_rate_limits: WorkspaceRateLimitsTable;
  }
}

/** A workspace's own limits; a null pair follows the server's default. */
export interface WorkspaceRateLimitsTable {
  workspace_id: string;
  write_key_per_second: number | null;
  write_key_burst: number | null;
  api_key_per_second: number | null;
  api_key_burst: number | null;
  updated_at: number;
}
