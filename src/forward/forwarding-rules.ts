import type { Db } from '../db/index.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import type { ForwardingRuleRow } from './tables.ts';

export interface RuleInput {
  name: string;
  destination_id: string;
  event_types: string[];
  event_names: string[];
  transformation_id: string | null;
  enabled: boolean;
}

/** A forwarding rule exactly as seed 003 shows it. */
export function toRuleResource(row: ForwardingRuleRow) {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    name: row.name,
    destination_id: row.destination_id,
    event_types: JSON.parse(row.event_types) as string[],
    event_names: JSON.parse(row.event_names) as string[],
    transformation_id: row.transformation_id,
    enabled: row.enabled === 1,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}

/** The destination and transformation a rule names must be in the same workspace. */
async function referenceErrors(db: Db, workspaceId: string, input: Partial<RuleInput>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.destination_id !== undefined) {
    const found = await db.kysely
      .selectFrom('destinations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.destination_id)
      .executeTakeFirst();
    if (!found) errors.push({ field: 'destination_id', message: 'is not a destination of this workspace' });
  }
  if (input.transformation_id) {
    const found = await db.kysely
      .selectFrom('event_transformations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', input.transformation_id)
      .executeTakeFirst();
    if (!found) errors.push({ field: 'transformation_id', message: 'is not a transformation of this workspace' });
  }
  return errors;
}

export async function createRule(db: Db, workspaceId: string, input: RuleInput): Promise<ForwardingRuleRow> {
  const errors = await referenceErrors(db, workspaceId, input);
  if (errors.length > 0) throw AppError.validation(errors);
  const now = Date.now();
  const row: ForwardingRuleRow = {
    id: newId(),
    workspace_id: workspaceId,
    name: input.name,
    destination_id: input.destination_id,
    event_types: JSON.stringify(input.event_types),
    event_names: JSON.stringify(input.event_names),
    transformation_id: input.transformation_id,
    enabled: input.enabled ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await db.kysely.insertInto('forwarding_rules').values(row).execute();
  return row;
}

export async function listRules(db: Db, workspaceId: string): Promise<ForwardingRuleRow[]> {
  return db.kysely.selectFrom('forwarding_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
}

export async function getRule(db: Db, workspaceId: string, id: string): Promise<ForwardingRuleRow> {
  const row = await db.kysely
    .selectFrom('forwarding_rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('Forwarding rule');
  return row;
}

export async function updateRule(db: Db, workspaceId: string, id: string, input: Partial<RuleInput>): Promise<ForwardingRuleRow> {
  const current = await getRule(db, workspaceId, id);
  const errors = await referenceErrors(db, workspaceId, input);
  if (errors.length > 0) throw AppError.validation(errors);
  const changes: Partial<ForwardingRuleRow> = { updated_at: Date.now() };
  if (input.name !== undefined) changes.name = input.name;
  if (input.destination_id !== undefined) changes.destination_id = input.destination_id;
  if (input.event_types !== undefined) changes.event_types = JSON.stringify(input.event_types);
  if (input.event_names !== undefined) changes.event_names = JSON.stringify(input.event_names);
  if (input.transformation_id !== undefined) changes.transformation_id = input.transformation_id;
  if (input.enabled !== undefined) changes.enabled = input.enabled ? 1 : 0;
  await db.kysely.updateTable('forwarding_rules').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return { ...current, ...changes };
}

/** Deletes the rule; deliveries it already queued still go out. */
export async function deleteRule(db: Db, workspaceId: string, id: string): Promise<void> {
  await getRule(db, workspaceId, id);
  await db.kysely.deleteFrom('forwarding_rules').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
