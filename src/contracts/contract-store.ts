import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import type { ContractStatus, EnforcementMode, EventContractRow, EventContractTable } from './tables.ts';

/** The fields a user may set; on update every field is optional. */
export interface ContractInput {
  name: string;
  description: string | null;
  event_type: string;
  event_name: string | null;
  schema_definition: Record<string, unknown>;
  enforcement_mode: EnforcementMode;
  undeclared_fields: EnforcementMode;
  status: ContractStatus;
}

/** A contract as the API shows it (seed 003's Contract Object plus description and times). */
export function toContractResource(row: EventContractRow) {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    name: row.name,
    description: row.description,
    event_type: row.event_type,
    event_name: row.event_name === '' ? null : row.event_name,
    schema_definition: JSON.parse(row.schema_definition) as unknown,
    enforcement_mode: row.enforcement_mode,
    undeclared_fields: row.undeclared_fields,
    status: row.status,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}

/** Bumps the workspace's contract version in the caller's transaction, so caches elsewhere reload. */
async function bumpVersion(trx: Kysely<Database>, workspaceId: string): Promise<void> {
  await trx
    .insertInto('contract_versions')
    .values({ workspace_id: workspaceId, version: 1 })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet((eb) => ({ version: eb('contract_versions.version', '+', 1) })))
    .execute();
}

export async function createContract(db: Db, workspaceId: string, input: ContractInput): Promise<EventContractRow> {
  const now = Date.now();
  const row: EventContractTable = {
    id: newId(),
    workspace_id: workspaceId,
    name: input.name,
    description: input.description,
    event_type: input.event_type,
    event_name: input.event_name ?? '',
    schema_definition: JSON.stringify(input.schema_definition),
    enforcement_mode: input.enforcement_mode,
    undeclared_fields: input.undeclared_fields,
    status: input.status,
    created_at: now,
    updated_at: now,
  };
  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('event_contracts').values(row).execute();
    await bumpVersion(trx, workspaceId);
  });
  return row;
}

/** The contract, read with `executor` (the database or a transaction); 404 when another workspace's or unknown. */
export async function getContract(executor: Kysely<Database>, workspaceId: string, id: string): Promise<EventContractRow> {
  const row = await executor
    .selectFrom('event_contracts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('Contract');
  return row;
}

export async function listContracts(
  db: Db,
  workspaceId: string,
  filter: { status?: string | undefined; eventType?: string | undefined; eventName?: string | undefined },
): Promise<EventContractRow[]> {
  let query = db.kysely.selectFrom('event_contracts').selectAll().where('workspace_id', '=', workspaceId).orderBy('id');
  if (filter.status) query = query.where('status', '=', filter.status as ContractStatus);
  if (filter.eventType) query = query.where('event_type', '=', filter.eventType);
  if (filter.eventName) query = query.where('event_name', '=', filter.eventName);
  return query.execute();
}

/** Applies the given fields; the others keep their values. */
export async function updateContract(
  db: Db,
  workspaceId: string,
  id: string,
  changes: Partial<ContractInput>,
): Promise<EventContractRow> {
  return db.kysely.transaction().execute(async (trx) => {
    const set: Partial<EventContractTable> = { updated_at: Date.now() };
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.event_type !== undefined) set.event_type = changes.event_type;
    if (changes.event_name !== undefined) set.event_name = changes.event_name ?? '';
    if (changes.schema_definition !== undefined) set.schema_definition = JSON.stringify(changes.schema_definition);
    if (changes.enforcement_mode !== undefined) set.enforcement_mode = changes.enforcement_mode;
    if (changes.undeclared_fields !== undefined) set.undeclared_fields = changes.undeclared_fields;
    if (changes.status !== undefined) set.status = changes.status;
    const result = await trx
      .updateTable('event_contracts')
      .set(set)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw AppError.notFound('Contract');
    await bumpVersion(trx, workspaceId);
    return trx.selectFrom('event_contracts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}

/** Deletes the contract and its violations: a violation without its contract explains nothing. */
export async function deleteContract(db: Db, workspaceId: string, id: string): Promise<EventContractRow> {
  return db.kysely.transaction().execute(async (trx) => {
    const row = await getContract(trx, workspaceId, id);
    await trx.deleteFrom('contract_violations').where('workspace_id', '=', workspaceId).where('contract_id', '=', id).execute();
    await trx.deleteFrom('event_contracts').where('id', '=', id).execute();
    await bumpVersion(trx, workspaceId);
    return row;
  });
}
