import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, bearer, startTestServer, useTestServer, waitFor, type TestServer } from '../support/harness.ts';
import { freePort } from '../support/process-server.ts';
import { forwardingApi } from '../forward/forward-support.ts';

const METRICS_TOKEN = 'metrics-token-0123456789';

/** The value of one series (name and exact label set) in a Prometheus text exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Issue 16 §1: Prometheus metrics, on the main port behind METRICS_TOKEN or on a local-only port. */
describe.each(DIALECTS)('metrics on %s', (dialect) => {
  let server: TestServer;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    server = await startTestServer(dialect, { metricsToken: METRICS_TOKEN, metricsPort, forwardAllowPrivateTargets: true, forwardRetryBaseMs: 10 });
    // The metrics port opens with the server's own.
    await server.listen();
  });
  afterAll(() => server?.close());

  const scrape = async () => {
    const res = await server.inject({ method: 'GET', url: '/metrics', headers: { authorization: bearer(METRICS_TOKEN) } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  it('refuses a scrape without the metrics token, and with the wrong one, with 401', async () => {
    expect((await server.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await server.inject({ method: 'GET', url: '/metrics', headers: { authorization: bearer('not-the-token-at-all') } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthorized');
  });

  it('counts requests by route template, never by raw path, and events accepted and processed by API', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await server.inject({ method: 'POST', url: '/v1/track', headers: { authorization: basicAuth(server.writeKey) }, payload: { event: 'Metered', userId: `u-${i}` } });
      expect(res.statusCode).toBe(200);
    }
    await server.inject({ method: 'GET', url: `/api/v1/workspaces/${server.workspaceId}/events`, headers: { authorization: bearer(server.operatorToken) } });
    await server.inject({ method: 'GET', url: '/no/such/path/u-12345' });
    const text = await waitFor(async () => {
      const body = await scrape();
      const done = (sample(body, 'tributary_events_processed_total{outcome="processed"}') ?? 0) >= 3 && sample(body, 'tributary_inbox_backlog_rows') === 0 && sample(body, 'tributary_processing_lag_seconds') === 0;
      return done ? body : undefined;
    }, 'the three events to be processed and the backlog gauge to show it');
    expect(sample(text, 'tributary_http_request_duration_seconds_count{method="POST",route="/v1/track",status_code="200"}')).toBe(3);
    expect(sample(text, 'tributary_http_request_duration_seconds_count{method="GET",route="/api/v1/workspaces/:id/events",status_code="200"}')).toBe(1);
    expect(sample(text, 'tributary_http_request_duration_seconds_count{method="GET",route="/*",status_code="404"}')).toBe(1);
    expect(text).not.toContain(server.workspaceId);
    expect(text).not.toContain('u-12345');
    expect(sample(text, 'tributary_events_accepted_total{api="segment"}')).toBe(3);
    expect(sample(text, 'tributary_inbox_backlog_rows')).toBe(0);
    expect(sample(text, 'tributary_processing_lag_seconds')).toBe(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('counts transformation runs and attribution flows by outcome', async () => {
    const admin = (method: 'POST', path: string, payload: object) =>
      server.inject({ method, url: `/api/v1/workspaces/${server.workspaceId}${path}`, headers: { authorization: bearer(server.operatorToken) }, payload });
    const created = await admin('POST', '/event-transformations', { name: 'noop', status: 'draft', source_code: 'function transform(event) { return event.event === "drop" ? null : event; }' });
    expect(created.statusCode).toBe(201);
    for (const event of ['keep', 'drop']) {
      expect((await admin('POST', `/event-transformations/${created.json().id}/test`, { input: { type: 'track', event } })).statusCode).toBe(200);
    }
    expect((await admin('POST', '/programs', { name: 'P', incentive: { type: 'percent', basis_points: 1000 } })).statusCode).toBe(201);
    const ada = (await admin('POST', '/collaborators', { name: 'Ada' })).json().id;
    const event = (slug: string, payload: object) =>
      server.inject({ method: 'POST', url: `/event/${slug}`, headers: { authorization: bearer(server.operatorToken), 'x-workspace-id': server.workspaceId }, payload });
    expect((await event('site-visited', { collaboratorId: ada })).statusCode).toBe(200);
    expect((await event('refund', { source: 'shop', externalId: 'never-sold' })).statusCode).toBe(404);
    const text = await scrape();
    expect(sample(text, 'tributary_transformation_runs_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'tributary_transformation_runs_total{outcome="dropped"}')).toBe(1);
    expect(sample(text, 'tributary_attribution_flows_total{slug="site-visited",outcome="2xx"}')).toBe(1);
    expect(sample(text, 'tributary_attribution_flows_total{slug="refund",outcome="4xx"}')).toBe(1);
  });

  it('counts deliveries by destination and outcome, with their duration', async () => {
    const api = forwardingApi(server);
    // The first request fails with a 503 (retried), the next ones are delivered.
    const { receiver, destinationId } = await api.wire({ eventNames: ['Forwarded'], behaviour: (index) => (index === 0 ? 503 : 204) });
    try {
      await api.track([{ event: 'Forwarded' }]);
      await api.settled(destinationId, 1, ['delivered'], 20_000);
      const text = await scrape();
      expect(sample(text, `tributary_delivery_attempts_total{destination_id="${destinationId}",outcome="retry"}`)).toBe(1);
      expect(sample(text, `tributary_delivery_attempts_total{destination_id="${destinationId}",outcome="delivered"}`)).toBe(1);
      expect(sample(text, `tributary_delivery_duration_seconds_count{destination_id="${destinationId}"}`)).toBe(2);
    } finally {
      await receiver.close();
    }
  });

  it('serves the same metrics without authentication on METRICS_PORT, bound to 127.0.0.1', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('tributary_http_request_duration_seconds');
  });
});

describe('metrics turned off', () => {
  const server = useTestServer('sqlite', { metricsEnabled: false, metricsToken: METRICS_TOKEN });

  it('serves no /metrics with METRICS=off', async () => {
    const res = await server.inject({ method: 'GET', url: '/metrics', headers: { authorization: bearer(METRICS_TOKEN) } });
    expect(res.statusCode).toBe(404);
  });
});
