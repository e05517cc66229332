import type { Generated, Selectable } from 'kysely';

/** Table types of migration 0008 (system events), merged into the shared `Database`. */
declare module '../../db/schema.ts' {
  interface Database {
    collaborator_submissions: CollaboratorSubmissionTable;
    lesson_incentives: LessonIncentiveTable;
  }
}

export type SubmissionStatus = 'pending' | 'approved' | 'rejected';

export interface CollaboratorSubmissionTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  email: string | null;
  user_id: string | null;
  /** The referral code asked for (lower-case), if any. */
  code: string | null;
  /** JSON object: the application's other answers, as listeners left them. */
  fields: string;
  status: SubmissionStatus;
  reason: string | null;
  /** The collaborator created on approval. */
  collaborator_id: number | null;
  inbound_event_id: string;
  created_at: number;
  updated_at: number;
}
export type CollaboratorSubmissionRow = Selectable<CollaboratorSubmissionTable>;

/** A program's flat reward for one completed lesson (LMS), minor units of `currency`. */
export interface LessonIncentiveTable {
  workspace_id: string;
  program_id: number;
  currency: string;
  amount: number;
  updated_at: number;
}
export type LessonIncentiveRow = Selectable<LessonIncentiveTable>;
