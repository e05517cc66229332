import Fastify, { type FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.ts';
import { constantTimeEqual } from '../lib/secrets.ts';
import { describeRoute, media, SECURITY } from '../openapi/index.ts';
import type { Metrics } from './metrics.ts';

/**
 * `GET /metrics` on the main port, for a Prometheus that presents `METRICS_TOKEN` as a Bearer token
 * (its `authorization` setting). Without a token configured the route refuses every scrape and says
 * how to enable it: metrics name routes, destinations and money totals, not for anyone to read.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  const doc = describeRoute({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics',
    description: 'Needs `METRICS_TOKEN` set on the server; or scrape `METRICS_PORT` on 127.0.0.1 without a token.',
    tags: ['Metrics'],
    security: SECURITY.metrics,
    response: { 200: media('The Prometheus text exposition format.', 'text/plain') },
  });
  app.get('/metrics', doc, async (request, reply) => {
    if (token === undefined) {
      throw new AppError('unauthorized', 'Metrics on this port need METRICS_TOKEN to be set (or METRICS_PORT for a separate, local-only port).');
    }
    const header = request.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!constantTimeEqual(presented, token)) {
      throw new AppError('unauthorized', 'A Bearer METRICS_TOKEN is required.', { headers: { 'www-authenticate': 'Bearer realm="metrics"' } });
    }
    const { body, contentType } = await metrics.scrape();
    return reply.header('content-type', contentType).send(body);
  });
}

/**
 * The separate metrics port (`METRICS_PORT`): `GET /metrics` without authentication, bound to
 * 127.0.0.1 only, for a Prometheus (or an agent) on the same host. Nothing else is served there.
 */
export async function startMetricsServer(metrics: Metrics, port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = Fastify({ logger: false });
  server.get('/metrics', async (_request, reply) => {
    const { body, contentType } = await metrics.scrape();
    return reply.header('content-type', contentType).send(body);
  });
  const url = await server.listen({ host: '127.0.0.1', port });
  return { url, close: () => server.close() };
}
