import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Issue 18's self-referral by address (partners/ip-hasher.ts, collaborator-addresses.ts): keyed
 * hashes only, never an address.
 * - `opportunities.ip_hash`: the visitor's address when the referred visit came in (the snippet's
 *   site-visited call from the shopper's browser), or the sale's for a coupon opportunity;
 * - `collaborator_addresses`: the addresses a collaborator signed in to the portal from, with when
 *   they were first and last seen (kept 90 days from the last).
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  await db.schema.alterTable('opportunities').addColumn('ip_hash', 'text').execute();
  await db.schema
    .createTable('collaborator_addresses')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('collaborator_id', 'integer', (c) => c.notNull())
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', dialect.bigintType, (c) => c.notNull())
    .addColumn('last_seen_at', dialect.bigintType, (c) => c.notNull())
    .addPrimaryKeyConstraint('collaborator_addresses_pkey', ['workspace_id', 'collaborator_id', 'ip_hash'])
    .execute();
  // Retention deletes by age within a workspace.
  await db.schema.createIndex('collaborator_addresses_last_seen').on('collaborator_addresses').columns(['workspace_id', 'last_seen_at']).execute();
}
