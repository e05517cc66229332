import { IsolateRunner } from './isolate-runner.ts';
import { isRunRequest, type ChildMessage } from './protocol.ts';

/**
 * Entry point of a sandbox child process (forked by `SandboxPool`, run through tsx with
 * `--no-node-snapshot`, which isolated-vm needs on Node 20+). It answers `run` messages one at a
 * time, in order, and exits when the parent goes away, so an orphan never lingers.
 */

if (!process.send) {
  throw new Error('child-main.ts runs only as a forked sandbox process');
}

const runner = new IsolateRunner();

function send(message: ChildMessage): void {
  process.send?.(message);
}

process.on('message', (message: unknown) => {
  if (!isRunRequest(message)) return;
  const limits = { timeoutMs: message.timeoutMs, memoryMb: message.memoryMb };
  const outcomes = runner.runBatch(message.source, message.events, limits, message.reuseKey);
  send({ type: 'result', id: message.id, outcomes });
});

process.on('disconnect', () => {
  runner.dispose();
  process.exit(0);
});

send({ type: 'ready' });
