import type { FieldError } from '../../errors/index.ts';
import type { AttemptVerdict } from '../retry-policy.ts';

/**
 * The destination-type plugin interface (docs/destinations.md, "Writing a destination type").
 *
 * A destination is a `type` and a `config`. The type says what its config looks like (a JSON
 * Schema, secret fields marked), how requests are batched and paced, and how to deliver one
 * batch of events and judge the answer. Everything else is forwarding's: the outbox, leases,
 * retries with backoff, dead letters, replay, encryption of secret fields and masking them on
 * read, the `/test` endpoint. A type never sees another destination's config, and never writes
 * to the database.
 */
export interface DestinationType<Config extends object = Record<string, unknown>> {
  /** Stable id, lower case (`webhook`, `amplitude`, `postgres`): stored on every destination. */
  readonly id: string;
  /** A human name for catalogues (`Amplitude`). */
  readonly title: string;
  /** One sentence for catalogues: what it delivers where. */
  readonly description: string;
  /** `http` types send through forwarding's SSRF-guarded HTTP client; `connection` types bring their own. */
  readonly transport: 'http' | 'connection';
  /**
   * JSON Schema (draft-07, Ajv) of `config`. A property with `"x-secret": true` (we also set
   * `writeOnly: true` for form builders) is a secret: encrypted at rest, masked (`••••` + last 4
   * when 16 characters or more) in every answer, never logged. Secrets must be top-level string
   * properties. Use `additionalProperties: false` and `default` where a default exists.
   */
  readonly configSchema: ConfigSchema;
  /**
   * Config properties that are URLs the SSRF guard checks when the destination is saved (and the
   * HTTP client checks again on every connection). Only for `http` types.
   */
  readonly urlFields?: readonly string[];
  /** Checks beyond the schema (two fields that go together); field names as in the schema. */
  check?(config: Config): FieldError[];
  /** How requests are batched and paced. */
  readonly limits: DestinationLimits;
  /**
   * Opens a client for one destination's config (decrypted), once per worker and config version;
   * the worker closes it when the config changes or the worker stops. `connection` types connect
   * lazily or here; either way `open` must not throw for an unreachable peer (send reports it).
   */
  open(config: Config, context: OpenContext): DestinationClient;
}

/** The JSON Schema of a config: an object schema whose properties may carry `x-secret`. */
export interface ConfigSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly [keyword: string]: unknown;
}

export interface DestinationLimits {
  /** Most events in one request; 1 sends each event alone. The destination's `batch_size` may only lower it. */
  readonly maxEvents: number;
  /**
   * Most bytes in one request (the vendor's payload limit, with headroom), counted as the JSON of
   * the events handed to `send`. A claimed batch over it is split into several sends, each
   * settled on its own answer; one event over it is sent alone (the peer judges it).
   */
  readonly maxBytes: number;
  /**
   * How long a partial batch may wait for more events before it is sent anyway. Declared for
   * catalogues and the docs; the worker sends what is due at once (a busy queue fills batches).
   */
  readonly maxWaitMs: number;
  /** Default requests per second per process for new destinations (null: none); users may change it. */
  readonly rateLimit: number | null;
}

/** What a type's client gets from forwarding when it is opened. */
export interface OpenContext {
  /** Forwarding's SSRF-guarded HTTP client (undici pools, timeouts, Retry-After parsed). */
  readonly http: HttpPoster;
  /** FORWARD_TIMEOUT_MS: the longest one send may take. */
  readonly timeoutMs: number;
  /** FORWARD_ALLOW_PRIVATE_TARGETS: connection types apply the same rule to their hosts. */
  readonly allowPrivateTargets: boolean;
  /** The destination this client serves (for client names, log fields, consumer tags). */
  readonly destination: { readonly id: string; readonly workspaceId: string; readonly name: string; readonly batchSize: number };
  /**
   * Signature headers for one request body with the destination's own signing secret (every
   * destination has one), in its scheme (Standard Webhooks `webhook-*`); the webhook type signs
   * with it, others may.
   */
  sign(requestId: string, body: string, now: number): Record<string, string>;
}

/** The HTTP client forwarding lends to `http` types. It never throws; a refused address is `refused`. */
export interface HttpPoster {
  post(url: string, headers: Record<string, string>, body: string, signal?: AbortSignal, options?: { keepBody?: boolean }): Promise<HttpAnswer>;
}

export interface HttpAnswer {
  /** null when no answer came (network error, timeout, refused address). */
  readonly statusCode: number | null;
  readonly latencyMs: number;
  /** `HTTP 400: <body excerpt>` or the network error; null on 2xx. */
  readonly error: string | null;
  readonly retryAfterMs: number | null;
  readonly refused: boolean;
  /** The start of the answer's body (error answers always; 2xx when `keepBody`). */
  readonly body?: string;
}

/** One request's worth of events, as the worker hands it to a client. */
export interface OutgoingBatch {
  /**
   * The events, in queue order: canonical events as the events API shows them (snake_case,
   * see canonical-event.ts), or what a rule's transformation returned.
   */
  readonly events: readonly Record<string, unknown>[];
  /** The same on every retry of these deliveries: an idempotency key for peers that take one. */
  readonly requestId: string;
}

/**
 * How a batch went. `verdict` decides what happens to its deliveries: `delivered`; `retry` (429,
 * 5xx, timeouts, connection errors: backoff, at least `retryAfterMs`); `final` (a permanent
 * failure such as a 4xx for a bad key or payload: the deliveries fail at once with `error` as
 * the reason, replayable); `gone` (the peer says the destination no longer exists: final, and the
 * destination is disabled). `error` must never contain credentials.
 */
export interface SendOutcome {
  readonly verdict: AttemptVerdict;
  /** The HTTP status, or null for non-HTTP peers and when no answer came. */
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  readonly retryAfterMs: number | null;
  /** What the peer answered, shortened (the `/test` endpoint shows it). */
  readonly response?: string;
}

/** One destination's open client. */
export interface DestinationClient {
  /**
   * Delivers one batch (all or nothing from the worker's view: its deliveries share the outcome).
   * Resolves, never rejects; stops early when `signal` aborts, answering `retry` with a null status.
   * Delivery is at-least-once: pass message ids (`message_id`) to peers that deduplicate.
   */
  send(batch: OutgoingBatch, signal: AbortSignal): Promise<SendOutcome>;
  /**
   * What `POST …/destinations/{id}/test` runs. Without it the test sends one sample event
   * (message id `test-…`, user `tributary-test`) through `send`. A type whose sample would land
   * in real data (a warehouse table) implements this to check the connection instead.
   */
  test?(signal: AbortSignal): Promise<SendOutcome>;
  /** Releases connections; the worker awaits it when the config changes or it stops. */
  close?(): Promise<void>;
}
