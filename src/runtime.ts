/**
 * The composition root: the one place that builds services and hands each capability what it
 * declared.
 *
 * Shape. `createRuntime` opens and migrates the database, then builds the process's services
 * once (authenticator, inbox writer and waiters, contract cache, sandbox pool, live hub,
 * attribution engine, forwarding's services, Siren webhooks, the suppression list and the
 * regulation runner, workers) into `RuntimeServices`.
 * Each capability's `index.ts` declares a small `…Deps` interface and one `register…(app, deps)`;
 * `registerCapabilities` below passes each an object literal with exactly those fields, so a
 * capability's real dependencies are readable here and in its signature, and a route module
 * can be tested on a bare Fastify instance with only its deps (test/contracts/contract-routes-deps.test.ts).
 * Route modules inside a capability take a narrower `Deps` still (often just `db`).
 *
 * State that used to hide in module-level maps keyed by the database handle (the contract cache,
 * the dedupe-expiry watermark, the Basic-auth username cache) lives in objects built here (or
 * owned by one built here) and passed down.
 *
 * Background services register in one `Lifecycle` (lifecycle.ts): started in order by phase
 * (`boot` at creation, `workers` with `startWorkers()`/`listen()`, `serve` with `listen()` only)
 * and stopped in reverse order, each stop isolated and logged. Registration order is therefore
 * the shutdown order read backwards: the HTTP app closes first (no new requests), then the inbox
 * writer commits what is in flight, the retention pruner stops between two batches, the inbox
 * worker finishes its batch (and hands deliveries over), the delivery worker and the heartbeat
 * stop, the live hub and the sandbox close, last-used times are flushed, and the database closes
 * last. A signal's graceful `shutdown` comes before all that: `/readyz` turns 503 and deliveries in
 * flight get their grace to settle while the port still answers (docs/operations.md).
 */
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp, type HttpProbe } from './app.ts';
import { AttributionEngine, attributionStage, registerAttributionIngest } from './attribution/index.ts';
import { registerAttributionApi } from './attribution/api/index.ts';
import { DistributionScheduler, registerDistributionApi, registerDistributionFactories } from './attribution/distributions/index.ts';
import { registerFulfillmentApi } from './attribution/fulfillment/index.ts';
import { IpHasher, registerPartnerApi } from './attribution/partners/index.ts';
import { registerReportsApi } from './attribution/reports/index.ts';
import { registerSystemApi, registerSystemFactories } from './attribution/system/index.ts';
import { registerSirenWebhookApi, SirenWebhooks } from './attribution/webhooks/index.ts';
import { Authenticator, bootstrap, registerAdminRoutes, type BootstrapResult } from './auth/index.ts';
import type { Config } from './config.ts';
import { createContractCache, createContractsStage, registerContractsApi, type ContractCache } from './contracts/index.ts';
import { migrateToLatest, openDatabase, type Db } from './db/index.ts';
import { coerceError } from './errors/index.ts';
import { createForwardingStage, DeliveryWorker, ForwardServices, registerForwardRoutes, serverKeyMaterial } from './forward/index.ts';
import { DedupeExpiry, InboxWriter, JournalExpansion, lookupOutcomes, ProcessingWaiters, walSyncFor } from './inbox/index.ts';
import { expandSegmentRequest, registerIngestRoutes } from './ingest/index.ts';
import { Lifecycle } from './lifecycle.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { ClickRecorder, LinkResolver, registerLinks } from './links/index.ts';
import { countTransformations, Metrics, registerDatabaseGauges, startMetricsServer } from './metrics/index.ts';
import { eventVolumeStage, LiveHub, registerObserveApi } from './observe/index.ts';
import { InboxWorker, type PipelineStage } from './pipeline/index.ts';
import { RateLimits, registerRateLimitsApi } from './rate-limits/index.ts';
import { defaultRetention, registerRetentionApi, RetentionWorker, type RetentionSettings } from './retention/index.ts';
import { RegulationRunner, registerRegulationApi, SuppressionCache } from './regulations/index.ts';
import { createTransformer, registerTransformApi, type Transformer } from './transform/index.ts';
import { registerIntegrationFactories, registerIntegrations } from './integrations/index.ts';

/** The services one running Tributary builds once; capabilities get the few they declare. */
export interface RuntimeServices {
  readonly config: Config;
  readonly db: Db;
  readonly logger: Logger;
  readonly auth: Authenticator;
  readonly inbox: InboxWriter;
  readonly waiters: ProcessingWaiters;
  /** Compiled contracts, shared by the contracts stage and the contract routes that invalidate it. */
  readonly contracts: ContractCache;
  /** Fans committed events out to live-stream readers (SSE). */
  readonly live: LiveHub;
  /** The JavaScript sandbox for transformations (child processes, started on first use). */
  readonly transformer: Transformer;
  /** The attribution engine: domain bus, factory registry (built-ins and plugins), admin actions. */
  readonly attribution: AttributionEngine;
  /** Forwarding's shared state: the rule cache, the secret box, the queued-deliveries signal. */
  readonly forward: ForwardServices;
  /** Siren webhook subscriptions: the cache their routes invalidate, the listeners that queue deliveries. */
  readonly sirenWebhooks: SirenWebhooks;
  /** Rate limits per key: the defaults, each workspace's limits (cached) and the buckets. */
  readonly rateLimits: RateLimits;
  /** The one clock that decides time-based money and expiry (lib/clock.ts). */
  readonly clock: Clock;
  /** Suppressed people per workspace (regulations), read by ingest on every request. */
  readonly suppressions: SuppressionCache;
  /** Runs deletes in the background (`serve`; tests run it by hand), when this process runs workers. */
  readonly regulations: RegulationRunner | undefined;
  /** Referral links: what a code names (cached briefly), and the group commit that records clicks. */
  readonly links: { readonly resolver: LinkResolver; readonly clicks: ClickRecorder };
}

export interface Runtime {
  readonly app: FastifyInstance;
  readonly services: RuntimeServices;
  readonly worker: InboxWorker | undefined;
  readonly deliveryWorker: DeliveryWorker | undefined;
  /** The background pruner (retention/), when this process runs workers. */
  readonly retention: RetentionWorker | undefined;
  readonly bootstrap: BootstrapResult;
  /** The address the server listens on, once `listen` has run. */
  url: string | undefined;
  listen(): Promise<string>;
  /** Starts the inbox and delivery workers (listen does this too); for tests that use inject only. */
  startWorkers(): void;
  /** Stop: no new requests, in-flight appends committed, workers finish their batch, deliveries in flight released. */
  close(): Promise<void>;
  /**
   * The graceful stop of SIGTERM and SIGINT (main.ts): `/readyz` answers 503 at once, deliveries in
   * flight get half of SHUTDOWN_TIMEOUT_MS to settle before the rest are released, then `close`.
   */
  shutdown(): Promise<void>;
}

export interface RuntimeOptions {
  logger?: Logger;
  /**
   * "Now" for flows, admin actions, the heartbeat, hold releases and rate limits; tests pass a
   * ManualClock (or a frozen one). Claims and retries of the inbox stay on the system clock.
   */
  clock?: Clock;
  /** Stages appended to the built-in pipeline (plugins; tests that need a failing stage). */
  extraStages?: PipelineStage[];
  /** Observers of every route and answer (tests: the OpenAPI coverage and conformance checks). */
  probe?: HttpProbe;
}

/** Opens the database, migrates, bootstraps and wires every service. Does not listen yet. */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const lifecycle = new Lifecycle(logger);
  const db = await openDatabase(config);
  lifecycle.add({ name: 'database', stop: () => db.close() });
  try {
    return await wire(config, options, logger, db, lifecycle);
  } catch (error) {
    // Whatever was built before the failure (the database at least) is closed again.
    await lifecycle.stop();
    throw error;
  }
}

async function wire(config: Config, options: RuntimeOptions, logger: Logger, db: Db, lifecycle: Lifecycle): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  await migrateToLatest(db);
  const result = await bootstrap(db, config);
  const onBackgroundError = (error: unknown) => logger.error({ err: coerceError(error) }, 'background task failed');

  let worker: InboxWorker | undefined;
  let deliveryWorker: DeliveryWorker | undefined;
  let retention: RetentionWorker | undefined;
  const now = () => clock.now();
  const retentionDefaults = defaultRetention(config.forwardRetentionMs / 86_400_000);
  /** Set when a graceful stop begins: `/readyz` answers 503 from then on. */
  let stopping = false;
  const metrics = new Metrics();
  registerDatabaseGauges(metrics, {
    db: db.kysely,
    walFile: db.dialect.walFileSuffix === undefined ? undefined : `${db.location}${db.dialect.walFileSuffix}`,
    poolStats: db.poolStats() === undefined ? undefined : () => db.poolStats()!,
  });
  const rateLimits = new RateLimits(db, config, () => clock.now(), (kind) => metrics.rateLimited.inc({ limit: kind }));
  const auth = new Authenticator(db, config, rateLimits.limiter);
  lifecycle.add({ name: 'credential last-used', phase: 'boot', start: () => auth.lastUsed.start(onBackgroundError), stop: () => auth.lastUsed.stop() });
  // One WAL sync (SQLite at FULL) for the inbox's groups and the worker's batches; closed after both.
  const walSync = walSyncFor(db, config.sqliteSynchronous);
  lifecycle.add({ name: 'wal sync', stop: () => walSync?.close() });
  const inbox = new InboxWriter(db, () => worker?.wake(), walSync, (api, count) => metrics.countAccepted(api, count));
  const waiters = new ProcessingWaiters((ids) => lookupOutcomes(db, ids));
  const contracts = createContractCache(logger);
  const transformer = createTransformer(config, logger, (outcomes) => countTransformations(metrics, outcomes));
  lifecycle.add({ name: 'sandbox pool', stop: () => transformer.close() });
  const live = new LiveHub(db, config, logger);
  lifecycle.add({ name: 'live hub', stop: () => live.close() });
  const attribution = await AttributionEngine.create(config.attributionPlugins, clock, IpHasher.fromMaterial(await serverKeyMaterial(db, config)));
  registerDistributionFactories(attribution.registry, db.dialect);
  registerSystemFactories(attribution.registry);
  registerIntegrationFactories(attribution.registry);
  const forward = await ForwardServices.open(db, config);
  const sirenWebhooks = new SirenWebhooks(attribution.bus, { dialect: db.dialect, retryBudgetMs: config.forwardRetryBudgetMs });
  const links = { resolver: new LinkResolver(db), clicks: new ClickRecorder(db) };
  const suppressions = new SuppressionCache(db, config.credentialCacheMs, (api, count) => metrics.eventsSuppressed.inc({ api }, count));
  let regulations: RegulationRunner | undefined;
  if (config.runWorkers) {
    const runner = new RegulationRunner({ db, suppressions, logger, clock, pollMs: 1000, forgetLive: (workspaceId, ids) => live.forget(workspaceId, ids) });
    regulations = runner;
    // With `serve`, as the distribution heartbeat: inject-only runtimes (tests) step it by hand.
    lifecycle.add({ name: 'regulation runner', phase: 'serve', start: () => runner.start(), stop: () => runner.stop() });
  }
  const services: RuntimeServices = {
    config,
    db,
    logger,
    auth,
    inbox,
    waiters,
    contracts,
    transformer,
    live,
    attribution,
    forward,
    sirenWebhooks,
    rateLimits,
    clock,
    suppressions,
    regulations,
    links,
  };

  // The pipeline, in order. Each stage runs inside the batch transaction (see PipelineStage).
  // Contracts come first: a blocked event is neither counted, transformed, forwarded nor attributed.
  const stages: PipelineStage[] = [
    createContractsStage(db, contracts),
    attributionStage(attribution, (slug, status) => metrics.attributionFlows.inc({ slug, outcome: `${Math.floor(status / 100)}xx` })),
    // Deliveries for lanes this process's delivery worker is sending to go to it from memory.
    createForwardingStage(forward.rules, { dialect: db.dialect, retryBudgetMs: config.forwardRetryBudgetMs, handoff: () => deliveryWorker }),
    eventVolumeStage,
    ...(options.extraStages ?? []),
  ];
  if (config.runWorkers) {
    // The distribution heartbeat beats in `serve` (listen); inject-only runtimes (tests) run it by hand.
    const scheduler = new DistributionScheduler(db, attribution, (error) => logger.error({ err: coerceError(error) }, 'distribution heartbeat failed'));
    lifecycle.add({ name: 'distribution heartbeat', phase: 'serve', start: () => scheduler.start(), stop: () => scheduler.stop() });
    const delivery = new DeliveryWorker({
      db,
      config,
      secrets: forward.secrets,
      types: forward.types,
      logger,
      transformer,
      onAttempt: (destinationId, outcomes, durationMs) => {
        metrics.countDeliveries(destinationId, outcomes);
        metrics.deliveryDuration.observe({ destination_id: destinationId }, durationMs / 1000);
      },
      onDestinationDisabled: (workspaceId) => {
        forward.rules.invalidate(workspaceId);
        sirenWebhooks.subscriptions.invalidate(workspaceId);
      },
    });
    deliveryWorker = delivery;
    lifecycle.add({ name: 'delivery worker', phase: 'workers', start: () => delivery.start(), stop: () => delivery.stop() });
    forward.onQueued(() => delivery.wake());
    attribution.onActionCommitted(() => delivery.wake());
    const inboxWorker = new InboxWorker(db, config, stages, logger, {
      onOutcomes: (outcomes, items) => {
        waiters.settle(outcomes);
        metrics.countProcessed(outcomes);
        // The batch committed: deliveries it queued are visible now.
        delivery.wake();
        live.publish(items);
      },
    }, new JournalExpansion(db, { segment: expandSegmentRequest }, config.workerClaimScope), clock, walSync);
    worker = inboxWorker;
    lifecycle.add({ name: 'inbox worker', phase: 'workers', start: () => inboxWorker.start(), stop: () => inboxWorker.stop() });
    const pruner = new RetentionWorker({
      db,
      logger,
      now,
      intervalMs: config.retentionIntervalMs,
      batchSize: config.retentionBatchSize,
      pauseMs: config.retentionPauseMs,
      defaults: retentionDefaults,
      dedupeWindowMs: config.dedupeWindowMs,
      onDeleted: (table, rows) => metrics.prunedRows.inc({ table }, rows),
    });
    retention = pruner;
    lifecycle.add({ name: 'retention', phase: 'workers', start: () => pruner.start(), stop: () => pruner.stop() });
  }
  lifecycle.add({ name: 'inbox writer', stop: () => inbox.close() });
  lifecycle.add({ name: 'link clicks', stop: () => links.clicks.drain() });
  const app = await buildApp({ logger, db, config, metrics, stopping: () => stopping, probe: options.probe }, (app) =>
    registerCapabilities(app, services, metrics, {
      onRequeued: () => worker?.wake(),
      retention: { defaults: retentionDefaults, now, onChanged: () => retention?.wake() },
    }),
  );
  lifecycle.add({ name: 'http', stop: () => closeWithin(app, config.shutdownTimeoutMs / 4) });
  // The local-only metrics port opens with `listen` (below) and closes before the main port.
  let metricsServer: { close: () => Promise<void> } | undefined;
  lifecycle.add({ name: 'metrics port', stop: async () => metricsServer?.close() });
  const dedupe = new DedupeExpiry(db, config.dedupeWindowMs);
  let janitor: NodeJS.Timeout | undefined;
  lifecycle.add({
    name: 'dedupe expiry',
    phase: 'boot',
    start: () => {
      janitor = setInterval(() => dedupe.run().catch(onBackgroundError), 60_000);
      janitor.unref();
    },
    stop: () => clearInterval(janitor),
  });
  lifecycle.start('boot');

  const runtime: Runtime = {
    app,
    services,
    worker,
    deliveryWorker,
    retention,
    bootstrap: result,
    url: undefined,
    async listen() {
      const address = await app.listen({ host: config.host, port: config.port });
      runtime.url = address;
      if (config.metricsPort !== undefined) metricsServer = await startMetricsServer(metrics, config.metricsPort);
      lifecycle.start('serve');
      return address;
    },
    startWorkers() {
      lifecycle.start('workers');
    },
    close: () => lifecycle.stop(),
    async shutdown() {
      stopping = true;
      await deliveryWorker?.stop(config.shutdownTimeoutMs / 2);
      await lifecycle.stop();
    },
  };
  return runtime;
}

/**
 * Closes the HTTP server: no new connections, requests on open ones answered 503
 * `service_unavailable` (app.ts), requests in flight finished. A request that does not finish within `ms`
 * (a client stalled mid-body, a live stream) has its connection cut, so the rest of the stop (the
 * group commit, the workers, the database) still happens within SHUTDOWN_TIMEOUT_MS.
 */
async function closeWithin(app: FastifyInstance, ms: number): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), ms);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Hands each capability exactly what its `index.ts` declares. Object literals, not `services`
 * itself: an extra field is a compile error, so this list stays the truth about who uses what.
 */
async function registerCapabilities(
  app: FastifyInstance,
  services: RuntimeServices,
  metrics: Metrics,
  hooks: { onRequeued: () => void; retention: { defaults: RetentionSettings; now: () => number; onChanged: () => void } },
): Promise<void> {
  const { onRequeued } = hooks;
  const { config, db, auth, inbox, waiters, attribution: engine } = services;
  registerAdminRoutes(app, { db, auth });
  registerRateLimitsApi(app, { db, auth, rateLimits: services.rateLimits });
  await registerIngestRoutes(app, { config, auth, inbox, waiters, suppressions: services.suppressions });
  registerObserveApi(app, { db, auth, config, live: services.live, onRequeued });
  registerAttributionApi(app, { db, auth, engine });
  registerFulfillmentApi(app, { db, auth, engine });
  registerPartnerApi(app, {
    db,
    auth,
    publicUrl: config.publicUrl,
    ipHasher: engine.ipHasher,
    applicationLimits: { perAddressPerHour: config.partnerApplicationsPerAddressPerHour, perProgramPerHour: config.partnerApplicationsPerProgramPerHour },
  }, engine);
  registerDistributionApi(app, { db, auth, engine });
  registerSystemApi(app, { db, auth, engine });
  registerReportsApi(app, { db, auth });
  registerSirenWebhookApi(app, {
    db,
    auth,
    secrets: services.forward.secrets,
    allowPrivateTargets: config.forwardAllowPrivateTargets,
    subscriptions: services.sirenWebhooks.subscriptions,
  });
  await registerAttributionIngest(app, { db, auth, config, inbox, waiters, engine });
  registerContractsApi(app, { db, auth, contracts: services.contracts });
  registerTransformApi(app, { db, auth, transformer: services.transformer });
  registerForwardRoutes(app, { db, auth, config, forward: services.forward });
  await registerIntegrations(app, {
    db,
    auth,
    config,
    inbox,
    secrets: services.forward.secrets,
    onStripeWebhook: (outcome) => metrics.stripeWebhookEvents.inc({ outcome }),
  });
  registerRetentionApi(app, { db, auth, ...hooks.retention });
  registerRegulationApi(app, { db, auth, suppressions: services.suppressions, clock: services.clock, onCreated: () => services.regulations?.wake() });
  registerLinks(app, { db, auth, resolver: services.links.resolver, clicks: services.links.clicks, clock: services.clock });
}
