import type { Db, WriteKeyTable } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { newId } from '../lib/ids.ts';
import { generateSecret, hashSecret, secretPrefix } from '../lib/secrets.ts';
import { isoOrNull } from '../lib/time.ts';

export const WRITE_KEY_PREFIX = 'wk_';

/** The write-key object of seed 003; the full key appears only in the creation answer. */
export interface WriteKeyResource {
  id: string;
  workspace_id: string;
  name: string;
  key_prefix: string;
  environment: 'production' | 'development';
  status: 'active' | 'revoked';
  pubsub_topic: string;
  last_used_at: string | null;
  created_by: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/**
 * The pub/sub topic of a workspace's write keys: events from every key of a workspace share one
 * internal stream, and the topic names it. Bus destinations (NATS) publish to it by default.
 */
export function workspaceTopic(workspaceId: string): string {
  return `tributary.${workspaceId}.events`;
}

export function toWriteKeyResource(row: WriteKeyTable): WriteKeyResource {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    name: row.name,
    key_prefix: row.key_prefix,
    environment: row.environment,
    status: row.status,
    pubsub_topic: row.pubsub_topic,
    last_used_at: isoOrNull(row.last_used_at),
    created_by: row.created_by,
    created_at: isoOrNull(row.created_at),
    updated_at: isoOrNull(row.updated_at),
  };
}

export async function createWriteKey(
  db: Db,
  workspaceId: string,
  input: { name: string; environment: 'production' | 'development'; createdBy: string | null },
): Promise<{ row: WriteKeyTable; key: string }> {
  const key = generateSecret(WRITE_KEY_PREFIX);
  const now = Date.now();
  const id = newId();
  const row: WriteKeyTable = {
    id,
    workspace_id: workspaceId,
    name: input.name,
    key_prefix: secretPrefix(key),
    key_hash: hashSecret(key),
    environment: input.environment,
    status: 'active',
    pubsub_topic: workspaceTopic(workspaceId),
    created_by: input.createdBy,
    last_used_at: null,
    created_at: now,
    updated_at: now,
  };
  await db.kysely.insertInto('write_keys').values(row).execute();
  return { row, key };
}

export async function listWriteKeys(db: Db, workspaceId: string): Promise<WriteKeyTable[]> {
  return db.kysely.selectFrom('write_keys').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
}

/** Revokes a key of this workspace; a key of another workspace is not found. Idempotent. */
export async function revokeWriteKey(db: Db, workspaceId: string, keyId: string): Promise<WriteKeyTable> {
  const row = await db.kysely
    .selectFrom('write_keys')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('Write key');
  if (row.status === 'revoked') return row;
  const now = Date.now();
  await db.kysely.updateTable('write_keys').set({ status: 'revoked', updated_at: now }).where('id', '=', keyId).execute();
  return { ...row, status: 'revoked', updated_at: now };
}

export async function findActiveWriteKeyByHash(db: Db, keyHash: string): Promise<WriteKeyTable | undefined> {
  return db.kysely
    .selectFrom('write_keys')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .where('status', '=', 'active')
    .executeTakeFirst();
}
