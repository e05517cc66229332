import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.ts';

type Observer = { observe(seconds: number): void };

/**
 * Records every answered request in `tributary_http_request_duration_seconds`, labelled by the
 * route's template (`/api/v1/workspaces/:id/events`), never the raw path: a path holds ids and
 * whatever a client typed, an unbounded label. A request no route matched is `unmatched`.
 *
 * The labelled child of each (method, route, status) is looked up once and kept: prom-client's
 * `observe(labels, value)` hashes the label object on every call, a measurable part of a
 * /v1/track request's few tens of microseconds.
 */
export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  const children = new Map<string, Observer>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    const status = reply.statusCode;
    const key = `${request.method} ${status} ${route}`;
    let child = children.get(key);
    if (child === undefined) {
      child = metrics.httpRequestDuration.labels({ method: request.method, route, status_code: String(status) });
      children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });
}
