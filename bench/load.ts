import autocannon from 'autocannon';

/** One measured load run: what the table shows. */
export interface LoadMeasurement {
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests answered other than 2xx, plus connection errors and timeouts (30 s). */
  failures: number;
  /** Requests answered 2xx. */
  answered: number;
}

export interface LoadSpec {
  /** One URL, or several (processes of one server) that autocannon spreads the connections over. */
  url: string | string[];
  headers: Record<string, string>;
  /** Request body; every `[<id>]` is replaced by a fresh id per request, so message ids never repeat. */
  body: string;
  eventsPerRequest: number;
  connections: number;
  seconds: number;
}

let sequence = 0;
const runId = Date.now().toString(36);

/**
 * Runs autocannon against one URL; the load generator lives in this process, the server in another.
 * autocannon's own `idReplacement` is not used: its Content-Length assumes 27-character ids while
 * the ids it inserts are shorter, so servers wait for bytes that never come.
 */
export async function measure(spec: LoadSpec): Promise<LoadMeasurement> {
  const parts = spec.body.split('[<id>]');
  const result = await autocannon({
    // autocannon takes a list of URLs (connections spread over them); its types say one string.
    url: spec.url as string,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...spec.headers },
        setupRequest: (request) => ({ ...request, body: parts.join(`${runId}-${(sequence += 1)}`) }),
      },
    ],
  });
  const ok = result['2xx'];
  return {
    requestsPerSecond: ok / result.duration,
    eventsPerSecond: (ok * spec.eventsPerRequest) / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
    answered: ok,
  };
}

/** A Segment track message whose messageId autocannon makes unique per request. */
export function trackBody(suffix = ''): Record<string, unknown> {
  return {
    type: 'track',
    event: 'Order Completed',
    userId: 'user-42',
    messageId: `[<id>]${suffix}`,
    timestamp: '2026-06-22T10:00:00.000Z',
    sentAt: '2026-06-22T10:00:01.000Z',
    properties: { orderId: 'ORD-456', total: 4999, currency: 'EUR', plan: 'pro' },
    context: { library: { name: 'analytics-node', version: '3.1.0' } },
  };
}
