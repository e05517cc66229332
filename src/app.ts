import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerAttributionIngest } from './attribution/index.ts';
import { registerAttributionApi } from './attribution/api/index.ts';
import { registerFulfillmentApi } from './attribution/fulfillment/index.ts';
import { registerDistributionApi } from './attribution/distributions/index.ts';
import { registerReportsApi } from './attribution/reports/index.ts';
import { registerSystemApi } from './attribution/system/index.ts';
import { registerSirenWebhookRoutes } from './attribution/webhooks/index.ts';
import { registerAdminRoutes } from './auth/index.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors/index.ts';
import { AuthFailureLimiter, registerAuthFailureLimiter } from './http/auth-failure-limiter.ts';
import { registerCompressedBodies } from './http/compressed-body.ts';
import { registerConsoleStatic } from './http/console-static.ts';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandler, sendError } from './http/error-handler.ts';
import { registerJsonBodyParser } from './http/json-body-parser.ts';
import { registerHttpMetrics, registerMetricsRoute, type Metrics } from './metrics/index.ts';
import { registerIngestRoutes } from './ingest/index.ts';
import { registerContractRoutes } from './contracts/index.ts';
import { registerForwardRoutes } from './forward/index.ts';
import { registerEventRoutes, registerLiveRoutes } from './observe/index.ts';
import { registerTransformationRoutes } from './transform/index.ts';

export interface AppHooks {
  /** A failed event was put back in the queue by hand: wake the workers. */
  onRequeued?: () => void;
  /** The runtime's Prometheus metrics: every request is measured, and `GET /metrics` serves them. */
  metrics?: Metrics;
}

/** Builds the HTTP API over a running context. No globals: tests build as many as they like. */
export async function buildApp(context: AppContext, hooks: AppHooks = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
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
    requestTimeout: context.config.requestTimeoutMs,
    keepAliveTimeout: context.config.keepAliveTimeoutMs,
    http: { headersTimeout: context.config.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, context.config.headersTimeoutMs) },
    return503OnClosing: true,
    trustProxy: false,
    // Ids are opaque; a client that sends `?limit=1&limit=2` gets the first.
    // Duplicate slashes too: analytics-next appends `/v1/projects/…` to its cdnURL as written, so a
    // cdnURL ending in `/` asks for `//v1/projects/…`.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 200 },
    // Errors raised before any route runs answer in the same error shape as everything else.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  registerCompressedBodies(app);
  registerJsonBodyParser(app);
  registerErrorHandler(app);
  if (context.config.authFailureBurst > 0) {
    registerAuthFailureLimiter(app, new AuthFailureLimiter({ burst: context.config.authFailureBurst, perSecond: context.config.authFailurePerSecond }));
  }
  if (hooks.metrics) {
    registerHttpMetrics(app, hooks.metrics);
    registerMetricsRoute(app, hooks.metrics, context.config.metricsToken);
  }

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await context.db.kysely.selectFrom('meta').select('key').limit(1).execute();
      return { status: 'ready', database: context.db.dialect.name };
    } catch (error) {
      return sendError(reply, new AppError('service_unavailable', 'The database is unreachable.', { cause: error }));
    }
  });

  registerAdminRoutes(app, context);
  await registerIngestRoutes(app, context);
  registerEventRoutes(app, context, hooks.onRequeued ?? (() => {}));
  registerAttributionApi(app, context, { engine: context.attribution });
  registerFulfillmentApi(app, context, { engine: context.attribution });
  registerDistributionApi(app, context);
  registerSystemApi(app, context);
  registerReportsApi(app, context);
  registerSirenWebhookRoutes(app, context);
  await registerAttributionIngest(app, context, context.attribution);
  registerContractRoutes(app, context);
  registerLiveRoutes(app, context);
  registerTransformationRoutes(app, context);
  registerForwardRoutes(app, context);
  registerConsoleStatic(app);
  return app;
}
