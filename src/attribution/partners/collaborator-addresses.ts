import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { FlowContext } from '../flows/flow-context.ts';

/**
 * Table types of migration 0025 (fraud rules' address hashes), merged into the shared `Database`,
 * plus the column it adds to opportunities.
 */
declare module '../../db/schema.ts' {
  interface Database {
    collaborator_addresses: CollaboratorAddressTable;
  }
}

declare module '../model/tables.ts' {
  interface OpportunityTable {
    /** Keyed hash of the visitor's public address when the visit (or coupon sale) came in (ip-hasher.ts); null when none. */
    ip_hash: ColumnType<string | null, string | null | undefined, string | null>;
  }
}

/** Where a collaborator's address was seen. */
export type AddressSource = 'portal_sign_in' | 'application';

/** An address a collaborator used, as a keyed hash (ip-hasher.ts), with when it was first and last seen. */
export interface CollaboratorAddressTable {
  workspace_id: string;
  collaborator_id: number;
  ip_hash: string;
  source: AddressSource;
  first_seen_at: number;
  last_seen_at: number;
}

/**
 * How long a collaborator's address counts: addresses change hands (a home line is re-assigned, a
 * phone moves between cells), so an old one is weak evidence and keeping it only costs privacy.
 * An address not seen for this long is ignored by the self-referral rule and deleted at the
 * workspace's next portal sign-in.
 */
export const COLLABORATOR_ADDRESS_DAYS = 90;
const RETENTION_MS = COLLABORATOR_ADDRESS_DAYS * 86_400_000;

/**
 * Records that `collaboratorId` used the address hashed as `ipHash` (nothing when it is null: no
 * public address), refreshing `last_seen_at` when it is known, and deletes the workspace's
 * addresses past retention. Runs inside the caller's transaction (the sign-in's).
 */
export async function rememberCollaboratorAddress(
  trx: Kysely<Database>,
  seen: { workspaceId: string; collaboratorId: number; ipHash: string | null; source: AddressSource; now: number },
): Promise<void> {
  if (seen.ipHash === null) return;
  await trx
    .insertInto('collaborator_addresses')
    .values({ workspace_id: seen.workspaceId, collaborator_id: seen.collaboratorId, ip_hash: seen.ipHash, source: seen.source, first_seen_at: seen.now, last_seen_at: seen.now })
    .onConflict((oc) => oc.columns(['workspace_id', 'collaborator_id', 'ip_hash']).doUpdateSet({ last_seen_at: seen.now, source: seen.source }))
    .execute();
  await trx.deleteFrom('collaborator_addresses').where('workspace_id', '=', seen.workspaceId).where('last_seen_at', '<', seen.now - RETENTION_MS).execute();
}

/** Whether the collaborator used one of `ipHashes` within retention. */
export async function collaboratorUsedAddress(flow: Pick<FlowContext, 'trx' | 'workspaceId' | 'now'>, collaboratorId: number, ipHashes: string[]): Promise<boolean> {
  if (ipHashes.length === 0) return false;
  const row = await flow.trx
    .selectFrom('collaborator_addresses')
    .select('ip_hash')
    .where('workspace_id', '=', flow.workspaceId)
    .where('collaborator_id', '=', collaboratorId)
    .where('ip_hash', 'in', ipHashes)
    .where('last_seen_at', '>=', flow.now - RETENTION_MS)
    .executeTakeFirst();
  return row !== undefined;
}
