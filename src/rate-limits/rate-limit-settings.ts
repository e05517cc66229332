import type { Db } from '../db/index.ts';
import { compileValidator } from '../http/validate.ts';
import { rateLimitsBody } from './api-schemas.ts';
import { isoOrNull } from '../lib/time.ts';
import type { WorkspaceRateLimitsTable } from './tables.ts';
import type { BucketLimit } from './token-buckets.ts';

/** The kinds of key limited, as they appear in settings, errors and metrics. */
export const KEY_KINDS = ['write_key', 'api_key'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** What one kind of key may do in a workspace; undefined: not limited. */
export type KindLimits = Readonly<Record<KeyKind, BucketLimit | undefined>>;

/** The server's defaults (RATE_LIMIT_* settings), and where every workspace starts. */
export type DefaultLimits = KindLimits;

export { MAX_BURST, MAX_PER_SECOND } from './api-schemas.ts';

/** One kind's limit as the API shows it; `per_second` 0 means not limited. */
export interface KindLimitResource {
  per_second: number;
  burst: number;
  /** `workspace`: set for this workspace; `default`: the server's setting. */
  source: 'workspace' | 'default';
}

export interface RateLimitsResource {
  write_key: KindLimitResource;
  api_key: KindLimitResource;
  updated_at: string | null;
}

/** A workspace's own limit for one kind, as PUT takes it; null goes back to the default. */
export interface KindLimitInput {
  per_second: number;
  burst?: number;
}

export type RateLimitsInput = Record<KeyKind, KindLimitInput | null>;

/** PUT replaces both kinds, as the other workspace settings do: each is a limit or null. */
export const readRateLimitsInput = compileValidator<RateLimitsInput>(rateLimitsBody);

/** A limit from a stored or configured pair; `burst` defaults to one second's worth. */
export function bucketLimit(perSecond: number, burst: number | null | undefined): BucketLimit | undefined {
  if (perSecond <= 0) return undefined;
  return { perSecond, burst: burst ?? perSecond };
}

export async function findWorkspaceRateLimits(db: Db, workspaceId: string): Promise<WorkspaceRateLimitsTable | undefined> {
  return db.kysely.selectFrom('workspace_rate_limits').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** The limits that apply in a workspace: its own where set, the defaults elsewhere. */
export function effectiveLimits(row: WorkspaceRateLimitsTable | undefined, defaults: DefaultLimits): KindLimits {
  return {
    write_key: row?.write_key_per_second == null ? defaults.write_key : bucketLimit(row.write_key_per_second, row.write_key_burst),
    api_key: row?.api_key_per_second == null ? defaults.api_key : bucketLimit(row.api_key_per_second, row.api_key_burst),
  };
}

export function toRateLimitsResource(row: WorkspaceRateLimitsTable | undefined, defaults: DefaultLimits): RateLimitsResource {
  const effective = effectiveLimits(row, defaults);
  const kind = (k: KeyKind, own: number | null | undefined): KindLimitResource => ({
    per_second: effective[k]?.perSecond ?? 0,
    burst: effective[k]?.burst ?? 0,
    source: own == null ? 'default' : 'workspace',
  });
  return {
    write_key: kind('write_key', row?.write_key_per_second),
    api_key: kind('api_key', row?.api_key_per_second),
    updated_at: isoOrNull(row?.updated_at),
  };
}

/** Replaces the workspace's limits (an upsert of its one row). */
export async function saveWorkspaceRateLimits(db: Db, workspaceId: string, input: RateLimitsInput, now: number): Promise<void> {
  const values = {
    write_key_per_second: input.write_key?.per_second ?? null,
    write_key_burst: input.write_key ? (input.write_key.burst ?? null) : null,
    api_key_per_second: input.api_key?.per_second ?? null,
    api_key_burst: input.api_key ? (input.api_key.burst ?? null) : null,
    updated_at: now,
  };
  await db.kysely
    .insertInto('workspace_rate_limits')
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .execute();
}
