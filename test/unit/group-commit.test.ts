import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/inbox/index.ts';

describe('GroupCommit', () => {
  it('commits requests made in the same turn together, in order', async () => {
    const flushes: number[][] = [];
    const committer = new GroupCommit<number, number>(async (requests) => {
      flushes.push([...requests]);
      return requests.map((r) => r * 10);
    });
    const results = await Promise.all([1, 2, 3].map((n) => committer.submit(n)));
    expect(results).toEqual([10, 20, 30]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('settles nothing before its flush commits, and batches what arrives during a flush', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const flushes: number[][] = [];
    const committer = new GroupCommit<number, number>(async (requests) => {
      flushes.push([...requests]);
      if (flushes.length === 1) await gate;
      return requests;
    });
    let settled = false;
    const first = committer.submit(1).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [committer.submit(2), committer.submit(3)];
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    expect(flushes).toEqual([[1]]);
    release();
    await first;
    await Promise.all(later);
    expect(flushes).toEqual([[1], [2, 3]]);
  });

  it('fails only the request whose slot holds an Error, and all of them when the commit throws', async () => {
    let mode: 'slot' | 'throw' = 'slot';
    const committer = new GroupCommit<number, number>(async (requests) => {
      if (mode === 'throw') throw new Error('disk full');
      return requests.map((r) => (r === 2 ? new Error('bad two') : r));
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => committer.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    mode = 'throw';
    const failed = await Promise.allSettled([4, 5].map((n) => committer.submit(n)));
    expect(failed.every((r) => r.status === 'rejected')).toBe(true);
  });

  it('drain waits for everything submitted so far', async () => {
    const done: number[] = [];
    const committer = new GroupCommit<number, number>(async (requests) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(...requests);
      return requests;
    });
    void committer.submit(1);
    void committer.submit(2);
    await committer.drain();
    expect(done).toEqual([1, 2]);
  });
});
