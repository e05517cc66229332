import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.ts';

/**
 * Records every answered request in `tributary_http_request_duration_seconds`, labelled by the
 * route's template (`/api/v1/workspaces/:id/events`), never the raw path: a path holds ids and
 * whatever a client typed, an unbounded label. A request no route matched is `unmatched`. The
 * hook costs one histogram observation (~1 µs) per request.
 */
export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    metrics.httpRequestDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
