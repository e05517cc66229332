import type { SaleIncentive } from '../model/programs.ts';
import type { EngagementRow, GroupStrategy, ProgramRow } from '../model/tables.ts';
import type { FlowContext } from './flow-context.ts';

/** A program that would award this sale, the engagement its attribution model picked, and what it would pay. */
export interface Qualifying {
  program: ProgramRow;
  engagements: EngagementRow[];
  /** The engagement the program's first-/last-touch model awards; null for a manual attribution. */
  chosen: EngagementRow | null;
  incentive: SaleIncentive;
}

/** What a strategy compares: one per competing program. */
export interface GroupCandidate {
  programId: number;
  /** Smaller wins; null ranks after every number. */
  priority: number | null;
  /** The commission it would pay, minor units of the sale's currency. */
  amount: number;
  /** When the engagement it would award was created (epoch ms); null when there is none (manual attribution). */
  engagedAt: number | null;
}

const rank = (priority: number | null): number => priority ?? Number.MAX_SAFE_INTEGER;

/** The documented tie-break of every strategy: priority (smaller first), then the program created first. */
function byPriority(a: GroupCandidate, b: GroupCandidate): number {
  return rank(a.priority) - rank(b.priority) || a.programId - b.programId;
}

/** Earlier first; without an engagement to compare (manual attribution) the engagement strategies fall back to priority. */
function byEngagement(a: GroupCandidate, b: GroupCandidate): number {
  return a.engagedAt === null || b.engagedAt === null ? 0 : a.engagedAt - b.engagedAt;
}

const COMPARE: Record<GroupStrategy, (a: GroupCandidate, b: GroupCandidate) => number> = {
  priority: byPriority,
  highest_reward: (a, b) => b.amount - a.amount || byPriority(a, b),
  lowest_reward: (a, b) => a.amount - b.amount || byPriority(a, b),
  first_engagement: (a, b) => byEngagement(a, b) || byPriority(a, b),
  most_recent_engagement: (a, b) => byEngagement(b, a) || byPriority(a, b),
};

/**
 * The program a group's strategy picks. Every strategy is a total order (it ends on the program
 * id, unique), so the same candidates always give the same winner whatever order they come in.
 */
export function pickWinner(strategy: GroupStrategy, candidates: readonly GroupCandidate[]): GroupCandidate {
  if (candidates.length === 0) throw new RangeError('a group decision needs at least one candidate');
  return [...candidates].sort(COMPARE[strategy] ?? byPriority)[0]!;
}

function candidateOf(entry: Qualifying): GroupCandidate {
  return { programId: entry.program.id, priority: entry.program.group_priority, amount: entry.incentive.amount, engagedAt: entry.chosen?.created_at ?? null };
}

/**
 * Program groups are mutually exclusive (seed 001): when several qualifying programs of one group
 * would award the same sale, the group's strategy picks one. Per group, in group id order, a
 * program_group_resolutions row records the decision and ProgramGroupConversionTriggered names
 * the winner and the losers; the losers' engagements are superseded, so they award nothing and
 * cannot earn this customer's later sales either. Returns the programs that go on to award, in
 * program order; programs outside any group pass through untouched.
 */
export async function resolveProgramGroups(flow: FlowContext, qualifying: Qualifying[], transactionId: number): Promise<Qualifying[]> {
  const byGroup = new Map<number, Qualifying[]>();
  for (const entry of qualifying) {
    if (entry.program.group_id === null) continue;
    byGroup.set(entry.program.group_id, [...(byGroup.get(entry.program.group_id) ?? []), entry]);
  }
  const contested = [...byGroup].filter(([, members]) => members.length > 1).sort((a, b) => a[0] - b[0]);
  if (contested.length === 0) return qualifying;
  const groups = await flow.trx
    .selectFrom('program_groups')
    .select(['id', 'strategy'])
    .where('workspace_id', '=', flow.workspaceId)
    .where('id', 'in', contested.map(([id]) => id))
    .execute();
  const strategyOf = new Map(groups.map((g) => [g.id, g.strategy]));
  const losers = new Set<number>();
  for (const [groupId, members] of contested) {
    const strategy = strategyOf.get(groupId) ?? 'priority';
    const winnerId = pickWinner(strategy, members.map(candidateOf)).programId;
    const lost = members.filter((m) => m.program.id !== winnerId).sort((a, b) => a.program.id - b.program.id);
    const superseded = lost.flatMap((m) => m.engagements.map((e) => e.id)).sort((a, b) => a - b);
    if (superseded.length > 0) {
      await flow.trx.updateTable('engagements').set({ status: 'superseded', completed_at: flow.now }).where('workspace_id', '=', flow.workspaceId).where('id', 'in', superseded).execute();
    }
    const loserProgramIds = lost.map((m) => m.program.id);
    for (const id of loserProgramIds) losers.add(id);
    await flow.trx
      .insertInto('program_group_resolutions')
      .values({
        workspace_id: flow.workspaceId,
        group_id: groupId,
        transaction_id: transactionId,
        strategy,
        winner_program_id: winnerId,
        loser_program_ids: JSON.stringify(loserProgramIds),
        superseded_engagement_ids: JSON.stringify(superseded),
        created_at: flow.now,
      })
      .execute();
    await flow.dispatcher.dispatch('ProgramGroupConversionTriggered', { groupId, strategy, winnerProgramId: winnerId, loserProgramIds, supersededEngagementIds: superseded });
  }
  return qualifying.filter((entry) => !losers.has(entry.program.id));
}
