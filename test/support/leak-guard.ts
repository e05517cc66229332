import { afterAll, beforeAll, expect } from 'vitest';
import { findLeaks, formatLeaks, lowest, snapshot, type Snapshot } from './leak-check.ts';

/**
 * A `setupFiles` module: every test file fails if it leaves a server, socket, child process or
 * timer running after its tests (STYLE rule 13). Hooks registered here belong to the file's root
 * suite; with vitest's default `sequence.hooks: 'stack'` this `afterAll` runs after every hook
 * the file registered itself, so whatever the file closes in its own `afterAll` is closed by then.
 *
 * The baseline is the lower of two snapshots, one as this module loads (before the test file is
 * imported) and one before the file's first hook, so a vitest timer pending at either moment
 * cannot mask a leaked one.
 */
// Node opens the standard streams on first use (a pipe each in a vitest fork) and keeps them
// open for good; opened here, they are part of the baseline instead of looking like a leak of
// whichever test first logged or checked `isTTY`.
void process.stdout;
void process.stderr;
const loaded = snapshot();
let baseline: Snapshot | undefined;

beforeAll(() => {
  baseline = lowest(loaded, snapshot());
});

afterAll(async () => {
  if (!baseline) return;
  const report = await findLeaks(baseline);
  if (report.leaks.length > 0) throw new Error(formatLeaks(report, expect.getState().testPath ?? 'this test file'));
});
