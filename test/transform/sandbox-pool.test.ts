import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SandboxPool } from '../../src/transform/sandbox-pool.ts';
import type { TransformOutcome } from '../../src/transform/index.ts';
import { waitFor } from '../support/harness.ts';

const logger = pino({ level: 'silent' });
/** Generous limits so a loaded CI machine does not fail the runs that are meant to succeed. */
const RELAXED = { timeoutMs: 2000, memoryMb: 32 };
const IDENTITY = 'function transform(event) { return event; }';

function failure(outcome: TransformOutcome | undefined): TransformOutcome & { ok: false } {
  expect(outcome?.ok).toBe(false);
  return outcome as TransformOutcome & { ok: false };
}

function success(outcome: TransformOutcome | undefined): TransformOutcome & { ok: true } {
  if (!outcome?.ok) throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function runOne(pool: SandboxPool, source: string, event: Record<string, unknown> = { event: 'x' }, limits = RELAXED) {
  const [outcome] = await pool.runMany(source, [event], limits);
  return outcome;
}

/** After a hostile run the pool must still transform normally. */
async function expectHealthy(pool: SandboxPool): Promise<void> {
  const outcome = success(await runOne(pool, 'function transform(e) { e.ok = true; return e; }', { a: 1 }));
  expect(outcome.events).toEqual([{ a: 1, ok: true }]);
}

describe('sandbox pool: results', () => {
  let pool: SandboxPool;
  beforeAll(() => {
    pool = new SandboxPool({ processes: 2, timeoutMs: 50, memoryMb: 32, logger });
  });
  afterAll(() => pool.close());

  it('runs transform over every event of a batch, in order, one outcome each (across several jobs)', async () => {
    const events = Array.from({ length: 250 }, (_, i) => ({ i }));
    const outcomes = await pool.runMany('function transform(e) { e.double = e.i * 2; return e; }', events, RELAXED);
    expect(outcomes.map((o) => success(o).events[0])).toEqual(events.map((e) => ({ i: e.i, double: e.i * 2 })));
  });

  it('answers an empty batch without starting a process', async () => {
    const idle = new SandboxPool({ processes: 1, timeoutMs: 50, memoryMb: 32, logger });
    expect(await idle.runMany(IDENTITY, [])).toEqual([]);
    expect(idle.stats().processes).toBe(0);
    await idle.close();
  });

  it('keeps the shape of what transform returned: object, array, or drop', async () => {
    const object = success(await runOne(pool, IDENTITY, { a: 1 }));
    expect([object.shape, object.events]).toEqual(['object', [{ a: 1 }]]);
    const array = success(await runOne(pool, 'function transform(e) { return [e, { b: 2 }]; }', { a: 1 }));
    expect([array.shape, array.events]).toEqual(['array', [{ a: 1 }, { b: 2 }]]);
    for (const source of ['function transform(e) { return null; }', 'function transform(e) {}']) {
      const dropped = success(await runOne(pool, source));
      expect([dropped.shape, dropped.events]).toEqual(['drop', []]);
    }
  });

  it('captures console output, bounded in lines and length', async () => {
    const logged = success(await runOne(pool, 'function transform(e) { console.log("seen", e, 42); console.warn({ x: [1] }); return e; }', { a: 1 }));
    expect(logged.logs).toEqual(['seen {"a":1} 42', '{"x":[1]}']);
    const flood = success(await runOne(pool, 'function transform(e) { for (let i = 0; i < 1000; i++) console.log("x".repeat(5000)); return e; }'));
    expect(flood.logs.length).toBeLessThanOrEqual(101);
    expect(flood.logs.every((line) => line.length <= 1001)).toBe(true);
    expect(flood.logs.at(-1)).toMatch(/more log lines dropped/);
  });

  it('keeps the logs written before a failure', async () => {
    const failed = failure(await runOne(pool, 'function transform(e) { console.log("before"); throw new TypeError("bad input"); }'));
    expect(failed.error).toBe('TypeError: bad input');
    expect(failed.logs).toEqual(['before']);
  });

  it('reports a syntax error as a compile failure with its position', async () => {
    const failed = failure(await runOne(pool, 'function transform(e) { return e'));
    expect(failed.kind).toBe('compile');
    expect(failed.error).toMatch(/SyntaxError/);
    expect(failed.error).toMatch(/transformation\.js:1/);
  });

  it('finds transform declared as a function, a var, or a top-level const', async () => {
    for (const source of ['function transform(e) { return { v: 1 }; }', 'var transform = (e) => ({ v: 1 });', 'const transform = (e) => ({ v: 1 });']) {
      expect(success(await runOne(pool, source)).events).toEqual([{ v: 1 }]);
    }
  });

  it('keeps the logs written before a time-out', async () => {
    const failed = failure(await runOne(pool, 'function transform(e) { console.log("started"); for (;;) {} }', {}, { timeoutMs: 50, memoryMb: 32 }));
    expect(failed.kind).toBe('timeout');
    expect(failed.logs).toEqual(['started']);
  });

  it('reports a source without a transform function', async () => {
    const failed = failure(await runOne(pool, 'var transform = 3;'));
    expect(failed.kind).toBe('missing_transform');
    expect(failed.error).toBe('source_code must define a function named transform');
  });

  it('does not share state between events: top-level code runs again for each event, built-ins cannot be polluted', async () => {
    const source = 'var count = (typeof count === "number" ? count : 0) + 1; function transform(e) { return { count: count, seen: ({}).polluted ?? null }; } Object.prototype.polluted = "yes";';
    const outcomes = await pool.runMany(source, [{}, {}, {}], RELAXED);
    // Each run sees its own top-level run once; the frozen prototype ignores the sloppy assignment.
    expect(outcomes.map((o) => success(o).events[0])).toEqual([
      { count: 1, seen: null },
      { count: 1, seen: null },
      { count: 1, seen: null },
    ]);
    const clean = success(await runOne(pool, 'function transform(e) { return { seen: ({}).polluted ?? null, arr: [].polluted ?? null }; }'));
    expect(clean.events).toEqual([{ seen: null, arr: null }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses the event with the real JSON.parse even when user code replaced it', async () => {
    const outcome = success(await runOne(pool, 'JSON.parse = function () { return { forged: true }; }; function transform(e) { return e; }', { real: 1 }));
    expect(outcome.events).toEqual([{ real: 1 }]);
  });
});

describe('sandbox pool: hostile code fails that run only', () => {
  let pool: SandboxPool;
  beforeAll(() => {
    pool = new SandboxPool({ processes: 1, timeoutMs: 50, memoryMb: 32, logger });
  });
  afterEach(() => expectHealthy(pool));
  afterAll(() => pool.close());

  it('stops an infinite loop at the time limit', async () => {
    const failed = failure(await runOne(pool, 'function transform(e) { while (true) {} }', {}, { timeoutMs: 50, memoryMb: 32 }));
    expect(failed.kind).toBe('timeout');
    expect(failed.error).toBe('time limit of 50 ms exceeded');
  });

  it('stops an infinite loop at the top level of the source', async () => {
    const failed = failure(await runOne(pool, 'for (;;) {} function transform(e) { return e; }', {}, { timeoutMs: 50, memoryMb: 32 }));
    expect(failed.kind).toBe('timeout');
  });

  it('stops a huge allocation at the memory limit', async () => {
    const failed = failure(
      await runOne(pool, 'function transform(e) { const keep = []; for (;;) keep.push(new Array(1e6).fill(e)); }', {}, { timeoutMs: 10_000, memoryMb: 16 }),
    );
    expect(failed.kind).toBe('memory');
    expect(failed.error).toBe('memory limit of 16 MB exceeded');
  });

  it('runs the same source again after its isolate was killed by the memory limit', async () => {
    const source = 'function transform(e) { if (e.big) { const keep = []; for (;;) keep.push(new Array(1e6).fill(1)); } return e; }';
    const [big, small] = await pool.runMany(source, [{ big: true }, { big: false }], { timeoutMs: 10_000, memoryMb: 16 });
    expect(failure(big).kind).toBe('memory');
    expect(success(small).events).toEqual([{ big: false }]);
  });

  it('gives no way to reach the host process through the Function constructor', async () => {
    const failed = failure(await runOne(pool, "function transform(e) { return this.constructor.constructor('return process')().env; }"));
    expect(failed.error).toBe('ReferenceError: process is not defined');
    const viaGlobal = failure(await runOne(pool, "function transform(e) { return { p: typeof Function('return this')().process === 'undefined' ? null : 1, x: globalThis.require('fs') }; }"));
    expect(viaGlobal.error).toMatch(/TypeError: globalThis.require is not a function/);
  });

  it('has no require, no network and no timers', async () => {
    expect(failure(await runOne(pool, "function transform(e) { return require('fs'); }")).error).toBe('ReferenceError: require is not defined');
    expect(failure(await runOne(pool, "function transform(e) { fetch('http://127.0.0.1/'); return e; }")).error).toBe('ReferenceError: fetch is not defined');
    const globals = success(
      await runOne(pool, 'function transform(e) { return { t: [typeof setTimeout, typeof XMLHttpRequest, typeof WebSocket, typeof process, typeof module, typeof Buffer] }; }'),
    );
    expect(globals.events).toEqual([{ t: ['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined'] }]);
  });

  it('offers no WebAssembly, whose memory would escape the heap limit, and no shared memory', async () => {
    const failed = failure(await runOne(pool, 'function transform(e) { return { n: new WebAssembly.Memory({ initial: 2000 }).buffer.byteLength }; }'));
    expect(failed.error).toBe('ReferenceError: WebAssembly is not defined');
    const globals = success(await runOne(pool, 'function transform(e) { return { t: [typeof SharedArrayBuffer, typeof Atomics] }; }'));
    expect(globals.events).toEqual([{ t: ['undefined', 'undefined'] }]);
    const buffer = failure(await runOne(pool, 'function transform(e) { return { n: new ArrayBuffer(200 * 1024 * 1024).byteLength }; }'));
    expect(buffer.error).toMatch(/RangeError: Array buffer allocation failed/);
  });

  it('names a thrown non-Error value', async () => {
    expect(failure(await runOne(pool, "function transform(e) { throw 'boom'; }")).error).toBe('transform threw a non-Error value: boom');
    expect(failure(await runOne(pool, 'function transform(e) { throw { code: 7 }; }')).error).toBe('transform threw a non-Error value: {"code":7}');
    expect(failure(await runOne(pool, 'function transform(e) { throw null; }')).error).toBe('transform threw a non-Error value: null');
    expect(failure(await runOne(pool, "throw 'at load'; function transform(e) { return e; }")).error).toBe('the source threw a non-Error value: at load');
    expect(failure(await runOne(pool, "throw new RangeError('at load'); function transform(e) { return e; }")).error).toBe('RangeError: at load');
  });

  it('refuses a function, a Symbol, a BigInt or a primitive as the result', async () => {
    const cases: [string, string][] = [
      ['return () => 1;', 'a function'],
      ["return Symbol('s');", 'a Symbol'],
      ['return 10n;', 'a BigInt'],
      ["return 'text';", 'a string'],
      ['return 3;', 'a number'],
      ['return [e, 5];', 'element 1 of the returned array is a number'],
    ];
    for (const [body, described] of cases) {
      const failed = failure(await runOne(pool, `function transform(e) { ${body} }`));
      expect(failed.kind).toBe('invalid_result');
      expect(failed.error).toContain(described);
    }
    const nested = failure(await runOne(pool, 'function transform(e) { return { n: 10n }; }'));
    expect(nested.error).toMatch(/cannot be serialised as JSON.*BigInt/);
    const promise = failure(await runOne(pool, 'async function transform(e) { return e; }'));
    expect(promise.error).toMatch(/returned a Promise/);
  });

  it('refuses a result with a __proto__ key instead of forwarding it', async () => {
    const failed = failure(await runOne(pool, `function transform(e) { return JSON.parse('{"__proto__": {"admin": true}}'); }`));
    expect(failed.kind).toBe('invalid_result');
  });

  it('survives prototype tampering: it cannot break its own helpers, and strict code is told why', async () => {
    const source = `
      Array.prototype.push = function () { throw new Error('no push'); };
      Object.prototype.toJSON = function () { return 'hijacked'; };
      function transform(e) { console.log('x'); return e; }`;
    const outcome = success(await runOne(pool, source, { a: 1 }));
    expect(outcome.events).toEqual([{ a: 1 }]);
    expect(outcome.logs).toEqual(['x']);
    const strict = failure(await runOne(pool, `'use strict'; Array.prototype.push = function () {}; function transform(e) { return e; }`));
    expect(strict.kind).toBe('threw');
    expect(strict.error).toMatch(/^TypeError: Cannot assign to read only property 'push'/);
    const shared = failure(await runOne(pool, 'function transform(e) { Object.prototype.toString = function () { return "mine"; }; return e; }'));
    expect(shared.error).toBe('TypeError: Cannot change toString of a built-in prototype: built-ins are frozen');
  });
});

describe('sandbox pool: events sharing a context', () => {
  let pool: SandboxPool;
  beforeAll(() => {
    // One process, so consecutive batches with the same key land on the same context.
    pool = new SandboxPool({ processes: 1, timeoutMs: 50, memoryMb: 32, logger });
  });
  afterAll(() => pool.close());

  /** Runs `source` over two batches of events n = 1..3 and 4..6 that may share one context. */
  async function twoBatches(source: string, reuseKey = 'tx_leak') {
    const first = await pool.runMany(source, [{ n: 1 }, { n: 2 }, { n: 3 }], RELAXED, { reuseKey });
    const second = await pool.runMany(source, [{ n: 4 }, { n: 5 }, { n: 6 }], RELAXED, { reuseKey });
    return [...first, ...second].map((o) => success(o).events[0]);
  }

  it('lets no global written by one event reach the next, in a batch or in the next batch of the same transformation', async () => {
    const source = `function transform(e) {
      const before = [typeof leaked === 'undefined' ? null : leaked, globalThis.also ?? null, typeof stuck === 'undefined' ? null : stuck];
      leaked = e.n;
      globalThis.also = e.n;
      if (e.n === 2) Object.defineProperty(globalThis, 'stuck', { value: e.n, configurable: false });
      return { n: e.n, before: before };
    }`;
    // The non-configurable global of event 2 cannot be deleted: event 3 gets a fresh context.
    expect(await twoBatches(source)).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ n, before: [null, null, null] })));
  });

  it('cleans up after a run that threw as after one that returned', async () => {
    const source = `function transform(e) {
      const before = typeof leaked === 'undefined' ? null : leaked;
      leaked = e.n;
      if (e.n % 2 === 0) throw new Error('even ' + e.n + ' saw ' + before);
      return { n: e.n, before: before };
    }`;
    const first = await pool.runMany(source, [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }], RELAXED, { reuseKey: 'tx_throws' });
    expect(first.map((o) => (o.ok ? o.events[0] : o.error))).toEqual([
      { n: 1, before: null },
      'Error: even 2 saw null',
      { n: 3, before: null },
      'Error: even 4 saw null',
      { n: 5, before: null },
    ]);
  });

  it('lets no state reach the next event through built-ins, hidden intrinsics, RegExp statics or the wrapper', async () => {
    const source = `
      arguments.callee.seen = arguments.callee.seen || 0;
      function transform(e) {
        const iterator = Object.getPrototypeOf([][Symbol.iterator]());
        const generator = Object.getPrototypeOf(function* () {});
        const before = [Array.prototype.push.seen ?? null, iterator.seen ?? null, generator.seen ?? null, Math.seen ?? null,
          typeof RegExp.$1 === 'string' ? RegExp.$1 : null, arguments.callee.seen ?? null, typeof WeakRef, typeof FinalizationRegistry];
        Array.prototype.push.seen = e.n;
        iterator.seen = e.n;
        generator.seen = e.n;
        Math.seen = e.n;
        /(secret-\d+)/.exec('secret-' + e.n);
        arguments.callee.seen = e.n;
        return { before: before };
      }`;
    const expected = { before: [null, null, null, null, null, null, 'undefined', 'undefined'] };
    expect(await twoBatches(source)).toEqual(Array.from({ length: 6 }, () => expected));
  });

  it('keeps ordinary code working on frozen built-ins: own toString, error subclasses setting name and message', async () => {
    const source = `
      class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
      function transform(e) {
        const o = {};
        o.toString = function () { return 'own'; };
        o.constructor = 'field';
        if (e.n === 2) throw new MyError('bad ' + e.n);
        return { s: String(o), c: o.constructor, n: e.n };
      }`;
    const outcomes = await pool.runMany(source, [{ n: 1 }, { n: 2 }, { n: 3 }], RELAXED, { reuseKey: 'tx_frozen' });
    expect(success(outcomes[0]).events).toEqual([{ s: 'own', c: 'field', n: 1 }]);
    expect(failure(outcomes[1]).error).toBe('MyError: bad 2');
    expect(success(outcomes[2]).events).toEqual([{ s: 'own', c: 'field', n: 3 }]);
  });

  it('gives each event of a batch its own time limit, even when the batch together takes longer', async () => {
    // Each event spins for 30 ms of a 100 ms limit: the batch as a whole takes far longer than one limit.
    const source = 'function transform(e) { const end = Date.now() + 30; while (Date.now() < end) {} return { n: e.n }; }';
    const outcomes = await pool.runMany(source, [1, 2, 3, 4, 5, 6].map((n) => ({ n })), { timeoutMs: 100, memoryMb: 32 }, { reuseKey: 'tx_slow' });
    expect(outcomes.map((o) => (o.ok ? o.events[0] : o.error))).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ n })));
  });

  it('keeps each event\'s logs apart in a batch', async () => {
    const source = 'function transform(e) { console.log("event", e.n); if (e.n === 2) throw new Error("no"); return e; }';
    const outcomes = await pool.runMany(source, [{ n: 1 }, { n: 2 }, { n: 3 }], RELAXED, { reuseKey: 'tx_logs' });
    expect(outcomes.map((o) => o.logs)).toEqual([['event 1'], ['event 2'], ['event 3']]);
  });

  it('fails only the event that hits a limit; the events after it in the batch run normally', async () => {
    const source = 'function transform(e) { if (e.n === 2) { for (;;) {} } if (e.n === 4) { const keep = []; for (;;) keep.push(new Array(1e6).fill(1)); } return { n: e.n }; }';
    const outcomes = await pool.runMany(source, [1, 2, 3, 4, 5].map((n) => ({ n })), { timeoutMs: 200, memoryMb: 16 }, { reuseKey: 'tx_limits' });
    expect(outcomes.map((o) => (o.ok ? o.events[0] : o.kind))).toEqual([{ n: 1 }, 'timeout', { n: 3 }, 'memory', { n: 5 }]);
  });
});

describe('sandbox pool: time limits on a busy machine', () => {
  let pool: SandboxPool;
  afterEach(async () => {
    await pool.close();
  });

  it('tries a run again when it hit the time limit while its process was not running, not while computing', async () => {
    pool = new SandboxPool({ processes: 1, timeoutMs: 50, memoryMb: 32, logger });
    // Each event computes for a few ms of CPU, well inside its 100 ms limit.
    const source = 'function transform(e) { let x = 0; for (let i = 0; i < 3e6; i += 1) x += i % 7; e.x = x > 0; return e; }';
    const limits = { timeoutMs: 100, memoryMb: 32 };
    await pool.runMany(source, [{ warm: true }], limits);
    const [pid] = pool.processIds();
    const running = pool.runMany(source, Array.from({ length: 100 }, (_, n) => ({ n })), limits);
    // Stop the child mid-batch, three times, each for longer than the limit: the run in progress
    // passes its wall-clock limit without having used its CPU.
    for (let stop = 0; stop < 3; stop += 1) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      process.kill(pid!, 'SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, 250));
      process.kill(pid!, 'SIGCONT');
    }
    const outcomes = await running;
    expect(outcomes.filter((o) => !o.ok).map((o) => JSON.stringify(o))).toEqual([]);
    // The stops did land on runs: some took longer than their limit, and were tried again.
    expect(outcomes.some((o) => o.durationMs > limits.timeoutMs)).toBe(true);
    // A run that does use its CPU still fails at the limit.
    const looping = failure((await pool.runMany('function transform(e) { for (;;) {} }', [{}], { timeoutMs: 50, memoryMb: 32 }))[0]);
    expect(looping.kind).toBe('timeout');
  });
});

describe('sandbox pool: child processes', () => {
  let pool: SandboxPool;
  afterEach(async () => {
    await pool.close();
  });

  it('fails only the run a killed child held, and the next run works on a new child', async () => {
    pool = new SandboxPool({ processes: 1, timeoutMs: 50, memoryMb: 32, logger });
    await expectHealthy(pool);
    const [firstPid] = pool.processIds();
    const held = pool.runMany('function transform(e) { while (true) {} }', [{ a: 1 }, { a: 2 }], { timeoutMs: 20_000, memoryMb: 32 });
    await waitFor(() => (pool.stats().busy === 1 ? true : undefined), 'the child to hold the run');
    const queued = pool.runMany(IDENTITY, [{ after: true }], RELAXED);
    process.kill(firstPid!, 'SIGKILL');
    const outcomes = await held;
    expect(outcomes).toHaveLength(2);
    for (const outcome of outcomes) {
      expect(failure(outcome).kind).toBe('sandbox');
      expect(failure(outcome).error).toMatch(/killed by SIGKILL/);
    }
    // The job queued behind it was never held by the dead child: it runs on the replacement.
    expect(success((await queued)[0]).events).toEqual([{ after: true }]);
    expect(pool.processIds()).not.toContain(firstPid);
  });

  it('kills and replaces a child that stops answering', async () => {
    pool = new SandboxPool({ processes: 1, timeoutMs: 50, memoryMb: 32, logger, watchdogGraceMs: 300 });
    await expectHealthy(pool);
    const [pid] = pool.processIds();
    process.kill(pid!, 'SIGSTOP');
    const failed = failure((await pool.runMany(IDENTITY, [{}]))[0]);
    expect(failed.error).toMatch(/stopped answering/);
    await expectHealthy(pool);
    expect(pool.processIds()).not.toContain(pid);
  });

  it('spreads concurrent batches over its processes', async () => {
    pool = new SandboxPool({ processes: 2, timeoutMs: 50, memoryMb: 32, logger });
    const slow = 'function transform(e) { const end = Date.now() + 200; while (Date.now() < end) {} return e; }';
    const results = await Promise.all([pool.runMany(slow, [{ n: 1 }], RELAXED), pool.runMany(slow, [{ n: 2 }], RELAXED), pool.runMany(slow, [{ n: 3 }], RELAXED)]);
    expect(results.map(([o]) => success(o).events[0])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(pool.processIds()).toHaveLength(2);
  });

  it('fails the queued runs with the reason when the sandbox cannot start, instead of forking forever', async () => {
    const brokenChild = fileURLToPath(new URL('./fixtures/broken-child.ts', import.meta.url));
    pool = new SandboxPool({ processes: 1, timeoutMs: 50, memoryMb: 32, logger, childEntry: brokenChild });
    const [outcome] = await pool.runMany(IDENTITY, [{}]);
    expect(failure(outcome).kind).toBe('sandbox');
    expect(failure(outcome).error).toBe('the sandbox process could not start (it exited with code 3): Error: Cannot find module isolated_vm.node');
    expect(pool.stats()).toEqual({ processes: 0, busy: 0, queued: 0 });
  });

  it('fails queued and new runs once closed, and leaves no process behind', async () => {
    pool = new SandboxPool({ processes: 1, timeoutMs: 50, memoryMb: 32, logger });
    await expectHealthy(pool);
    const [pid] = pool.processIds();
    await pool.close();
    expect(pool.processIds()).toEqual([]);
    expect(() => process.kill(pid!, 0)).toThrow();
    const [late] = await pool.runMany(IDENTITY, [{}]);
    expect(failure(late).error).toBe('the transformer is closed');
  });
});
