import { Analytics } from '@segment/analytics-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { bearer, useTestServer, waitFor } from '../support/harness.ts';
import { waitForAllProcessed } from './canonical-events.ts';

/**
 * Issue 16 §5: Segment's Node SDK, unmodified, against a write key over its rate limit. It must
 * hear 429 with Retry-After, wait at least that long, send the refused batches again, and every
 * event must be stored exactly once when the limit lifts.
 *
 * The server's rate-limit clock stands still (so the bucket does not refill behind the test's
 * back) until the test moves it; the limit lifts when the operator raises it. The SDK waits on
 * real timers, at least one second after a 429, so the test takes about a second.
 */
describe.each(DIALECTS)('@segment/analytics-node backing off a rate-limited write key on %s', (dialect) => {
  let now = Date.UTC(2026, 11, 7, 10, 0, 0);
  const server = useTestServer(dialect, {}, { clock: { now: () => now } });
  let host: string;

  beforeAll(async () => {
    host = await server.listen();
  });

  const putLimits = async (writeKey: unknown) => {
    const res = await server.inject({
      method: 'PUT',
      url: `/api/v1/workspaces/${server.workspaceId}/settings/rate-limits`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { write_key: writeKey, api_key: null },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('waits for Retry-After after a 429 and delivers every event exactly once when the limit lifts', async () => {
    await putLimits({ per_second: 1, burst: 2 });
    const analytics = new Analytics({ writeKey: server.writeKey, host, flushAt: 1, maxRetries: 3 });
    const requests: Array<{ at: number; retry: string | undefined }> = [];
    const responses: Array<{ at: number; status: number; retryAfter: string | undefined }> = [];
    const errors: unknown[] = [];
    analytics.on('http_request', (request) => requests.push({ at: Date.now(), retry: request.headers['X-Retry-Count'] }));
    analytics.on('http_response', (response) => responses.push({ at: Date.now(), status: response.status, retryAfter: (response.headers as Record<string, string>)['retry-after'] }));
    analytics.on('error', (error) => errors.push(error));

    const N = 8;
    const sent = Array.from({ length: N }, (_, i) => `node-limited-${i}`);
    // flushAt 1: one request per event, all at once.
    for (const messageId of sent) analytics.track({ userId: 'node-limited', event: 'Limited', messageId, properties: { messageId } });
    const refused = await waitFor(() => {
      const limited = responses.filter((r) => r.status === 429);
      return responses.length >= N && limited.length > 0 ? limited : undefined;
    }, 'the SDK to hear its first answers');
    expect(refused).toHaveLength(N - 2);
    expect(refused.every((r) => r.retryAfter === '1')).toBe(true);
    const firstRefusal = Math.min(...refused.map((r) => r.at));

    // The operator raises the limit and (on the server's clock) a second passes, which refills the
    // bucket at the new rate; the SDK's retries, after Retry-After, are let through.
    await putLimits({ per_second: 1000, burst: 1000 });
    now += 1000;
    await analytics.closeAndFlush({ timeout: 15_000 });

    expect(errors).toEqual([]);
    const retries = requests.filter((r) => r.retry !== undefined);
    expect(retries).toHaveLength(N - 2);
    // Not one retry went out before the second Retry-After asked for (timers may fire a hair early).
    for (const retry of retries) expect(retry.at - firstRefusal).toBeGreaterThanOrEqual(990);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(N);

    const { incoming, events } = await waitForAllProcessed(server);
    const stored = events.filter((event) => event.user_id === 'node-limited');
    expect(stored.map((event) => event.message_id).sort()).toEqual([...sent].sort());
    expect(incoming.filter((row) => sent.includes(row.message_id ?? ''))).toHaveLength(N);
  });
});
