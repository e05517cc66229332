import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/process-server.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The direct children of a process, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return [];
  return readFileSync(`${tasks}/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

/**
 * Issue 16 §7: `npm start` leaves one `node` process running the compiled server, and a SIGTERM
 * or SIGINT sent to the process `npm start` created stops that server gracefully (with the tsx
 * launcher it used to run, the server outlived npm).
 */
describe('npm start', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('runs one node process that %s to npm stops gracefully', { timeout: 180_000 }, async (signal) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tributary-npm-start-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const npm: ChildProcess = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    cleanups.push(() => npm.kill('SIGKILL'));

    const deadline = Date.now() + 150_000;
    while (!output.includes('Server listening') && Date.now() < deadline) {
      if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toContain('Server listening');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const [server, ...others] = childrenOf(npm.pid!);
    expect(others).toEqual([]);
    expect(readFileSync(`/proc/${server}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining(['dist/main.js', 'serve']));
    cleanups.push(() => {
      if (alive(server!)) process.kill(server!, 'SIGKILL');
    });

    npm.kill(signal);
    await exited;
    expect(output).toContain('"msg":"shutting down"');
    const gone = Date.now() + 15_000;
    while (alive(server!) && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(server!), `the server (pid ${server}) outlived npm start`).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
