import { describe, expect, it } from 'vitest';
import { PollLoop, type Sleep } from '../../src/lib/poll-loop.ts';

/** A sleep the test ends by hand ("the time is up"), and a way to wait until the loop sleeps. */
function manualSleep() {
  const sleeps: Array<{ ms: number; timeUp(): void; woken: boolean }> = [];
  let onSleep: (() => void) | undefined;
  return {
    sleeps,
    sleep(ms: number): Sleep {
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      const entry = { ms, timeUp: resolve, woken: false };
      sleeps.push(entry);
      onSleep?.();
      return {
        done,
        wake() {
          entry.woken = true;
          resolve();
        },
      };
    },
    /** Resolves once the loop has started its `n`-th sleep. */
    asleep(n: number): Promise<void> {
      if (sleeps.length >= n) return Promise.resolve();
      return new Promise((resolve) => {
        onSleep = () => {
          if (sleeps.length < n) return;
          onSleep = undefined;
          resolve();
        };
      });
    },
  };
}

/** Rounds the test releases one at a time, with what each should answer. */
function scriptedRounds() {
  const started: Array<{ finish(again: boolean): void; fail(error: unknown): void }> = [];
  let onStart: (() => void) | undefined;
  return {
    started,
    round(): Promise<boolean> {
      return new Promise<boolean>((resolve, reject) => {
        started.push({ finish: resolve, fail: reject });
        onStart?.();
      });
    },
    /** Resolves once round `n` (from 1) has started. */
    reached(n: number): Promise<void> {
      if (started.length >= n) return Promise.resolve();
      return new Promise((resolve) => {
        onStart = () => {
          if (started.length < n) return;
          onStart = undefined;
          resolve();
        };
      });
    },
  };
}

function recordingLogger() {
  const errors: Array<{ err: unknown; message: string }> = [];
  return { errors, logger: { error: (fields: { err: unknown }, message: string) => errors.push({ err: fields.err, message }) } as never };
}

describe('the workers’ poll loop', () => {
  it('waits the interval after an empty round and polls again when the time is up', async () => {
    const clock = manualSleep();
    const rounds = scriptedRounds();
    const loop = new PollLoop({ round: () => rounds.round(), intervalMs: 250, logger: recordingLogger().logger, failure: 'poll failed', sleep: clock.sleep });
    loop.start();
    await rounds.reached(1);
    rounds.started[0]!.finish(false);
    await clock.asleep(1);
    expect(clock.sleeps.map((sleep) => sleep.ms)).toEqual([250]);
    expect(rounds.started).toHaveLength(1);
    clock.sleeps[0]!.timeUp();
    await rounds.reached(2);
    rounds.started[1]!.finish(false);
    await clock.asleep(2);
    await loop.stop();
    expect(rounds.started).toHaveLength(2);
  });

  it('starts the next round at once after a round that found work', async () => {
    const clock = manualSleep();
    const rounds = scriptedRounds();
    const loop = new PollLoop({ round: () => rounds.round(), intervalMs: 250, logger: recordingLogger().logger, failure: 'poll failed', sleep: clock.sleep });
    loop.start();
    await rounds.reached(1);
    rounds.started[0]!.finish(true);
    await rounds.reached(2);
    expect(clock.sleeps).toHaveLength(0);
    rounds.started[1]!.finish(false);
    await clock.asleep(1);
    await loop.stop();
  });

  it('cuts the wait short on wake', async () => {
    const clock = manualSleep();
    const rounds = scriptedRounds();
    const loop = new PollLoop({ round: () => rounds.round(), intervalMs: 60_000, logger: recordingLogger().logger, failure: 'poll failed', sleep: clock.sleep });
    loop.start();
    await rounds.reached(1);
    rounds.started[0]!.finish(false);
    await clock.asleep(1);
    loop.wake();
    await rounds.reached(2);
    expect(clock.sleeps[0]!.woken).toBe(true);
    rounds.started[1]!.finish(false);
    await clock.asleep(2);
    await loop.stop();
  });

  it('skips the wait after a round during which it was woken', async () => {
    const clock = manualSleep();
    const rounds = scriptedRounds();
    const loop = new PollLoop({ round: () => rounds.round(), intervalMs: 60_000, logger: recordingLogger().logger, failure: 'poll failed', sleep: clock.sleep });
    loop.start();
    await rounds.reached(1);
    loop.wake();
    rounds.started[0]!.finish(false);
    await rounds.reached(2);
    expect(clock.sleeps).toHaveLength(0);
    rounds.started[1]!.finish(false);
    await clock.asleep(1);
    await loop.stop();
  });

  it('logs a round that throws, non-Errors included, and goes on polling', async () => {
    const clock = manualSleep();
    const rounds = scriptedRounds();
    const { errors, logger } = recordingLogger();
    const loop = new PollLoop({ round: () => rounds.round(), intervalMs: 100, logger, failure: 'delivery poll failed', sleep: clock.sleep });
    loop.start();
    await rounds.reached(1);
    rounds.started[0]!.fail(new Error('database is locked'));
    await clock.asleep(1);
    clock.sleeps[0]!.timeUp();
    await rounds.reached(2);
    rounds.started[1]!.fail('a string');
    await clock.asleep(2);
    expect(errors.map(({ message }) => message)).toEqual(['delivery poll failed', 'delivery poll failed']);
    expect(errors[0]!.err).toMatchObject({ message: 'database is locked' });
    expect(errors[1]!.err).toBeInstanceOf(Error);
    clock.sleeps[1]!.timeUp();
    await rounds.reached(3);
    rounds.started[2]!.finish(false);
    await clock.asleep(3);
    await loop.stop();
  });

  it('stops from its wait at once, and after the round under way when stopped during one', async () => {
    const clock = manualSleep();
    const rounds = scriptedRounds();
    const loop = new PollLoop({ round: () => rounds.round(), intervalMs: 60_000, logger: recordingLogger().logger, failure: 'poll failed', sleep: clock.sleep });
    loop.start();
    await rounds.reached(1);
    rounds.started[0]!.finish(false);
    await clock.asleep(1);
    await loop.stop();
    expect(loop.isRunning).toBe(false);
    expect(clock.sleeps[0]!.woken).toBe(true);

    loop.start();
    await rounds.reached(2);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    rounds.started[1]!.finish(true);
    await stopping;
    expect(rounds.started).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('with firstRoundAfterInterval, sleeps an interval before the first round; a wake ends that wait', async () => {
    const clock = manualSleep();
    let rounds = 0;
    const loop = new PollLoop({ round: async () => ((rounds += 1), false), intervalMs: 60_000, logger: { error() {} }, failure: 'x', sleep: clock.sleep, firstRoundAfterInterval: true });
    loop.start();
    await clock.asleep(1);
    expect(rounds).toBe(0);
    expect(clock.sleeps[0]!.ms).toBe(60_000);
    loop.wake();
    await clock.asleep(2);
    expect(rounds).toBe(1);
    await loop.stop();
  });
});
