import type { ChildProcess } from 'node:child_process';
import { Server, Socket } from 'node:net';

/**
 * Finds what a test file left running: listening servers, open sockets, child processes and
 * their pipes, ref'd timers. graphile-worker fails a test that leaks a worker; we do the same per
 * file (see `leak-guard.ts`), because a leaked server or sandbox child is a bug in the code under
 * test as often as in the test, and it shows up later as a hung run or a port in use.
 *
 * The verdict comes from `process.getActiveResourcesInfo()` (documented, Node ≥ 17), counted per
 * type against a baseline taken before the file's tests: the vitest worker holds resources of its
 * own (its IPC pipe, the hook's timeout timer), and those are in the baseline too. Counts, not
 * identities, because the API gives only type names. For the message, new objects from the
 * undocumented `process._getActiveHandles()` are described where Node still offers it (servers,
 * sockets and child processes; timers are not in that list, so they are reported by count only).
 */

/** Resource types that keep the event loop alive, with a count each. */
export type ResourceCounts = ReadonlyMap<string, number>;

export interface Snapshot {
  readonly counts: ResourceCounts;
  /** The handle objects alive when the snapshot was taken, so a report can name only new ones. */
  readonly handles: ReadonlySet<unknown>;
}

export interface Leak {
  /** The resource type, as `getActiveResourcesInfo` names it (`TCPServerWrap`, `ProcessWrap`, `Timeout` …). */
  readonly type: string;
  /** How many more of it are alive than at the baseline. */
  readonly extra: number;
}

export interface LeakReport {
  readonly leaks: readonly Leak[];
  /** One line for each new server, socket or child process that could be described. */
  readonly details: readonly string[];
}

const MEANING: Record<string, string> = {
  TCPServerWrap: 'a listening TCP server',
  TCPSocketWrap: 'an open TCP socket, such as a database connection or HTTP keep-alive',
  ProcessWrap: 'a child process',
  PipeWrap: "a pipe, such as a child process's stdio",
  Timeout: "a ref'd setTimeout or setInterval never cleared",
  Immediate: 'a setImmediate callback',
};

/** The resources alive now. */
export function snapshot(): Snapshot {
  return { counts: countResources(), handles: new Set(activeHandles()) };
}

/**
 * The fewest of each type over several snapshots. vitest's worker keeps short-lived timers of
 * its own (it batches task updates on a timer of about 100 ms); one pending at a snapshot would
 * otherwise hide a leaked timer of the same count. A resource alive in every snapshot stays in.
 */
export function lowest(...snapshots: Snapshot[]): Snapshot {
  const counts = new Map<string, number>();
  const types = new Set(snapshots.flatMap((one) => [...one.counts.keys()]));
  for (const type of types) counts.set(type, Math.min(...snapshots.map((one) => one.counts.get(type) ?? 0)));
  return { counts, handles: new Set(snapshots.flatMap((one) => [...one.handles])) };
}

/**
 * Waits up to `graceMs` for the resources alive beyond `baseline` to go away (a server's close,
 * a child's exit and a socket's end all finish after the call that asked for them), then answers
 * what is still there. An empty `leaks` list means nothing leaked.
 */
export async function findLeaks(baseline: Snapshot, options: { graceMs?: number; pollMs?: number } = {}): Promise<LeakReport> {
  const graceMs = options.graceMs ?? 2_000;
  const pollMs = options.pollMs ?? 10;
  const deadline = Date.now() + graceMs;
  for (;;) {
    const leaks = excess(baseline.counts, countResources());
    if (leaks.length === 0) return { leaks, details: [] };
    if (Date.now() >= deadline) {
      const details = activeHandles().filter((handle) => !baseline.handles.has(handle)).map(describeHandle).filter((line) => line !== undefined);
      return { leaks, details };
    }
    // This wait's own timer has fired (and is gone) by the time the next count runs.
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** A message that names every leaked resource, for the failure. */
export function formatLeaks(report: LeakReport, where: string): string {
  const lines = report.leaks.map(({ type, extra }) => `  ${extra} × ${type}${MEANING[type] ? `: ${MEANING[type]}` : ''}`);
  const details = report.details.map((line) => `    ${line}`);
  return [`${where} left resources running after its tests:`, ...lines, ...(details.length > 0 ? ['  of which:', ...details] : [])].join('\n');
}

function countResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

function excess(baseline: ResourceCounts, now: ResourceCounts): Leak[] {
  const leaks: Leak[] = [];
  for (const [type, count] of now) {
    const extra = count - (baseline.get(type) ?? 0);
    if (extra > 0) leaks.push({ type, extra });
  }
  return leaks.sort((a, b) => a.type.localeCompare(b.type));
}

function activeHandles(): unknown[] {
  const probe = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  return typeof probe === 'function' ? probe.call(process) : [];
}

function describeHandle(handle: unknown): string | undefined {
  if (handle instanceof Server) {
    const address = handle.address();
    return `server listening on ${typeof address === 'string' ? address : address ? `${address.address}:${address.port}` : '(unknown)'}`;
  }
  if (handle instanceof Socket) {
    if (handle.remotePort !== undefined) return `socket ${handle.localAddress}:${handle.localPort} → ${handle.remoteAddress}:${handle.remotePort}`;
    return undefined; // A child's stdio pipe: its process is listed on its own line.
  }
  const child = handle as Partial<ChildProcess>;
  if (typeof child.pid === 'number' && Array.isArray(child.spawnargs)) return `child process ${child.pid}: ${child.spawnargs.join(' ')}`;
  return undefined;
}
