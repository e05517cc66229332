import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
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
}

/** How much of an error answer's body is kept for the attempt log. */
const MAX_ERROR_BODY = 512;

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
 * Sends webhook requests through the SSRF guard. Keep-alive agents reuse checked connections;
 * every new connection resolves through `guardedLookup`, and the connected socket's address is
 * checked again (Node skips `lookup` for IP literals). Redirects are not followed.
 */
export class WebhookSender {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly lookup: ReturnType<typeof guardedLookup>;

  constructor(
    private readonly options: { allowPrivate: boolean; timeoutMs: number; userAgent?: string; resolver?: Resolver },
  ) {
    this.lookup = guardedLookup(options.allowPrivate, options.resolver);
  }

  /** Posts `body`; never throws. `signal` aborts (the worker is stopping). */
  async post(rawUrl: string, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<SendResult> {
    const started = performance.now();
    const result = (partial: Omit<SendResult, 'latencyMs'>): SendResult => ({ ...partial, latencyMs: performance.now() - started });
    let url: URL;
    try {
      url = checkUrlShape(rawUrl, this.options.allowPrivate);
    } catch (error) {
      return result({ statusCode: null, error: `URL refused: ${coerceError(error).message}`, retryAfterMs: null, refused: true });
    }
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const answer = await this.request(url, headers, body, combined);
      return result({
        statusCode: answer.statusCode,
        error: answer.statusCode >= 200 && answer.statusCode < 300 ? null : describeAnswer(answer.statusCode, answer.body),
        retryAfterMs: parseRetryAfter(answer.retryAfter),
        refused: false,
      });
    } catch (error) {
      if (error instanceof UrlRefused) {
        return result({ statusCode: null, error: `address refused: ${error.message}`, retryAfterMs: null, refused: true });
      }
      const message = timeout.aborted ? `timed out after ${this.options.timeoutMs} ms` : coerceError(error).message;
      return result({ statusCode: null, error: message, retryAfterMs: null, refused: false });
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private request(url: URL, headers: Record<string, string>, body: string, signal: AbortSignal) {
    const secure = url.protocol === 'https:';
    const payload = Buffer.from(body, 'utf8');
    return new Promise<{ statusCode: number; body: string; retryAfter: string | undefined }>((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: 'POST',
          agent: secure ? this.httpsAgent : this.httpAgent,
          lookup: this.lookup as never,
          signal,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(payload.length),
            'user-agent': this.options.userAgent ?? 'Tributary-Webhooks/1',
          },
        },
        (response) => {
          const statusCode = response.statusCode ?? 0;
          const header = response.headers['retry-after'];
          const retryAfter = Array.isArray(header) ? header[0] : header;
          // A 2xx is the answer as soon as its headers arrive: a receiver that then trickles or
          // never ends its body must not turn a delivered event into a timeout and a resend.
          if (statusCode >= 200 && statusCode < 300) {
            response.resume();
            response.on('error', () => {});
            resolve({ statusCode, body: '', retryAfter });
            return;
          }
          // Otherwise keep the start of the body for the attempt log, and stop reading there.
          const chunks: Buffer[] = [];
          let kept = 0;
          const finish = () => resolve({ statusCode, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY), retryAfter });
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            kept += chunk.length;
            if (kept >= MAX_ERROR_BODY) {
              finish();
              response.destroy();
            }
          });
          response.on('end', finish);
          response.on('error', finish);
        },
      );
      request.on('socket', (socket: Socket) => {
        const check = () => {
          const address = socket.remoteAddress;
          const refusal = address === undefined ? 'no remote address' : refusalForAddress(address, this.options.allowPrivate);
          if (refusal) request.destroy(new UrlRefused(`connected to a refused address: ${refusal}`));
        };
        // A reused keep-alive socket was checked when it connected.
        if (socket.remoteAddress !== undefined && !socket.connecting) check();
        else socket.once('connect', check);
      });
      request.on('error', reject);
      request.end(payload);
    });
  }
}

function describeAnswer(statusCode: number, body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return `HTTP ${statusCode}${text ? `: ${text}` : ''}`;
}
