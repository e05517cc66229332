import type { FastifyInstance } from 'fastify';
import { meteredTransformer, Metrics, registerDatabaseGauges, startMetricsServer } from './metrics/index.ts';
import pino, { type Logger } from 'pino';
import { buildApp } from './app.ts';
import { AttributionEngine, attributionStage } from './attribution/index.ts';
import { DistributionScheduler, registerDistributionFactories } from './attribution/distributions/index.ts';
import { registerSystemFactories } from './attribution/system/index.ts';
import { SirenWebhooks } from './attribution/webhooks/index.ts';
import { Authenticator, bootstrap, type BootstrapResult } from './auth/index.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { migrateToLatest, openDatabase } from './db/index.ts';
import { coerceError } from './errors/index.ts';
import { createForwardingStage, DeliveryWorker, ForwardServices } from './forward/index.ts';
import { expireDedupeKeys, InboxWriter, JournalExpansion, lookupOutcomes, ProcessingWaiters, walSyncFor } from './inbox/index.ts';
import { expandSegmentRequest } from './ingest/index.ts';
import { createContractsStage } from './contracts/index.ts';
import { eventVolumeStage, LiveHub } from './observe/index.ts';
import { InboxWorker, type PipelineStage } from './pipeline/index.ts';
import { createTransformer } from './transform/index.ts';

export interface Runtime {
  readonly app: FastifyInstance;
  readonly context: AppContext;
  readonly worker: InboxWorker | undefined;
  readonly deliveryWorker: DeliveryWorker | undefined;
  readonly bootstrap: BootstrapResult;
  /** The address the server listens on, once `listen` has run. */
  url: string | undefined;
  listen(): Promise<string>;
  /** Starts the inbox workers (listen does this too); for tests that use inject only. */
  startWorkers(): void;
  /** Graceful stop: no new requests, in-flight appends committed, workers finish their batch. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger?: Logger;
  /** Stages appended to the built-in pipeline (plugins; tests that need a failing stage). */
  extraStages?: PipelineStage[];
}

/** Opens the database, migrates, bootstraps and wires every service. Does not listen yet. */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const db = await openDatabase(config);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const result = await bootstrap(db, config);

  let worker: InboxWorker | undefined;
  const metrics = new Metrics();
  registerDatabaseGauges(metrics, {
    db: db.kysely,
    walFile: db.dialect.walFileSuffix === undefined ? undefined : `${db.location}${db.dialect.walFileSuffix}`,
    poolStats: db.poolStats() === undefined ? undefined : () => db.poolStats()!,
  });
  const auth = new Authenticator(db, config);
  const inbox = new InboxWriter(db, () => worker?.wake(), walSyncFor(db, config.sqliteSynchronous), (api, count) => metrics.countAccepted(api, count));
  const waiters = new ProcessingWaiters((ids) => lookupOutcomes(db, ids));
  const transformer = meteredTransformer(createTransformer(config, logger), metrics);
  const live = new LiveHub(db, config, logger);
  let attribution: AttributionEngine;
  try {
    attribution = await AttributionEngine.create(config.attributionPlugins);
  } catch (error) {
    await db.close();
    throw error;
  }
  registerDistributionFactories(attribution.registry, db.dialect);
  registerSystemFactories(attribution.registry);
  let forward: ForwardServices;
  try {
    forward = await ForwardServices.open(db, config);
  } catch (error) {
    await db.close();
    throw error;
  }
  const sirenWebhooks = new SirenWebhooks(attribution.bus, { dialect: db.dialect, retryBudgetMs: config.forwardRetryBudgetMs });
  const context: AppContext = { config, db, logger, auth, inbox, waiters, transformer, live, attribution, forward, sirenWebhooks };

  // The pipeline, in order. Each stage runs inside the batch transaction (see PipelineStage).
  // Contracts come first: a blocked event is neither counted, transformed, forwarded nor attributed.
  const stages: PipelineStage[] = [
    createContractsStage(db, logger),
    attributionStage(attribution, (slug, status) => metrics.attributionFlows.inc({ slug, outcome: `${Math.floor(status / 100)}xx` })),
    // Deliveries for lanes this process's delivery worker is sending to go to it from memory.
    createForwardingStage(forward.rules, { dialect: db.dialect, retryBudgetMs: config.forwardRetryBudgetMs, handoff: () => deliveryWorker }),
    eventVolumeStage,
    ...(options.extraStages ?? []),
  ];
  let deliveryWorker: DeliveryWorker | undefined;
  if (config.runWorkers) {
    deliveryWorker = new DeliveryWorker({
      db,
      config,
      secrets: forward.secrets,
      logger,
      transformer,
      onAttempt: (destinationId, outcomes, durationMs) => {
        for (const outcome of outcomes) metrics.deliveryAttempts.inc({ destination_id: destinationId, outcome });
        metrics.deliveryDuration.observe({ destination_id: destinationId }, durationMs / 1000);
      },
      onDestinationDisabled: (workspaceId) => {
        forward.rules.invalidate(workspaceId);
        sirenWebhooks.subscriptions.invalidate(workspaceId);
      },
    });
    forward.onQueued(() => deliveryWorker?.wake());
    attribution.onActionCommitted(() => deliveryWorker?.wake());
    worker = new InboxWorker(db, config, stages, logger, {
      onOutcomes: (outcomes, items) => {
        waiters.settle(outcomes);
        metrics.countProcessed(outcomes);
        // The batch committed: deliveries it queued are visible now.
        deliveryWorker?.wake();
        live.publish(items);
      },
    }, new JournalExpansion(db, { segment: expandSegmentRequest }));
  }
  // The distribution heartbeat beats in `serve` (listen); inject-only runtimes (tests) run it by hand.
  const distributionScheduler = config.runWorkers
    ? new DistributionScheduler(db, attribution, (error) => logger.error({ err: coerceError(error) }, 'distribution heartbeat failed'))
    : undefined;
  const app = await buildApp(context, { onRequeued: () => worker?.wake(), metrics });
  let metricsServer: { close: () => Promise<void> } | undefined;

  const onBackgroundError = (error: unknown) => logger.error({ err: coerceError(error) }, 'background task failed');
  auth.lastUsed.start(onBackgroundError);
  const janitor = setInterval(() => {
    expireDedupeKeys(db, config.dedupeWindowMs).catch(onBackgroundError);
  }, 60_000);
  janitor.unref();

  let closed = false;
  const runtime: Runtime = {
    app,
    context,
    worker,
    deliveryWorker,
    bootstrap: result,
    url: undefined,
    async listen() {
      const address = await app.listen({ host: config.host, port: config.port });
      runtime.url = address;
      if (config.metricsPort !== undefined) metricsServer = await startMetricsServer(metrics, config.metricsPort);
      worker?.start();
      deliveryWorker?.start();
      distributionScheduler?.start();
      return address;
    },
    startWorkers() {
      worker?.start();
      deliveryWorker?.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(janitor);
      await metricsServer?.close();
      await app.close();
      await inbox.close();
      await worker?.stop();
      await deliveryWorker?.stop();
      await distributionScheduler?.stop();
      // Idempotent: app.close() already ended the streams in its preClose hook; this stops LISTEN.
      await live.close();
      await transformer.close();
      await auth.lastUsed.stop().catch(onBackgroundError);
      await db.close();
    },
  };
  return runtime;
}
