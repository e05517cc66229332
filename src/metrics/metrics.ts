import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one running Tributary, in a registry of its own (never prom-client's
 * global one: two runtimes in one process, as tests build them, must not share counters).
 *
 * Names follow Prometheus' naming guide: a `tributary_` prefix, base units (seconds, bytes), `_total`
 * for counters. No label takes an unbounded value: routes are templates (`/v1/track`,
 * `/api/v1/workspaces/:id/events`), never raw paths; no user, workspace or event ids. Destinations
 * are labelled by their id: an admin creates them, so there are as many as configured, not one per
 * event. Scrape-time gauges read the database (database-gauges.ts).
 */
export class Metrics {
  readonly registry = new Registry();

  /** By route template, method and status; its `_count` is the request counter. */
  readonly httpRequestDuration = new Histogram({
    name: 'tributary_http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status code, and how long they took to answer.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });

  readonly eventsAccepted = new Counter({
    name: 'tributary_events_accepted_total',
    help: 'Events answered 2xx at ingest (durable), by API: segment, workspace, client, domain.',
    labelNames: ['api'] as const,
    registers: [this.registry],
  });

  readonly eventsSuppressed = new Counter({
    name: 'tributary_events_suppressed_total',
    help: 'Events answered 2xx at ingest and dropped because a regulation suppresses their person, by API.',
    labelNames: ['api'] as const,
    registers: [this.registry],
  });

  readonly eventsProcessed = new Counter({
    name: 'tributary_events_processed_total',
    help: 'Inbox rows a worker finished, by outcome: processed (a canonical event), blocked (by a contract), failed (an attempt failed; it may be retried).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly transformationRuns = new Counter({
    name: 'tributary_transformation_runs_total',
    help: 'Transformation runs over one event, by outcome: ok, dropped, error, timeout, memory (the sandbox ran out of memory).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly deliveryAttempts = new Counter({
    name: 'tributary_delivery_attempts_total',
    help: 'Deliveries sent, by destination and outcome: delivered, retry (will be tried again), failed (refused for good), dead (out of retries: a dead letter).',
    labelNames: ['destination_id', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly deliveryDuration = new Histogram({
    name: 'tributary_delivery_duration_seconds',
    help: 'How long one request to a destination (a delivery, or a batch) took, from sending to its answer or failure.',
    labelNames: ['destination_id'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly attributionFlows = new Counter({
    name: 'tributary_attribution_flows_total',
    help: 'Attribution flows run, by event slug and outcome (the HTTP status class the flow answered: 2xx, 4xx).',
    labelNames: ['slug', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'tributary_rate_limited_requests_total',
    help: 'Requests answered 429 rate_limited, by limit: write_key or api_key (the key\'s own rate limit), auth_failures (an address that kept failing to authenticate).',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  readonly stripeWebhookEvents = new Counter({
    name: 'tributary_stripe_webhook_events_total',
    help: 'Stripe webhook requests, by outcome: accepted (stored for attribution), duplicate (an event id already stored), ignored (a type the integration does not act on), invalid_signature.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly prunedRows = new Counter({
    name: 'tributary_retention_pruned_rows_total',
    help: 'Rows retention deleted, by table: events, inbox, domain_outcomes, deliveries, delivery_attempts, contract_violations, event_volume.',
    labelNames: ['table'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Process metrics (CPU, memory, handles, GC) and the event loop's lag, on this registry.
    collectDefaultMetrics({ register: this.registry });
  }

  private readonly acceptedByApi = new Map<string, { inc(value: number): void }>();

  /** `count` events of `api` are durable. Per request on the ingest path: the labelled child is kept. */
  countAccepted(api: string, count: number): void {
    let child = this.acceptedByApi.get(api);
    if (!child) this.acceptedByApi.set(api, (child = this.eventsAccepted.labels({ api })));
    child.inc(count);
  }

  /** A worker batch's outcomes. */
  countProcessed(outcomes: ReadonlyArray<{ status: string }>): void {
    tally(this.eventsProcessed, outcomes.map((o) => o.status), {});
  }

  /** One sandbox call's runs, by outcome label (transformation-outcomes.ts). */
  countTransformationRuns(outcomes: readonly string[]): void {
    tally(this.transformationRuns, outcomes, {});
  }

  /** A request to a destination: each of its deliveries' outcomes. */
  countDeliveries(destinationId: string, outcomes: readonly string[]): void {
    tally(this.deliveryAttempts, outcomes, { destination_id: destinationId });
  }

  /** The text exposition format, and its content type. */
  async scrape(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}

/**
 * Counts `outcomes` in `counter` under the label `outcome` (beside the fixed `labels`): one
 * increment per distinct outcome, not one per item, since each increment hashes its labels.
 */
function tally<L extends string>(counter: Counter<L>, outcomes: readonly string[], labels: Partial<Record<L, string>>): void {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  for (const [outcome, n] of counts) counter.inc({ ...labels, outcome } as Partial<Record<L, string>>, n);
}
