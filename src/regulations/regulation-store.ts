import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';
import { IdentitySet, type IdentityLists } from './identities.ts';
import { ZERO_COUNTS, type ErasureCounts, type RegulationRow, type RegulationStatus, type RegulationType, type SubjectType } from './tables.ts';

export interface RegulationInput {
  type: RegulationType;
  subject_type: SubjectType;
  subject_ids: string[];
}

/** Suppression rows per INSERT: six parameters each, far below either database's limit. */
const ROWS_PER_INSERT = 500;

/** Whether the regulation erases data (and so runs in the background). */
export function deletes(type: RegulationType): boolean {
  return type === 'delete' || type === 'suppress_with_delete';
}

/**
 * Records a regulation and applies its suppression part in one transaction, so the answer's
 * regulation and the suppression ingest sees never disagree:
 * - `suppress` and `suppress_with_delete` suppress the subjects until an `unsuppress`;
 * - `delete` suppresses them only while it runs (`temporary`), so an event arriving meanwhile is
 *   dropped rather than left behind; the runner lifts that when it finishes;
 * - `unsuppress` lifts the lasting suppressions of the subjects (a running delete keeps its own).
 * `suppress` and `unsuppress` are done when this returns (`finished`); the deletes start
 * `initialized` and the runner takes them from there.
 */
export async function createRegulation(db: Db, workspaceId: string, input: RegulationInput, now: number, settleMs: number): Promise<RegulationRow> {
  const subjects = new IdentitySet();
  for (const id of input.subject_ids) subjects.add(input.subject_type, id);
  const ids = subjects.toLists()[input.subject_type];
  const row: RegulationRow = {
    id: newId(),
    workspace_id: workspaceId,
    type: input.type,
    subject_type: input.subject_type,
    subject_ids: JSON.stringify(ids),
    status: deletes(input.type) ? 'initialized' : 'finished',
    counts: JSON.stringify(ZERO_COUNTS),
    identities: JSON.stringify(subjects.toLists()),
    error: null,
    attempts: 0,
    settles_at: now + settleMs,
    locked_by: null,
    locked_until: null,
    created_at: now,
    updated_at: now,
    finished_at: deletes(input.type) ? null : now,
  };
  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('regulations').values(row).execute();
    if (input.type === 'unsuppress') {
      for (let start = 0; start < ids.length; start += ROWS_PER_INSERT) {
        await trx
          .deleteFrom('suppressions')
          .where('workspace_id', '=', workspaceId)
          .where('subject_type', '=', input.subject_type)
          .where('subject_id', 'in', ids.slice(start, start + ROWS_PER_INSERT))
          .where('temporary', '=', 0)
          .execute();
      }
      return;
    }
    const temporary = input.type === 'delete';
    await suppress(trx, workspaceId, row.id, ids.map((id): [SubjectType, string] => [input.subject_type, id]), temporary, now);
  });
  return row;
}

/** Adds suppression rows for a regulation; rows it already has are left as they are. */
export async function suppress(
  trx: Kysely<Database>,
  workspaceId: string,
  regulationId: string,
  subjects: ReadonlyArray<[SubjectType, string]>,
  temporary: boolean,
  now: number,
): Promise<void> {
  for (let start = 0; start < subjects.length; start += ROWS_PER_INSERT) {
    const values = subjects.slice(start, start + ROWS_PER_INSERT).map(([subjectType, subjectId]) => ({
      workspace_id: workspaceId,
      subject_type: subjectType,
      subject_id: subjectId,
      regulation_id: regulationId,
      temporary: temporary ? 1 : 0,
      created_at: now,
    }));
    await trx
      .insertInto('suppressions')
      .values(values)
      .onConflict((oc) => oc.columns(['workspace_id', 'subject_type', 'subject_id', 'regulation_id']).doNothing())
      .execute();
  }
}

export function getRegulation(db: Db, workspaceId: string, id: string): Promise<RegulationRow | undefined> {
  return db.kysely.selectFrom('regulations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Newest first, `limit + 1` rows after the cursor (an id from an earlier page). */
export function listRegulations(
  db: Db,
  workspaceId: string,
  page: { limit: number; cursor: string | undefined; status?: RegulationStatus | undefined },
): Promise<RegulationRow[]> {
  let query = db.kysely.selectFrom('regulations').selectAll().where('workspace_id', '=', workspaceId);
  if (page.status !== undefined) query = query.where('status', '=', page.status);
  if (page.cursor !== undefined) query = query.where('id', '<', page.cursor);
  return query.orderBy('id', 'desc').limit(page.limit + 1).execute();
}

/**
 * The API's view of a regulation. Lists leave the subject ids out (up to 5,000 each), one
 * regulation's page shows them; neither shows the linked ids the runner found.
 */
export function toRegulationResource(row: RegulationRow, options: { withSubjects: boolean }) {
  const subjectIds = JSON.parse(row.subject_ids) as string[];
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    type: row.type,
    subject_type: row.subject_type,
    subject_count: subjectIds.length,
    ...(options.withSubjects ? { subject_ids: subjectIds } : {}),
    status: row.status,
    counts: JSON.parse(row.counts) as ErasureCounts,
    error: row.error,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
    finished_at: isoOrNull(row.finished_at),
  };
}

export function parseIdentities(row: Pick<RegulationRow, 'identities'>): IdentityLists {
  return JSON.parse(row.identities) as IdentityLists;
}
