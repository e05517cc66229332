import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Privacy regulations (issue 16 §4), on Segment's model: a request to delete and/or suppress a
 * person, and the suppression list ingest consults.
 *
 * `regulations` is the job's persisted state: a delete runs in the background in small batches and
 * resumes after a crash from `status` (`initialized` → `running` → `finished` | `failed`); `counts`
 * and `identities` (the person's linked ids found so far) are written in the same transaction as
 * each batch of deletions, so a resumed run neither forgets what it found nor counts a row twice.
 * `settles_at` is the earliest time a delete may finish: its suppression must have reached every
 * process first (see regulations/regulation-runner.ts). `locked_by`/`locked_until` is a lease, so two processes on one PostgreSQL database do not run the
 * same regulation at once.
 *
 * `suppressions` holds one row per (subject, regulation): `temporary` rows are a delete's own
 * suppression while it runs (removed when it finishes), the others last until an `unsuppress`.
 * No index on the events table's identity columns: ingestion would pay for them on every event,
 * and a regulation, which is rare, scans the workspace's events in pages instead.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  await db.schema
    .createTable('regulations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('identities', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('settles_at', big, (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', big)
    .addColumn('created_at', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .addColumn('finished_at', big)
    .execute();
  await db.schema.createIndex('regulations_ws').on('regulations').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('regulations_status').on('regulations').columns(['status', 'id']).execute();

  await db.schema
    .createTable('suppressions')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('regulation_id', 'text', (c) => c.notNull())
    .addColumn('temporary', 'integer', (c) => c.notNull())
    .addColumn('created_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('suppressions_pk', ['workspace_id', 'subject_type', 'subject_id', 'regulation_id'])
    .execute();
  await db.schema.createIndex('suppressions_regulation').on('suppressions').columns(['regulation_id']).execute();
}
