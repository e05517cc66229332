import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/index.ts';

/**
 * A **banned** collaborator earns nothing new, and what they are already owed is **held**: their
 * obligations stay as they are (pending ones stay pending) but no fulfillment run claims them
 * until an admin decides. Unbanning makes them payable again; rejecting their conversions cancels
 * or claws back as for anyone. These are the two questions the rest of the engine asks.
 */

/**
 * `select id from collaborators where workspace_id = ? and status = 'banned'`: for a
 * `collaborator_id not in (…)` filter in any query of the workspace (engagements that may earn,
 * obligations that may be paid).
 */
export function bannedCollaboratorIds<DB extends Database, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, workspaceId: string) {
  const db = eb as unknown as ExpressionBuilder<Database, never>;
  return db.selectFrom('collaborators').select('collaborators.id').where('collaborators.workspace_id', '=', workspaceId).where('collaborators.status', '=', 'banned');
}

/**
 * The where-clause of a fulfillment claim that leaves a banned collaborator's obligations where
 * they are: `obligations.collaborator_id not in (banned collaborators of the workspace)`.
 *
 * ```ts
 * trx.updateTable('obligations').set(…).where('status', '=', 'pending').where((eb) => collaboratorNotHeld(eb, workspaceId))
 * ```
 */
export function collaboratorNotHeld(eb: ExpressionBuilder<Database, 'obligations'>, workspaceId: string): Expression<SqlBool> {
  return eb('obligations.collaborator_id', 'not in', bannedCollaboratorIds(eb, workspaceId));
}
