import type { GroupStrategy } from './tables.ts';

/** The resolution strategies a program group may use (seed 001's "resolution strategy"). */
export const GROUP_STRATEGIES = ['priority', 'highest_reward', 'lowest_reward', 'first_engagement', 'most_recent_engagement'] as const satisfies readonly GroupStrategy[];

/**
 * Names accepted on input for older recipes and clients. `oldest_program` (the first strategy the
 * engine had) is `priority` with no priorities set: the program created first wins. Migration 0011
 * rewrote stored groups the same way, so only the canonical names are ever stored or answered.
 */
export const GROUP_STRATEGY_ALIASES: Readonly<Record<string, GroupStrategy>> = { oldest_program: 'priority' };

/** Every name a request may use: the strategies plus their aliases. */
export const ACCEPTED_GROUP_STRATEGIES: readonly string[] = [...GROUP_STRATEGIES, ...Object.keys(GROUP_STRATEGY_ALIASES)];

/** The stored strategy for an accepted name (an alias becomes its canonical strategy). */
export function canonicalGroupStrategy(name: string): GroupStrategy {
  const strategy = GROUP_STRATEGY_ALIASES[name] ?? name;
  if (!(GROUP_STRATEGIES as readonly string[]).includes(strategy)) throw new RangeError(`unknown group strategy ${name}`);
  return strategy as GroupStrategy;
}
