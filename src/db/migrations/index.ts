import type { Kysely, Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';
import * as m0001 from './0001_core.ts';
import * as m0002 from './0002_contracts.ts';
import * as m0003 from './0003_transformations.ts';
import * as m0004 from './0004_attribution.ts';
import * as m0005 from './0005_forwarding.ts';
import * as m0006 from './0006_attribution_api.ts';
import * as m0007 from './0007_fulfillment.ts';
import * as m0008 from './0008_distributions_reports.ts';
import * as m0009 from './0009_siren_webhooks.ts';
import * as m0010 from './0010_inbox_speed.ts';
import * as m0011 from './0011_groups_renewals.ts';
import * as m0012 from './0012_events_inbox_id.ts';
import * as m0013 from './0013_inbox_journal.ts';
import * as m0014 from './0014_ledger.ts';
import * as m0015 from './0015_referral_code_case.ts';
import * as m0016 from './0016_retention.ts';
import * as m0017 from './0017_regulations.ts';
import * as m0018 from './0018_rate_limits.ts';
import * as m0019 from './0019_links.ts';
import * as m0020 from './0020_stripe_integration.ts';
import * as m0021 from './0021_destination_types.ts';
import * as m0023 from './0023_partner_programs.ts';
import * as m0024 from './0024_partner_applications.ts';
import * as m0025 from './0025_fraud_addresses.ts';
import * as m0026 from './0026_distribution_keys.ts';
import * as m0027 from './0027_partner_list_indexes.ts';

type DialectMigration = { up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> };

/** Every migration in order. Names are zero-padded so Kysely's alphabetical order is numeric order. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '0001_core': m0001,
  '0002_contracts': m0002,
  '0003_transformations': m0003,
  '0004_attribution': m0004,
  '0005_forwarding': m0005,
  '0006_attribution_api': m0006,
  '0007_fulfillment': m0007,
  '0008_distributions_reports': m0008,
  '0009_siren_webhooks': m0009,
  '0010_inbox_speed': m0010,
  '0011_groups_renewals': m0011,
  '0012_events_inbox_id': m0012,
  '0013_inbox_journal': m0013,
  '0014_ledger': m0014,
  '0015_referral_code_case': m0015,
  '0016_retention': m0016,
  '0017_regulations': m0017,
  '0018_rate_limits': m0018,
  '0019_links': m0019,
  '0020_stripe_integration': m0020,
  '0021_destination_types': m0021,
  '0023_partner_programs': m0023,
  '0024_partner_applications': m0024,
  '0025_fraud_addresses': m0025,
  '0026_distribution_keys': m0026,
  '0027_partner_list_indexes': m0027,
};

/** Binds each migration to the dialect it runs on, in the shape Kysely's Migrator expects. */
export function migrationsFor(dialect: DialectCapabilities): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, migration]) => [name, { up: (db: Kysely<any>) => migration.up(db, dialect) }]),
  );
}
