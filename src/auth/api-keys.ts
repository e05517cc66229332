import type { ApiKeyRow, Db } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { generateSecret, hashSecret, secretPrefix } from '../lib/secrets.ts';
import { isoOrNull } from '../lib/time.ts';
import { SCOPES, type Scope } from './scopes.ts';

export const API_KEY_PREFIX = 'sk_live_';

/**
 * An API key as listed. Ids are integers because Siren's SDKs parse them as numbers; the field
 * names follow Siren's (`keyPrefix`, `label`, `scopes`, `createdAt` …) with snake_case twins for
 * the workspace API.
 */
export interface ApiKeyResource {
  id: number;
  workspace_id: string;
  label: string;
  key_prefix: string;
  keyPrefix: string;
  scopes: Scope[];
  status: 'active' | 'revoked';
  sync_mode: boolean;
  created_at: string | null;
  createdAt: string | null;
  expires_at: string | null;
  expiresAt: string | null;
  last_used_at: string | null;
  lastUsedAt: string | null;
}

export function parseScopes(json: string): Scope[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)) : [];
}

export function toApiKeyResource(row: ApiKeyRow): ApiKeyResource {
  const createdAt = isoOrNull(row.created_at);
  const expiresAt = isoOrNull(row.expires_at);
  const lastUsedAt = isoOrNull(row.last_used_at);
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    label: row.label,
    key_prefix: row.key_prefix,
    keyPrefix: row.key_prefix,
    scopes: parseScopes(row.scopes),
    status: row.status,
    sync_mode: row.sync_mode === 1,
    created_at: createdAt,
    createdAt,
    expires_at: expiresAt,
    expiresAt,
    last_used_at: lastUsedAt,
    lastUsedAt,
  };
}

export async function createApiKey(
  db: Db,
  workspaceId: string,
  input: { label: string; scopes: Scope[]; syncMode: boolean; expiresAt: number | null },
): Promise<{ row: ApiKeyRow; key: string }> {
  const key = generateSecret(API_KEY_PREFIX);
  const values = {
    workspace_id: workspaceId,
    label: input.label,
    key_prefix: secretPrefix(key),
    key_hash: hashSecret(key),
    // Siren: a key created without scopes has full access.
    scopes: JSON.stringify(input.scopes.length > 0 ? [...new Set(input.scopes)] : ['admin']),
    status: 'active' as const,
    sync_mode: input.syncMode ? 1 : 0,
    created_at: Date.now(),
    expires_at: input.expiresAt,
    last_used_at: null,
    revoked_at: null,
  };
  const row = await db.kysely.insertInto('api_keys').values(values).returningAll().executeTakeFirstOrThrow();
  return { row, key };
}

export async function listApiKeys(db: Db, workspaceId: string): Promise<ApiKeyRow[]> {
  return db.kysely.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
}

export async function revokeApiKey(db: Db, workspaceId: string, keyId: number): Promise<ApiKeyRow> {
  const row = await db.kysely
    .selectFrom('api_keys')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', keyId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('API key');
  if (row.status === 'revoked') return row;
  const now = Date.now();
  await db.kysely.updateTable('api_keys').set({ status: 'revoked', revoked_at: now }).where('id', '=', keyId).execute();
  return { ...row, status: 'revoked', revoked_at: now };
}

export async function findActiveApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | undefined> {
  return db.kysely
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .where('status', '=', 'active')
    .executeTakeFirst();
}
