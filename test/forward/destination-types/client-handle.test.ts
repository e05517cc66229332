import { describe, expect, it } from 'vitest';
import { ClientHandle } from '../../../src/forward/client-handle.ts';
import type { DestinationClient, SendOutcome } from '../../../src/forward/destination-types/index.ts';

const DELIVERED: SendOutcome = { verdict: 'delivered', statusCode: 200, latencyMs: 1, error: null, retryAfterMs: null };

function recordingClient() {
  const log: string[] = [];
  let release: () => void = () => {};
  const client: DestinationClient = {
    send: () => new Promise<SendOutcome>((resolve) => (release = () => resolve(DELIVERED))),
    close: async () => {
      log.push('closed');
    },
  };
  return { client, log, finishSend: () => release() };
}

describe('a destination client handle', () => {
  it('closes at once when retired with no send under way', async () => {
    const { client, log } = recordingClient();
    const handle = new ClientHandle(client, 1);
    expect(handle.isOpen).toBe(true);
    await handle.retire();
    expect(handle.isOpen).toBe(false);
    expect(log).toEqual(['closed']);
  });

  it('waits for the sends under way before closing, and closes once', async () => {
    const { client, log, finishSend } = recordingClient();
    const handle = new ClientHandle(client, 1);
    const sending = handle.use((open) => open.send({ events: [], requestId: 'r' }, new AbortController().signal));
    await handle.retire();
    expect(log).toEqual([]);
    finishSend();
    expect(await sending).toEqual(DELIVERED);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['closed']);
    await handle.retire();
    expect(log).toEqual(['closed']);
  });
});
