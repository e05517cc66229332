import type { FlowContext } from '../flows/flow-context.ts';
import type { ProgramRow } from '../model/tables.ts';

/**
 * A collaborator earns in a program only when enrolled in it: in an `open` program every active
 * collaborator is (Siren's behaviour, the default), in an `approval` or `invite` program only
 * those whose enrollment is `approved`. This is what stops a second program from paying every
 * partner of the first by surprise.
 *
 * Returns the items whose collaborator may earn in `program` (engagements for a sale or lead,
 * conversions for a renewal). Open programs cost nothing; others read the approved enrollments of
 * the items' collaborators once.
 */
export async function enrolledOnly<Item extends { collaborator_id: number }>(
  flow: Pick<FlowContext, 'trx' | 'workspaceId'>,
  program: ProgramRow,
  items: Item[],
): Promise<Item[]> {
  if (program.enrollment === 'open' || items.length === 0) return items;
  const rows = await flow.trx
    .selectFrom('program_enrollments')
    .select('collaborator_id')
    .where('workspace_id', '=', flow.workspaceId)
    .where('program_id', '=', program.id)
    .where('status', '=', 'approved')
    .where('collaborator_id', 'in', [...new Set(items.map((item) => item.collaborator_id))])
    .execute();
  const enrolled = new Set(rows.map((r) => r.collaborator_id));
  return items.filter((item) => enrolled.has(item.collaborator_id));
}
