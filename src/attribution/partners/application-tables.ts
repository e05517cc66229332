import type { Generated, Selectable } from 'kysely';

/** Table types of migration 0024 (applications through the portal's sign-up form). */
declare module '../../db/schema.ts' {
  interface Database {
    program_applications: ProgramApplicationTable;
  }
}

/**
 * One applicant (by normalised email) to one program. `submission_id` is the collaborator
 * submission it made (null when the email already belonged to a collaborator); `collaborator_id`
 * is who its enrollment names (null while there is none: a listener rejected the submission).
 */
export interface ProgramApplicationTable {
  id: Generated<number>;
  workspace_id: string;
  program_id: number;
  email_key: string;
  submission_id: number | null;
  collaborator_id: number | null;
  created_at: number;
}
export type ProgramApplicationRow = Selectable<ProgramApplicationTable>;
