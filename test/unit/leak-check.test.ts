import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findLeaks, formatLeaks, lowest, snapshot } from '../support/leak-check.ts';

/**
 * The global leak guard (test/support/leak-guard.ts) is only worth something if it sees a leak:
 * each test here leaks a resource on purpose, asks the checker directly, then cleans up, so the
 * guard itself still finds this file clean. As in the guard, the baseline is the lower of a
 * snapshot taken while this module loads and one taken in the test, and the grace outlasts
 * vitest's own ~100 ms task-update timer, so that timer neither hides nor fakes a leak.
 */
const loaded = snapshot();
const baseline = () => lowest(loaded, snapshot());
const GRACE = { graceMs: 300 };
describe('the leak check', () => {
  it('runs after every test file, as a setup file of the suite', () => {
    // Read as text: importing the config loads vite, whose esbuild service leaves pipes open.
    const config = readFileSync(new URL('../../vitest.config.ts', import.meta.url), 'utf8');
    expect(config).toMatch(/setupFiles: \['test\/support\/leak-guard\.ts'\]/);
  });

  it('finds nothing when a file leaves nothing running', async () => {
    const report = await findLeaks(baseline(), GRACE);
    expect(report.leaks).toEqual([]);
  });

  it('reports a listening server left open, with its address', async () => {
    const before = baseline();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const report = await findLeaks(before, GRACE);
      expect(report.leaks).toContainEqual({ type: 'TCPServerWrap', extra: 1 });
      expect(report.details).toContain(`server listening on 127.0.0.1:${port}`);
      const message = formatLeaks(report, 'a-file.test.ts');
      expect(message).toContain('a-file.test.ts left resources running');
      expect(message).toContain('1 × TCPServerWrap: a listening TCP server');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect((await findLeaks(before, { graceMs: 1_000 })).leaks).toEqual([]);
  });

  it('reports an open socket on both of its ends', async () => {
    const server = createServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const before = baseline();
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await once(client, 'connect');
    try {
      const report = await findLeaks(before, GRACE);
      expect(report.leaks).toContainEqual({ type: 'TCPSocketWrap', extra: 2 });
      expect(report.details.some((line) => line.startsWith('socket 127.0.0.1:'))).toBe(true);
    } finally {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
    expect((await findLeaks(before, { graceMs: 1_000 })).leaks).toEqual([]);
  });

  it('reports an interval never cleared, but not an unref\'d one', async () => {
    const before = baseline();
    const unrefd = setInterval(() => {}, 60_000).unref();
    const leaked = setInterval(() => {}, 60_000);
    try {
      const report = await findLeaks(before, GRACE);
      expect(report.leaks).toEqual([{ type: 'Timeout', extra: 1 }]);
      expect(formatLeaks(report, 'f')).toContain("1 × Timeout: a ref'd setTimeout or setInterval never cleared");
    } finally {
      clearInterval(leaked);
      clearInterval(unrefd);
    }
    expect((await findLeaks(before, { graceMs: 1_000 })).leaks).toEqual([]);
  });

  it('reports a child process left running, with its pid and command', async () => {
    const before = baseline();
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await once(child, 'spawn');
    try {
      const report = await findLeaks(before, GRACE);
      expect(report.leaks).toContainEqual({ type: 'ProcessWrap', extra: 1 });
      expect(report.details).toContain(`child process ${child.pid}: ${process.execPath} -e setInterval(() => {}, 1000)`);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
    expect((await findLeaks(before, { graceMs: 1_000 })).leaks).toEqual([]);
  });

  it('waits out a close that finishes within the grace period instead of reporting it', async () => {
    const before = baseline();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const closing = new Promise((resolve) => setTimeout(() => server.close(resolve), 100));
    const report = await findLeaks(before, { graceMs: 2_000 });
    await closing;
    expect(report.leaks).toEqual([]);
  });
});
