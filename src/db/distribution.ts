/**
 * How the schema spreads over a Citus cluster (docs/scaling.md). Every table is distributed by
 * `workspace_id`, all in one co-location group, except the few below. The rules the schema keeps
 * for that (distribution-rules.ts) are checked against PostgreSQL's catalog by
 * test/db/citus-readiness.test.ts, so a migration cannot quietly break them.
 */

/** The distribution column of every distributed table. */
export const DISTRIBUTION_COLUMN = 'workspace_id';

/**
 * Tables replicated whole to every node (`create_reference_table`), each with why. A reference
 * table is small, rarely written, and read before the workspace is known or by every workspace.
 */
export const REFERENCE_TABLES: Readonly<Record<string, string>> = Object.freeze({
  workspaces: 'the tenants themselves; every distributed table references it, and a slug is looked up before any workspace is known',
  meta: 'instance-wide settings (the secret box key); no workspace',
  operator_tokens: 'operators act across workspaces; looked up by token hash',
  link_salts: "one salt per day for every workspace's click address hashes",
  api_keys: 'looked up by key hash to learn the workspace; a few rows per workspace, written when a key is made',
  write_keys: 'looked up by key hash on every ingest request to learn the workspace; a few rows per workspace',
  partner_sessions: "looked up by token hash to learn the partner's workspace; one row per partner login",
  partner_login_links: "looked up by token hash to learn the partner's workspace; one row per login email",
});

/** Kysely's migration bookkeeping: local tables on the coordinator, neither distributed nor replicated. */
export const LOCAL_TABLES: readonly string[] = Object.freeze(['kysely_migration', 'kysely_migration_lock']);

/** How a table is placed: distributed by workspace, replicated, or local to the coordinator. */
export function placementOf(table: string): 'distributed' | 'reference' | 'local' {
  if (Object.hasOwn(REFERENCE_TABLES, table)) return 'reference';
  if (LOCAL_TABLES.includes(table)) return 'local';
  return 'distributed';
}
