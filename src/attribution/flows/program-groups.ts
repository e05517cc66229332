import type { SaleIncentive } from '../model/programs.ts';
import type { EngagementRow, ProgramRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';

/** A program that would award this sale, with its engagements and what it would pay. */
export interface Qualifying {
  program: ProgramRow;
  engagements: EngagementRow[];
  incentive: SaleIncentive;
}

/** Larger commission first; ties (and `oldest_program`) go to the program created first. */
function pickWinner(strategy: string, members: Qualifying[]): Qualifying {
  const byAge = [...members].sort((a, b) => a.program.id - b.program.id);
  if (strategy !== 'highest_reward') return byAge[0]!;
  return byAge.reduce((best, next) => (next.incentive.amount > best.incentive.amount ? next : best));
}

/**
 * Program groups are mutually exclusive (seed 001): when several qualifying programs of one group
 * would award the same sale, the group's strategy picks one. ProgramGroupConversionTriggered names
 * the winner and the losers, whose engagements for this sale are superseded. Returns the programs
 * that go on to award, in program order.
 */
export async function resolveProgramGroups(flow: FlowContext, qualifying: Qualifying[]): Promise<Qualifying[]> {
  const byGroup = new Map<number, Qualifying[]>();
  for (const entry of qualifying) {
    if (entry.program.group_id === null) continue;
    byGroup.set(entry.program.group_id, [...(byGroup.get(entry.program.group_id) ?? []), entry]);
  }
  const losers = new Set<number>();
  for (const [groupId, members] of [...byGroup].sort((a, b) => a[0] - b[0])) {
    if (members.length < 2) continue;
    const group = await flow.trx.selectFrom('program_groups').selectAll().where('workspace_id', '=', flow.workspaceId).where('id', '=', groupId).executeTakeFirst();
    const strategy = group?.strategy ?? 'oldest_program';
    const winner = pickWinner(strategy, members);
    const lost = members.filter((m) => m !== winner);
    const superseded = lost.flatMap((m) => m.engagements.map((e) => e.id)).sort((a, b) => a - b);
    if (superseded.length > 0) {
      await flow.trx.updateTable('engagements').set({ status: 'superseded', completed_at: flow.now }).where('workspace_id', '=', flow.workspaceId).where('id', 'in', superseded).execute();
    }
    for (const m of lost) losers.add(m.program.id);
    await flow.dispatcher.dispatch('ProgramGroupConversionTriggered', {
      groupId,
      strategy,
      winnerProgramId: winner.program.id,
      loserProgramIds: lost.map((m) => m.program.id).sort((a, b) => a - b),
      supersededEngagementIds: superseded,
    });
  }
  return qualifying.filter((entry) => !losers.has(entry.program.id));
}
