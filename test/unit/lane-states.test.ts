import { describe, expect, it } from 'vitest';
import { Lane, LaneStateError, nextLaneState, type LaneEvent, type LaneState } from '../../src/forward/lane.ts';

const STATES: readonly LaneState[] = ['idle', 'claiming', 'refill-queued', 'claiming-refill-queued'];
const EVENTS: readonly LaneEvent[] = ['claim', 'claimed', 'refill', 'refill-due'];

/** The table lane.ts opens with; undefined marks an event the state must refuse. */
const EXPECTED: Record<LaneState, Record<LaneEvent, LaneState | undefined>> = {
  idle: { claim: 'claiming', claimed: undefined, refill: 'refill-queued', 'refill-due': undefined },
  claiming: { claim: undefined, claimed: 'idle', refill: 'claiming-refill-queued', 'refill-due': undefined },
  'refill-queued': { claim: 'claiming-refill-queued', claimed: undefined, refill: undefined, 'refill-due': 'idle' },
  'claiming-refill-queued': { claim: undefined, claimed: 'refill-queued', refill: undefined, 'refill-due': 'claiming' },
};

const cases = STATES.flatMap((state) => EVENTS.map((event) => [state, event, EXPECTED[state][event]] as const));

describe('the delivery lane state machine', () => {
  it.each(cases.filter(([, , next]) => next !== undefined))('moves a lane that is %s on %s to %s', (state, event, next) => {
    expect(nextLaneState(state, event)).toBe(next);
  });

  it.each(cases.filter(([, , next]) => next === undefined))('refuses %s on a lane that is %s', (state, event) => {
    const refusal = (() => {
      try {
        nextLaneState(state, event);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(LaneStateError);
    expect(refusal).toMatchObject({ state, event });
  });

  it('starts idle and says whether it claims or has a refill queued in every state', () => {
    const lane = new Lane(4);
    const seen: Array<[LaneState, boolean, boolean]> = [[lane.state, lane.claiming, lane.refillQueued]];
    for (const event of ['claim', 'refill', 'refill-due', 'refill', 'claimed', 'refill-due'] as const) {
      lane.on(event);
      seen.push([lane.state, lane.claiming, lane.refillQueued]);
    }
    expect(seen).toEqual([
      ['idle', false, false],
      ['claiming', true, false],
      ['claiming-refill-queued', true, true],
      ['claiming', true, false],
      ['claiming-refill-queued', true, true],
      ['refill-queued', false, true],
      ['idle', false, false],
    ]);
  });

  it('keeps its state when an event is refused', () => {
    const lane = new Lane(4);
    lane.on('claim');
    expect(() => lane.on('claim')).toThrow(LaneStateError);
    expect(lane.state).toBe('claiming');
  });
});
