import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real `tributary serve` (or another script) running as a child process on a real port. */
export interface ProcessServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Set on a brand-new database only: the credentials the first start prints once. */
  readonly firstStart: { workspaceId: string; writeKey: string } | undefined;
  /** Everything the child wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** Resident set size now and at its peak, in bytes, from /proc (Linux). */
  memory(): { rss: number; peakRss: number };
  /** Sends the signal and resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
}

export interface SpawnOptions {
  /** The script run with `node --import tsx`; defaults to src/main.ts serve. */
  args?: string[];
  /** Added to a minimal environment (PATH, HOME): the child sees nothing else from ours. */
  env?: Record<string, string>;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  /** How long to wait for the child to print that it listens. */
  startTimeoutMs?: number;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /**
   * Runs plain `node` without the tsx loader, for compiled JavaScript (`args: ['dist/main.js',
   * 'serve']`, what `npm start` runs): the benchmarks measure the server as users run it.
   */
  compiled?: boolean;
}

/**
 * A free TCP port on 127.0.0.1. The server is given a port rather than `PORT=0` because the
 * parent must know where to connect; the short window between closing this probe and the child
 * binding the port is harmless on a test machine.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function readProcStatus(pid: number): { rss: number; peakRss: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
  } catch {
    return { rss: 0, peakRss: 0 };
  }
}

/**
 * Spawns `node --import tsx src/main.ts serve` (node itself, not the tsx wrapper, so the pid we
 * hold is the server's and SIGKILL hits the server, not a launcher) and waits for the banner's
 * "listening on" line. Fails with the child's output if it exits or does not listen in time.
 */
export async function spawnServer(options: SpawnOptions = {}): Promise<ProcessServer> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const loader = options.compiled ? [] : ['--import', 'tsx'];
  const args = [...(options.nodeFlags ?? []), ...loader, ...(options.args ?? ['src/main.ts', 'serve'])];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });

  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${startTimeoutMs} ms; output:\n${output}`));
    }, startTimeoutMs);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening; output:\n${output}`));
    });
  });

  const workspaceId = /workspace "default": (\S+)/.exec(output)?.[1];
  const writeKey = /write key:\s+(\S+)/.exec(output)?.[1];
  const pid = child.pid!;
  return {
    url,
    port,
    pid,
    firstStart: workspaceId && writeKey ? { workspaceId, writeKey } : undefined,
    output: () => output,
    memory: () => readProcStatus(pid),
    exited,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
