import { sql, type Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Referral links, clicks and the tracking snippet (issue 17 §1–2).
 *
 * - A program's `landing_url` (where `/r/{code}` leads) and `link_param` (the query parameter that
 *   carries the code, `ref` as Rewardful, FirstPromoter and Dub use).
 * - A workspace's `default_landing_url` (where an unknown or expired link leads) and
 *   `public_visits` (the snippet may report `site-visited` without an API key), both off by default.
 * - `link_clicks`: one row per click, with a salted hash of the address and never the address.
 * - `link_click_days`: clicks per workspace, day (UTC), collaborator and program, added to in the
 *   same transaction as the clicks, so counts never need a scan of the clicks. Collaborator and
 *   program 0 stand for "none" (an unknown code, a link to no program): part of the primary key,
 *   where NULLs would not collide on PostgreSQL.
 * - `referral_codes_any_workspace`: `/r/{code}` names no workspace, so it finds a code by
 *   `lower(code)` alone (the unique index of 0015 leads with `workspace_id`).
 * - `link_salts`: the random salt of each day's address hashes (deleted after two days, as
 *   Plausible does, so a hash cannot be tied to an address once the salt is gone).
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema.alterTable('attribution_programs').addColumn('landing_url', 'text').execute();
  await db.schema.alterTable('attribution_programs').addColumn('link_param', 'text', (c) => c.notNull().defaultTo('ref')).execute();
  await db.schema.alterTable('attribution_settings').addColumn('default_landing_url', 'text').execute();
  await db.schema.alterTable('attribution_settings').addColumn('public_visits', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await sql`create index referral_codes_any_workspace on referral_codes (lower(code), id)`.execute(db);

  await db.schema
    .createTable('link_clicks')
    .addColumn('id', dialect.rowIdType, (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('collaborator_id', 'integer')
    .addColumn('program_id', 'integer')
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addColumn('referrer', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('clicked_at', big, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('link_clicks_time').on('link_clicks').columns(['workspace_id', 'clicked_at']).execute();

  await db.schema
    .createTable('link_click_days')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('collaborator_id', 'integer', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull())
    .addColumn('clicks', big, (c) => c.notNull())
    .addColumn('invalid_clicks', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('link_click_days_pk', ['workspace_id', 'day', 'collaborator_id', 'program_id'])
    .execute();

  await db.schema
    .createTable('link_salts')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull())
    .execute();
}
