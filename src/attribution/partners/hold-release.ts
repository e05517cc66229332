import type { Db } from '../../db/index.ts';
import type { ActionRunner } from '../api/conversion-review.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import { lockLedger } from '../ledger/ledger-lock.ts';
import { releaseDueHolds } from '../ledger/obligation-transitions.ts';

/**
 * Releases the workspace's held obligations whose holding period has ended at the flow's time
 * (hold → pending, ObligationsReleased): an action of its own, so the domain events of whatever
 * runs next (a fulfillment run) keep seed 002's order. Takes the ledger lock: a refund cancelling
 * a held commission applies wholly before or after.
 */
export async function releaseHeldObligations(flow: FlowContext): Promise<number[]> {
  await lockLedger(flow);
  const released = await releaseDueHolds(flow);
  if (released.ids.length > 0) await flow.dispatcher.dispatch('ObligationsReleased', { obligationIds: released.ids }, released.changes);
  return released.ids;
}

/**
 * Every workspace (or one) with holds due at the engine's clock gets its release action. The
 * heartbeat runs this every beat, and a fulfillment run first, so a run right after a holding
 * period ends pays what it released. Several processes may race: the second finds nothing due.
 */
export async function releaseDueHoldsEverywhere(db: Db, engine: ActionRunner, workspaceId?: string): Promise<number> {
  let due = db.kysely
    .selectFrom('obligations')
    .select('workspace_id')
    .distinct()
    .where('status', '=', 'hold')
    .where('hold_until', '<=', engine.clock.now());
  if (workspaceId !== undefined) due = due.where('workspace_id', '=', workspaceId);
  let released = 0;
  for (const { workspace_id } of await due.execute()) {
    released += (await engine.runAction(db, workspace_id, releaseHeldObligations)).length;
  }
  return released;
}
