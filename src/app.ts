import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type onRouteHookHandler, type onSendHookHandler } from 'fastify';
import type { Logger } from 'pino';
import type { Db } from './db/index.ts';
import { AppError } from './errors/index.ts';
import type { Config } from './config.ts';
import { AuthFailureLimiter, registerAuthFailureLimiter } from './http/auth-failure-limiter.ts';
import { registerCompressedBodies } from './http/compressed-body.ts';
import { registerConsoleStatic } from './http/console-static.ts';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandler, sendError } from './http/error-handler.ts';
import { registerJsonBodyParser } from './http/json-body-parser.ts';
import { registerHttpMetrics, registerMetricsRoute, type Metrics } from './metrics/index.ts';
import { describeRoute, json, registerOpenApi, registerReferencePage, SECURITY } from './openapi/index.ts';

/**
 * What the app itself needs: the logger, the database `/readyz` checks, the settings of the HTTP
 * server (timeouts, metrics token, authentication-failure limits), and the runtime's metrics,
 * which measure every request.
 */
export interface AppDeps {
  readonly logger: Logger;
  readonly db: Db;
  readonly config: Config;
  readonly metrics: Metrics;
  /** True once a graceful stop has begun: `/readyz` answers 503 so load balancers stop sending. */
  readonly stopping?: () => boolean;
  /** Observers of every route and answer, for tests (the OpenAPI coverage and conformance checks). */
  readonly probe?: HttpProbe;
}

/** Hooks added before any route, so they see all of them. */
export interface HttpProbe {
  readonly onRoute?: onRouteHookHandler;
  readonly onSend?: onSendHookHandler;
}

/**
 * Builds the HTTP app: body parsing, the error shape, health checks and the console's files,
 * around the capabilities `registerCapabilities` adds (the runtime hands each its own deps). No
 * globals: tests build as many as they like, with as few capabilities as they like.
 */
export async function buildApp(deps: AppDeps, registerCapabilities: (app: FastifyInstance) => Promise<void>): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Per-request logs at 30,000 requests a second would cost more than the requests; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request either: pino's child() serialises its bindings for every request
    // (2 % of a /v1/track request's CPU) for a logger used only on errors, whose logs name the
    // request themselves (error-handler.ts).
    childLoggerFactory: (logger) => logger,
    bodyLimit: 1024 * 1024,
    // A request sent slowly holds a socket: bound the time to send it whole (408 request_timeout
    // from clientErrorHandler), its headers, and an idle keep-alive. Node checks these every
    // `connectionsCheckingInterval` (30 s by default, so a 10 s limit would fire at up to 40 s).
    requestTimeout: deps.config.requestTimeoutMs,
    keepAliveTimeout: deps.config.keepAliveTimeoutMs,
    http: { headersTimeout: deps.config.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, deps.config.headersTimeoutMs) },
    // Off: Fastify's own 503 while closing has a body of its own; the hook below answers in ours.
    return503OnClosing: false,
    trustProxy: false,
    // Ids are opaque; a client that sends `?limit=1&limit=2` gets the first.
    // Duplicate slashes too: analytics-next appends `/v1/projects/…` to its cdnURL as written, so a
    // cdnURL ending in `/` asks for `//v1/projects/…`.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 200 },
    // Errors raised before any route runs answer in the same error shape as everything else.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  if (deps.probe?.onRoute) app.addHook('onRoute', deps.probe.onRoute);
  if (deps.probe?.onSend) app.addHook('onSend', deps.probe.onSend);
  // First: the description collects every route registered after it.
  await registerOpenApi(app);
  registerCompressedBodies(app);
  registerJsonBodyParser(app);
  registerErrorHandler(app);
  if (deps.config.authFailureBurst > 0) {
    registerAuthFailureLimiter(app, new AuthFailureLimiter({ burst: deps.config.authFailureBurst, perSecond: deps.config.authFailurePerSecond }), () =>
      deps.metrics.rateLimited.inc({ limit: 'auth_failures' }),
    );
  }
  if (deps.config.metricsEnabled) {
    registerHttpMetrics(app, deps.metrics);
    registerMetricsRoute(app, deps.metrics, deps.config.metricsToken);
  }

  // Once the server closes, requests still arriving on open keep-alive connections are answered
  // 503 `service_unavailable` with `Connection: close`, in the one error shape. A callback hook:
  // on the hot path it costs one boolean test per request.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    sendError(reply, new AppError('service_unavailable', 'The server is shutting down.'));
  });

  app.get(
    '/healthz',
    describeRoute({
      operationId: 'getHealth',
      summary: 'Liveness: the process answers',
      tags: ['Health'],
      security: SECURITY.public,
      response: { 200: json('Alive.', { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }) },
    }),
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    describeRoute({
      operationId: 'getReadiness',
      summary: 'Readiness: the database answers',
      description: 'Answers 503 `service_unavailable` while the database is unreachable or the server is stopping.',
      tags: ['Health'],
      security: SECURITY.public,
      response: {
        200: json('Ready.', {
          type: 'object',
          required: ['status', 'database'],
          properties: { status: { const: 'ready' }, database: { type: 'string', enum: ['sqlite', 'postgres'] } },
        }),
      },
    }),
    async (_request, reply) => {
      if (deps.stopping?.()) return sendError(reply, new AppError('service_unavailable', 'The server is shutting down.'));
      try {
        await deps.db.kysely.selectFrom('meta').select('key').limit(1).execute();
        return { status: 'ready', database: deps.db.dialect.name };
      } catch (error) {
        return sendError(reply, new AppError('service_unavailable', 'The database is unreachable.', { cause: error }));
      }
    },
  );
  registerReferencePage(app);

  await registerCapabilities(app);
  registerConsoleStatic(app);
  return app;
}
