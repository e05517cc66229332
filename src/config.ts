import { resolve } from 'node:path';
import { CLAIM_SCOPES, type ClaimScope } from './inbox/claim-scope.ts';

/**
 * Every setting Tributary reads, parsed once from the environment into a frozen object.
 * Nothing else in `src/` reads `process.env`: pass the Config down instead.
 */
export interface Config {
  readonly host: string;
  readonly port: number;
  /** Where the embedded SQLite database lives when no DATABASE_URL is set. */
  readonly dataDir: string;
  /** `postgres://…` selects PostgreSQL; undefined selects SQLite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** PostgreSQL schema to use (tests give every file its own). */
  readonly databaseSchema: string | undefined;
  /**
   * SQLite `synchronous` level. FULL (the default) fsyncs the WAL on every commit, so a 2xx survives
   * power loss; NORMAL survives a process crash (kill -9) but may lose the last commits on power loss.
   */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Operator token fixed by the environment instead of generated at first start. */
  readonly adminToken: string | undefined;
  readonly logLevel: string;
  /** How long a messageId / idempotency_key is remembered per workspace. */
  readonly dedupeWindowMs: number;
  /** Whether this process runs the inbox workers (a pure API node can turn them off). */
  readonly runWorkers: boolean;
  /** Inbox rows a worker claims per transaction. */
  readonly workerBatchSize: number;
  /**
   * PostgreSQL: whether a worker's locking claim takes due rows of every workspace in one
   * statement (`all`) or one workspace per statement (`workspace`, what Citus needs;
   * inbox/claim-scope.ts). SQLite ignores it.
   */
  readonly workerClaimScope: ClaimScope;
  /**
   * Batch transactions one process's inbox worker runs at once on PostgreSQL, on disjoint rows
   * (SKIP LOCKED), so the process prepares one batch while the database writes another. SQLite,
   * with its one writer, always runs one.
   */
  readonly workerConcurrency: number;
  /**
   * How long a delivery worker's claimed deliveries stay leased (beyond the request timeout) before
   * another worker may send them. Inbox workers need none: they hold their rows inside the batch
   * transaction, so a dead worker's rows are due again at once.
   */
  readonly workerLeaseMs: number;
  /** Idle poll interval; in-process appends wake the worker at once. */
  readonly workerPollMs: number;
  /** Attempts before a retryable failure becomes final. */
  readonly maxProcessingAttempts: number;
  /** How long a client-API request in sync mode waits for processing before answering `accepted`. */
  readonly syncTimeoutMs: number;
  /**
   * How long a client may take to send a whole request (headers and body), and its headers alone.
   * A client that announces a body and stalls is answered 408 `request_timeout` and its socket
   * closed, instead of holding it for Node's five minutes. Answers (a live stream) are not bounded.
   */
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (above a load balancer's own idle timeout). */
  readonly keepAliveTimeoutMs: number;
  /** Whether requests are measured and `/metrics` is served at all (`METRICS=off` for an A/B of their cost). */
  readonly metricsEnabled: boolean;
  /** The Bearer token a Prometheus presents to `GET /metrics` on the main port; unset: refused. */
  readonly metricsToken: string | undefined;
  /** A separate port for `GET /metrics` without authentication, bound to 127.0.0.1; unset: none. */
  readonly metricsPort: number | undefined;
  /**
   * Failed authentications one address may make at once, and how many it earns back per second;
   * beyond, its requests are answered 429 (see http/auth-failure-limiter.ts). 0 turns it off.
   */
  readonly authFailureBurst: number;
  readonly authFailurePerSecond: number;
  /**
   * Applications the partner portal's public sign-up form takes an hour from one address, and to
   * one program from everyone (attribution/partners/application-limiter.ts). 0 turns one off.
   */
  readonly partnerApplicationsPerAddressPerHour: number;
  readonly partnerApplicationsPerProgramPerHour: number;
  /**
   * Default request rate of each write key and of each API key (token buckets, per process): how
   * many a second it earns back, and how many it may make at once (the burst; unset, one second's
   * worth). 0 requests a second, the default, turns the limit off; a workspace may set its own
   * (rate-limits/). Recommended production values are in docs/operations.md.
   */
  readonly rateLimitWriteKeyPerSecond: number;
  readonly rateLimitWriteKeyBurst: number | undefined;
  readonly rateLimitApiKeyPerSecond: number;
  readonly rateLimitApiKeyBurst: number | undefined;
  /** How stale a cached credential may be on another process (revocation is immediate locally). */
  readonly credentialCacheMs: number;
  /** Public base URL printed in the bootstrap banner and served to browser SDKs. */
  readonly publicUrl: string | undefined;
  /**
   * Lets webhook destinations resolve to loopback, private and link-local addresses (self-hosted
   * setups, tests). Cloud metadata addresses stay refused either way.
   */
  readonly forwardAllowPrivateTargets: boolean;
  /** How long a webhook delivery keeps being retried before it becomes a dead letter. */
  readonly forwardRetryBudgetMs: number;
  /** First retry delay of a webhook delivery; later ones double (with jitter) up to an hour. */
  readonly forwardRetryBaseMs: number;
  /** Time limit of one webhook request, connection to last body byte. */
  readonly forwardTimeoutMs: number;
  /** Requests in flight at once per destination, per process. */
  readonly forwardConcurrency: number;
  /** Key material for encrypting destination secrets; when unset, a random key kept in `meta`. */
  readonly forwardSecretKey: string | undefined;
  /**
   * How long finished deliveries (and their attempts) are kept, to read and replay, before deletion:
   * the default of every workspace's `deliveries_days` retention setting.
   */
  readonly forwardRetentionMs: number;
  /** Retention: how often the background pruner looks for data past its workspace's settings. */
  readonly retentionIntervalMs: number;
  /** Retention: most rows of one table a pruning transaction deletes. */
  readonly retentionBatchSize: number;
  /** Retention: pause between two pruning batches, so the ingest path's writes go first. */
  readonly retentionPauseMs: number;
  /**
   * How long a graceful stop (SIGTERM, SIGINT) may take: deliveries in flight get half of it to
   * settle, requests in flight a quarter to finish; past the whole, the process exits anyway.
   */
  readonly shutdownTimeoutMs: number;
  /** Live stream: messages a slow reader may fall behind by before it is disconnected. */
  readonly liveMaxBuffered: number;
  /** Live stream: interval of the SSE heartbeat comment that keeps proxies from closing idle streams. */
  readonly liveHeartbeatMs: number;
  /** Attribution plugin modules (paths relative to the working directory), loaded at start. */
  readonly attributionPlugins: readonly string[];
  /** Destination-type plugin modules (paths relative to the working directory), loaded at start. */
  readonly destinationPlugins: readonly string[];
  /** Transformations: wall-clock (and so CPU) limit of one `transform(event)` run, in ms. */
  readonly transformTimeoutMs: number;
  /** Transformations: heap limit of the isolate that runs a transformation, in MB. */
  readonly transformMemoryMb: number;
  /** Transformations: most sandbox child processes at once (started on first use). */
  readonly transformProcesses: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function optionalInteger(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : integer(env, name, 0, min, max);
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(env[name])}`);
}

/** Parses and validates the environment; throws ConfigError with the offending variable's name. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const synchronous = (env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new ConfigError('SQLITE_SYNCHRONOUS must be FULL or NORMAL');
  }
  if (env.METRICS_TOKEN && env.METRICS_TOKEN.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  const adminToken = env.TRIBUTARY_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('TRIBUTARY_ADMIN_TOKEN must be at least 16 characters');
  }
  if (env.FORWARD_SECRET_KEY && env.FORWARD_SECRET_KEY.length < 32) {
    throw new ConfigError('FORWARD_SECRET_KEY must be at least 32 characters (for example `openssl rand -base64 32`)');
  }
  const config: Config = {
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    sqliteSynchronous: synchronous,
    adminToken,
    logLevel: env.LOG_LEVEL || 'info',
    dedupeWindowMs: integer(env, 'DEDUPE_WINDOW_HOURS', 24 * 7, 1, 24 * 365) * 3_600_000,
    runWorkers: flag(env, 'WORKERS', true),
    workerBatchSize: integer(env, 'WORKER_BATCH_SIZE', 1000, 1, 10_000),
    workerClaimScope: oneOf(env, 'WORKER_CLAIM_SCOPE', CLAIM_SCOPES, 'all'),
    workerConcurrency: integer(env, 'WORKER_CONCURRENCY', 2, 1, 16),
    workerLeaseMs: integer(env, 'WORKER_LEASE_MS', 30_000, 100, 3_600_000),
    workerPollMs: integer(env, 'WORKER_POLL_MS', 250, 5, 60_000),
    maxProcessingAttempts: integer(env, 'MAX_PROCESSING_ATTEMPTS', 10, 1, 100),
    syncTimeoutMs: integer(env, 'SYNC_TIMEOUT_MS', 10_000, 10, 120_000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    keepAliveTimeoutMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 72_000, 100, 600_000),
    metricsEnabled: flag(env, 'METRICS', true),
    metricsToken: env.METRICS_TOKEN || undefined,
    metricsPort: env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 1, 65535) : undefined,
    authFailureBurst: integer(env, 'AUTH_FAILURE_BURST', 20, 0, 1_000_000),
    authFailurePerSecond: integer(env, 'AUTH_FAILURE_PER_SECOND', 1, 1, 1_000_000),
    partnerApplicationsPerAddressPerHour: integer(env, 'PARTNER_APPLICATIONS_PER_ADDRESS_PER_HOUR', 5, 0, 1_000_000),
    partnerApplicationsPerProgramPerHour: integer(env, 'PARTNER_APPLICATIONS_PER_PROGRAM_PER_HOUR', 100, 0, 1_000_000),
    rateLimitWriteKeyPerSecond: integer(env, 'RATE_LIMIT_WRITE_KEY_PER_SECOND', 0, 0, 100_000),
    rateLimitWriteKeyBurst: optionalInteger(env, 'RATE_LIMIT_WRITE_KEY_BURST', 1, 1_000_000),
    rateLimitApiKeyPerSecond: integer(env, 'RATE_LIMIT_API_KEY_PER_SECOND', 0, 0, 100_000),
    rateLimitApiKeyBurst: optionalInteger(env, 'RATE_LIMIT_API_KEY_BURST', 1, 1_000_000),
    credentialCacheMs: integer(env, 'CREDENTIAL_CACHE_MS', 1000, 0, 60_000),
    publicUrl: env.PUBLIC_URL || undefined,
    forwardAllowPrivateTargets: flag(env, 'FORWARD_ALLOW_PRIVATE_TARGETS', false),
    forwardRetryBudgetMs: integer(env, 'FORWARD_RETRY_BUDGET_MS', 86_400_000, 1, 30 * 86_400_000),
    forwardRetryBaseMs: integer(env, 'FORWARD_RETRY_BASE_MS', 1000, 1, 3_600_000),
    forwardTimeoutMs: integer(env, 'FORWARD_TIMEOUT_MS', 10_000, 10, 120_000),
    forwardConcurrency: integer(env, 'FORWARD_CONCURRENCY', 16, 1, 64),
    forwardSecretKey: env.FORWARD_SECRET_KEY || undefined,
    forwardRetentionMs: integer(env, 'FORWARD_RETENTION_DAYS', 30, 1, 3650) * 86_400_000,
    retentionIntervalMs: integer(env, 'RETENTION_INTERVAL_MS', 60_000, 10, 86_400_000),
    retentionBatchSize: integer(env, 'RETENTION_BATCH_SIZE', 250, 1, 1000),
    retentionPauseMs: integer(env, 'RETENTION_PAUSE_MS', 10, 0, 10_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    liveMaxBuffered: integer(env, 'LIVE_MAX_BUFFERED', 1000, 1, 100_000),
    liveHeartbeatMs: integer(env, 'LIVE_HEARTBEAT_MS', 15_000, 100, 300_000),
    attributionPlugins: (env.ATTRIBUTION_PLUGINS ?? '').split(',').map((path) => path.trim()).filter((path) => path !== ''),
    destinationPlugins: (env.DESTINATION_PLUGINS ?? '').split(',').map((path) => path.trim()).filter((path) => path !== ''),
    transformTimeoutMs: integer(env, 'TRANSFORM_TIMEOUT_MS', 50, 1, 10_000),
    transformMemoryMb: integer(env, 'TRANSFORM_MEMORY_MB', 32, 8, 1024),
    transformProcesses: integer(env, 'TRANSFORM_PROCESSES', 2, 1, 16),
    ...overrides,
  };
  // Node refuses a headers timeout longer than the request's.
  if (config.headersTimeoutMs > config.requestTimeoutMs) throw new ConfigError('HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS');
  return Object.freeze(config);
}
