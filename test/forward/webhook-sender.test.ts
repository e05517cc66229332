import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookSender } from '../../src/forward/webhook-sender.ts';

/** The sender's own limits, against a real receiver that never answers. */
describe('webhook sender limits', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on a receiver that does not answer within the time limit, as a retryable failure', async () => {
    const sender = new WebhookSender({ allowPrivate: true, timeoutMs: 150 });
    try {
      const result = await sender.post(url, {}, '{}');
      expect(result).toMatchObject({ statusCode: null, error: 'timed out after 150 ms', refused: false });
      expect(result.latencyMs).toBeGreaterThanOrEqual(140);
    } finally {
      sender.close();
    }
  });

  it('stops a request when the worker stops, without calling it a timeout', async () => {
    const sender = new WebhookSender({ allowPrivate: true, timeoutMs: 5000 });
    const stopping = new AbortController();
    try {
      const pending = sender.post(url, {}, '{}', stopping.signal);
      setTimeout(() => stopping.abort(), 50);
      const result = await pending;
      expect(result.statusCode).toBeNull();
      expect(result.error).not.toContain('timed out');
      expect(result.latencyMs).toBeLessThan(4000);
      // An already stopped worker sends nothing.
      expect((await sender.post(url, {}, '{}', stopping.signal)).statusCode).toBeNull();
    } finally {
      sender.close();
    }
  });
});
