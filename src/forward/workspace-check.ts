import type { AppContext } from '../context.ts';
import { AppError } from '../errors/index.ts';

/** 404 when the workspace does not exist (the operator token reaches every workspace id). */
export async function assertWorkspace(context: AppContext, workspaceId: string): Promise<void> {
  const found = await context.db.kysely.selectFrom('workspaces').select('id').where('id', '=', workspaceId).executeTakeFirst();
  if (!found) throw AppError.notFound('Workspace');
}
