import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Partner applications through the portal's sign-up form (issue 18 §2): one `program_applications`
 * row per program and applicant email, so a form sent twice, or two tabs racing, make one
 * application. The unique key is the dedupe (STYLE 9), not a lookup before the insert. The row
 * points at what the application made: the collaborator submission (null when the email already
 * belonged to a collaborator, who is enrolled instead) and the collaborator its enrollment names.
 *
 * Also `opportunities (workspace_id, collaborator_id, id)`: the portal lists a partner's visits
 * newest first; without it each page walks the workspace's visits of every partner. It costs one
 * more index entry per recorded visit.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('program_applications')
    .addColumn('id', dialect.autoIncrementType, (c) => {
      const key = c.primaryKey();
      return dialect.needsAutoIncrementModifier ? key.autoIncrement() : key;
    })
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull())
    // The normalised email (trimmed, lower case): the applicant, for the dedupe.
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('submission_id', 'integer')
    .addColumn('collaborator_id', 'integer')
    .addColumn('created_at', dialect.bigintType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('program_applications_applicant').unique().on('program_applications').columns(['workspace_id', 'program_id', 'email_key']).execute();
  // Approving an enrollment asks whether it came from the form.
  await db.schema.createIndex('program_applications_collaborator').on('program_applications').columns(['workspace_id', 'collaborator_id']).execute();
  await db.schema.createIndex('opportunities_collaborator').on('opportunities').columns(['workspace_id', 'collaborator_id', 'id']).execute();
}
