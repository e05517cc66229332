import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthFailureLimiter } from '../../src/http/auth-failure-limiter.ts';
import { basicAuth, bearer, startTestServer, type TestServer } from '../support/harness.ts';

/**
 * Issue 16 §8: 2,000 requests with wrong keys from one address were all answered 401 at full
 * speed. Repeated authentication failures from one address are now answered 429 with Retry-After,
 * before any credential lookup, and other addresses are not affected.
 */
const METRICS_TOKEN = 'metrics-token-0123456789';

describe('slowing down repeated authentication failures', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { authFailureBurst: 20, authFailurePerSecond: 1, metricsToken: METRICS_TOKEN });
  });
  afterAll(() => server?.close());

  const track = (remoteAddress: string, key: string) =>
    server.inject({ method: 'POST', url: '/v1/track', remoteAddress, headers: { authorization: basicAuth(key) }, payload: { event: 'x', userId: 'u' } });

  it('answers 429 rate_limited with Retry-After once an address has failed 20 times, and not another address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 200; i += 1) statuses.push((await track('203.0.113.7', `wk_wrong_${i}`)).statusCode);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const limited = await server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}`, remoteAddress: '203.0.113.7', headers: { authorization: bearer('trb_op_guess') } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // Another client, with a good key or a bad one, is answered as usual.
    expect((await track('198.51.100.9', server.writeKey)).statusCode).toBe(200);
    expect((await track('198.51.100.9', 'wk_wrong')).statusCode).toBe(401);
    // A local client (a reverse proxy on this host) is never limited.
    for (let i = 0; i < 30; i += 1) expect((await track('127.0.0.1', 'wk_wrong')).statusCode).toBe(401);
  });

  it('counts its refusals in tributary_rate_limited_requests_total{limit="auth_failures"}', async () => {
    const res = await server.inject({ method: 'GET', url: '/metrics', headers: { authorization: bearer(METRICS_TOKEN) } });
    // 180 Segment requests and the workspace read, refused in the test above.
    expect(res.body).toMatch(/^tributary_rate_limited_requests_total\{limit="auth_failures"\} 181$/m);
  });

  it('lets the address try again as its budget refills, and counts an IPv6 /64 as one address', () => {
    let now = 0;
    const limiter = new AuthFailureLimiter({ burst: 3, perSecond: 1, now: () => now });
    for (let i = 0; i < 3; i += 1) limiter.recordFailure('2001:db8:1:2::10');
    expect(limiter.retryAfterMs('2001:db8:1:2::10')).toBe(1000);
    expect(limiter.retryAfterMs('2001:db8:1:2:ffff::1')).toBe(1000);
    expect(limiter.retryAfterMs('2001:db8:1:3::10')).toBe(0);
    now = 500;
    expect(limiter.retryAfterMs('2001:db8:1:2::10')).toBe(500);
    now = 1000;
    expect(limiter.retryAfterMs('2001:db8:1:2::10')).toBe(0);
  });

  it('forgets the least recently failing addresses beyond its bound', () => {
    const limiter = new AuthFailureLimiter({ burst: 1, perSecond: 1, maxAddresses: 2, now: () => 0 });
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) limiter.recordFailure(address);
    expect(limiter.retryAfterMs('192.0.2.1')).toBe(0);
    expect(limiter.retryAfterMs('192.0.2.3')).toBeGreaterThan(0);
  });
});
