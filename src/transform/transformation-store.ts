import type { Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import type { EventTransformationRow, EventTransformationTable, TransformationStatus } from './tables.ts';

/** The transformation object of seed 003, plus `error` (why `status` is `error`). */
export interface TransformationResource {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  source_code: string;
  test_input: Record<string, unknown> | null;
  /** The expected result: an object, an array of objects, or null (the event is dropped). */
  test_output: unknown;
  status: TransformationStatus;
  error: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/** What create and update write: JSON fields already serialised, status already decided. */
export type TransformationFields = Pick<
  EventTransformationTable,
  'name' | 'description' | 'source_code' | 'test_input' | 'test_output' | 'status' | 'error'
>;

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

export function toTransformationResource(row: EventTransformationRow): TransformationResource {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    name: row.name,
    description: row.description,
    source_code: row.source_code,
    test_input: parseJson(row.test_input) as Record<string, unknown> | null,
    test_output: parseJson(row.test_output),
    status: row.status,
    error: row.error,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}

/** Newest first; `before` is the last id of the previous page. Fetch `limit + 1` to know if more follow. */
export async function listTransformations(
  db: Db,
  workspaceId: string,
  options: { limit: number; before: string | undefined; status: TransformationStatus | undefined },
): Promise<EventTransformationRow[]> {
  let query = db.kysely.selectFrom('event_transformations').selectAll().where('workspace_id', '=', workspaceId);
  if (options.before) query = query.where('id', '<', options.before);
  if (options.status) query = query.where('status', '=', options.status);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}

/** Another workspace's transformation is not found, exactly like a missing one. */
export async function getTransformation(db: Db, workspaceId: string, id: string): Promise<EventTransformationRow> {
  const row = await db.kysely
    .selectFrom('event_transformations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('Transformation');
  return row;
}

export async function insertTransformation(db: Db, workspaceId: string, fields: TransformationFields): Promise<EventTransformationRow> {
  const now = Date.now();
  const row: EventTransformationRow = { id: newId(), workspace_id: workspaceId, ...fields, created_at: now, updated_at: now };
  await db.kysely.insertInto('event_transformations').values(row).execute();
  return row;
}

export async function updateTransformation(
  db: Db,
  existing: EventTransformationRow,
  fields: TransformationFields,
): Promise<EventTransformationRow> {
  const updatedAt = Math.max(Date.now(), existing.updated_at);
  const result = await db.kysely
    .updateTable('event_transformations')
    .set({ ...fields, updated_at: updatedAt })
    .where('workspace_id', '=', existing.workspace_id)
    .where('id', '=', existing.id)
    .executeTakeFirst();
  // Deleted by someone else between our read and this write.
  if (Number(result.numUpdatedRows) === 0) throw AppError.notFound('Transformation');
  return { ...existing, ...fields, updated_at: updatedAt };
}

export async function deleteTransformation(db: Db, workspaceId: string, id: string): Promise<void> {
  const result = await db.kysely
    .deleteFrom('event_transformations')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw AppError.notFound('Transformation');
}
