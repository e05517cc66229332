import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/inbox/index.ts';

/** Resolves after every setImmediate queued so far has run: one turn of GroupCommit's scheduling. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit with two flushes at a time', () => {
  it('starts a second flush while the first waits, never a third, and drain waits for both', async () => {
    const gates: Array<() => void> = [];
    const started: number[][] = [];
    const committer = new GroupCommit<number, number>(
      async (requests) => {
        started.push([...requests]);
        await new Promise<void>((resolve) => gates.push(resolve));
        return requests.map((r) => r + 100);
      },
      5_000,
      2,
    );
    const first = committer.submit(1);
    await turn();
    const second = committer.submit(2);
    await turn();
    const third = committer.submit(3);
    await turn();
    expect(started).toEqual([[1], [2]]);

    let drained = false;
    const drain = committer.drain().then(() => (drained = true));
    gates[1]!();
    expect(await second).toBe(102);
    await turn();
    expect(started).toEqual([[1], [2], [3]]);
    gates[0]!();
    expect(await first).toBe(101);
    await turn();
    expect(drained).toBe(false);
    gates[2]!();
    expect(await third).toBe(103);
    await drain;
    expect(drained).toBe(true);
  });
});
