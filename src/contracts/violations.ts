import type { Db } from '../db/index.ts';
import { isoOrNull } from '../lib/time.ts';
import type { ContractViolationRow } from './tables.ts';

export interface ViolationFilter {
  rule?: string | undefined;
  eventId?: string | undefined;
  action?: string | undefined;
  path?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** A contract's violations, newest first, fetched with limit + 1 for `has_more`. */
export async function listViolations(db: Db, workspaceId: string, contractId: string, filter: ViolationFilter): Promise<ContractViolationRow[]> {
  let query = db.kysely
    .selectFrom('contract_violations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contract_id', '=', contractId)
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.rule) query = query.where('rule', '=', filter.rule);
  if (filter.eventId) query = query.where('event_id', '=', filter.eventId);
  if (filter.action === 'warn' || filter.action === 'block') query = query.where('action', '=', filter.action);
  if (filter.path) query = query.where('path', '=', filter.path);
  if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  return query.execute();
}

/** Stored violations of some events, for the live stream's replay and cross-process deliveries. */
export async function violationsOfEvents(db: Db, workspaceId: string, eventIds: readonly string[]): Promise<ContractViolationRow[]> {
  if (eventIds.length === 0) return [];
  return db.kysely
    .selectFrom('contract_violations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('event_id', 'in', eventIds)
    .orderBy('id')
    .execute();
}

export function toViolationResource(row: ContractViolationRow) {
  return {
    id: row.id,
    contract_id: row.contract_id,
    event_id: row.event_id,
    event_type: row.event_type,
    event_name: row.event_name,
    action: row.action,
    rule: row.rule,
    path: row.path,
    value_type: row.value_type,
    message: row.message,
    created_at: isoOrNull(row.created_at),
  };
}
