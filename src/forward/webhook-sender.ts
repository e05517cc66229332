import { Agent, buildConnector } from 'undici';
import { coerceError } from '../errors/index.ts';
import { checkUrlShape, guardedLookup, refusalForAddress, UrlRefused, type Resolver } from './ssrf-guard.ts';

/** The result of one HTTP attempt. `statusCode` is null when no answer came (network, timeout, refusal). */
export interface SendResult {
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  /** From a `Retry-After` header (seconds or an HTTP date), in ms from now. */
  readonly retryAfterMs: number | null;
  /** The SSRF guard refused the address: retrying will not help. */
  readonly refused: boolean;
  /** The start of the answer's body: error answers, and 2xx ones when asked (`keepBody`). */
  readonly body?: string;
}

/** How much of an error answer's body is kept for the attempt log. */
const MAX_ERROR_BODY = 512;
/** How much of a 2xx answer's body is read (and thrown away) to keep its connection reusable. */
const MAX_DRAINED_BODY = 64 * 1024;
/** Connections per receiver origin; FORWARD_CONCURRENCY bounds each destination below that. */
const MAX_CONNECTIONS = 256;

/** Parses `Retry-After`: delay-seconds or an HTTP date. Undefined or past values give null. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/**
 * Sends webhook requests through the SSRF guard, over undici's connection pools (keep-alive, up to
 * MAX_CONNECTIONS per origin; several times cheaper per request than node:http). Every new
 * connection resolves through `guardedLookup`, and the connected socket's address is checked
 * again before the pool may use it (Node skips `lookup` for IP literals); a reused connection was
 * checked when it connected. Redirects are not followed.
 */
export class WebhookSender {
  private readonly agent: Agent;

  constructor(
    private readonly options: { allowPrivate: boolean; timeoutMs: number; userAgent?: string; resolver?: Resolver },
  ) {
    const connector = buildConnector({ lookup: guardedLookup(options.allowPrivate, options.resolver) } as buildConnector.BuildOptions);
    this.agent = new Agent({
      connections: MAX_CONNECTIONS,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: (connectOptions, callback) => {
        connector(connectOptions, (error, socket) => {
          if (error || !socket) return callback(error ?? new Error('no connection'), null);
          const address = socket.remoteAddress;
          const refusal = address === undefined ? 'no remote address' : refusalForAddress(address, options.allowPrivate);
          if (!refusal) return callback(null, socket);
          socket.destroy();
          callback(new UrlRefused(`connected to a refused address: ${refusal}`), null);
        });
      },
    });
  }

  /**
   * Posts `body`; never throws. `signal` aborts (the worker is stopping). `keepBody` reads the
   * start of a 2xx answer too (a destination test shows it); deliveries do not wait for it.
   */
  async post(rawUrl: string, headers: Record<string, string>, body: string, signal?: AbortSignal, options: { keepBody?: boolean } = {}): Promise<SendResult> {
    const started = performance.now();
    const result = (partial: Omit<SendResult, 'latencyMs'>): SendResult => ({ ...partial, latencyMs: performance.now() - started });
    let url: URL;
    try {
      url = checkUrlShape(rawUrl, this.options.allowPrivate);
    } catch (error) {
      return result({ statusCode: null, error: `URL refused: ${coerceError(error).message}`, retryAfterMs: null, refused: true });
    }
    // One controller and one timer per request: AbortSignal.any over the worker's long-lived stop
    // signal costs more than the request itself at thousands of requests per second.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${this.options.timeoutMs} ms`));
    }, this.options.timeoutMs);
    const stop = () => controller.abort(signal?.reason);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
    };
    try {
      const answer = await this.request(url, headers, body, controller.signal, done, options.keepBody === true);
      const ok = answer.statusCode >= 200 && answer.statusCode < 300;
      return result({
        statusCode: answer.statusCode,
        error: ok ? null : describeAnswer(answer.statusCode, answer.body),
        retryAfterMs: parseRetryAfter(answer.retryAfter),
        refused: false,
        ...(ok && !options.keepBody ? {} : { body: answer.body }),
      });
    } catch (error) {
      // The timer goes whatever the outcome: a refused address left it running for timeoutMs.
      done();
      const refusal = refusalIn(error);
      if (refusal) return result({ statusCode: null, error: `address refused: ${refusal.message}`, retryAfterMs: null, refused: true });
      const message = timedOut ? `timed out after ${this.options.timeoutMs} ms` : coerceError(error).message;
      return result({ statusCode: null, error: message, retryAfterMs: null, refused: false });
    }
  }

  close(): void {
    this.agent.destroy().catch(() => {});
  }

  /** `done` runs once nothing more is read: after the error body, or when a 2xx body is drained. */
  private async request(url: URL, headers: Record<string, string>, body: string, signal: AbortSignal, done: () => void, keepBody: boolean) {
    const response = await this.agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      signal,
      body,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'user-agent': this.options.userAgent ?? 'Tributary-Webhooks/1',
      },
    });
    const { statusCode } = response;
    const header = response.headers['retry-after'];
    const retryAfter = Array.isArray(header) ? header[0] : header;
    // A 2xx is the answer as soon as its headers arrive: a receiver that then trickles or never
    // ends its body must not turn a delivered event into a timeout and a resend. The body is
    // drained (or dropped past its limit, or at the body timeout) in the background.
    if (statusCode >= 200 && statusCode < 300 && !keepBody) {
      response.body
        .dump({ limit: MAX_DRAINED_BODY })
        .catch(() => {})
        .finally(done);
      return { statusCode, body: '', retryAfter };
    }
    // Otherwise keep the start of the body for the attempt log, and stop reading there.
    const chunks: Buffer[] = [];
    let kept = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        kept += chunk.length;
        if (kept >= MAX_ERROR_BODY) break;
      }
    } catch {
      // A body cut short still leaves its status code as the answer.
    } finally {
      if (!response.body.destroyed) response.body.destroy();
      done();
    }
    return { statusCode, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY), retryAfter };
  }
}

/** The guard's refusal, however undici wrapped it on its way from the connector. */
function refusalIn(error: unknown): UrlRefused | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1) {
    if (current instanceof UrlRefused) return current;
  }
  return undefined;
}

function describeAnswer(statusCode: number, body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return `HTTP ${statusCode}${text ? `: ${text}` : ''}`;
}
