import { basicAuth } from '../support/harness.ts';

export interface LoadOptions {
  /** Base URL of one server, or several: client `c` sends to `urls[c % urls.length]`. */
  urls: string[];
  writeKey: string;
  clients: number;
  requestsPerClient: number;
  /** Every `batchEvery`-th request of a client is a /v1/batch of `batchSize` events; the rest are /v1/track. */
  batchEvery: number;
  batchSize: number;
  /** Makes message ids unique to this run. */
  prefix: string;
  /** Called after each acknowledged request, with the running count of acknowledged events. */
  onAcknowledged?(total: number): void;
}

export interface LoadResult {
  /** Every messageId whose request was answered 2xx. */
  acknowledged: Set<string>;
  /** Every messageId sent, answered or not. */
  sent: Set<string>;
  /** Requests that got an HTTP answer other than 2xx: none is expected, even under a crash. */
  rejected: Array<{ status: number; body: string }>;
  /** Requests that failed without an answer (the server died under them). */
  unanswered: number;
  /** Requests in flight at the moment `markCut` was called. */
  inFlightAtCut: number | undefined;
}

/** Sends one Segment message or batch; resolves with the HTTP status and body. */
export async function postSegment(url: string, writeKey: string, path: string, body: unknown): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: basicAuth(writeKey), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

export function trackMessage(messageId: string): Record<string, unknown> {
  return {
    type: 'track',
    event: 'Load Tested',
    userId: `user-${messageId.length % 7}`,
    messageId,
    timestamp: new Date().toISOString(),
    properties: { messageId },
  };
}

/**
 * `clients` concurrent HTTP clients, each sending a bounded number of single events and batches
 * one after another, recording which message ids were acknowledged. A client stops at its first
 * request that fails without an answer: after a crash there is nobody left to answer it.
 */
export function startLoad(options: LoadOptions): { done: Promise<LoadResult>; markCut(): void } {
  const result: LoadResult = { acknowledged: new Set(), sent: new Set(), rejected: [], unanswered: 0, inFlightAtCut: undefined };
  let inFlight = 0;

  async function client(c: number): Promise<void> {
    const url = options.urls[c % options.urls.length]!;
    for (let r = 0; r < options.requestsPerClient; r += 1) {
      const isBatch = r % options.batchEvery === options.batchEvery - 1;
      const ids = isBatch
        ? Array.from({ length: options.batchSize }, (_, i) => `${options.prefix}-c${c}-r${r}-${i}`)
        : [`${options.prefix}-c${c}-r${r}`];
      for (const id of ids) result.sent.add(id);
      const [path, body] = isBatch ? ['/v1/batch', { batch: ids.map(trackMessage) }] : ['/v1/track', trackMessage(ids[0]!)];
      inFlight += 1;
      let answer: { status: number; body: string };
      try {
        answer = await postSegment(url, options.writeKey, path, body);
      } catch {
        result.unanswered += 1;
        return;
      } finally {
        inFlight -= 1;
      }
      if (answer.status < 200 || answer.status > 299) {
        result.rejected.push(answer);
        continue;
      }
      for (const id of ids) result.acknowledged.add(id);
      options.onAcknowledged?.(result.acknowledged.size);
    }
  }

  const done = Promise.all(Array.from({ length: options.clients }, (_, c) => client(c))).then(() => result);
  return {
    done,
    markCut: () => {
      result.inFlightAtCut = inFlight;
    },
  };
}
