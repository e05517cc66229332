import type { Db, WorkspaceTable } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { newId } from '../lib/ids.ts';
import { isoOrNull } from '../lib/time.ts';

export interface WorkspaceResource {
  id: string;
  name: string;
  slug: string;
  created_at: string | null;
  updated_at: string | null;
}

export function toWorkspaceResource(row: WorkspaceTable): WorkspaceResource {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}

function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'workspace';
}

export async function createWorkspace(db: Db, input: { name: string; slug?: string }): Promise<WorkspaceTable> {
  const now = Date.now();
  const slug = input.slug ?? slugify(input.name);
  const taken = await db.kysely.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirst();
  if (taken) {
    throw new AppError('conflict', `A workspace with slug "${slug}" already exists.`, {
      data: { fields: [{ field: 'slug', message: 'is already taken' }] },
    });
  }
  const row: WorkspaceTable = { id: newId(), name: input.name, slug, created_at: now, updated_at: now };
  await db.kysely.insertInto('workspaces').values(row).execute();
  return row;
}

export async function findWorkspace(db: Db, id: string): Promise<WorkspaceTable | undefined> {
  return db.kysely.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

/** 404 for a workspace that does not exist: the operator token may name any id. */
export async function assertWorkspaceExists(db: Db, id: string): Promise<void> {
  const row = await db.kysely.selectFrom('workspaces').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('Workspace');
}

export async function getWorkspace(db: Db, id: string): Promise<WorkspaceTable> {
  const row = await findWorkspace(db, id);
  if (!row) throw AppError.notFound('Workspace');
  return row;
}

export async function listWorkspaces(db: Db, options: { limit: number; after?: string }): Promise<WorkspaceTable[]> {
  let query = db.kysely.selectFrom('workspaces').selectAll().orderBy('id').limit(options.limit);
  if (options.after) query = query.where('id', '>', options.after);
  return query.execute();
}
