import type { FastifyInstance } from 'fastify';
import { isIPv6 } from 'node:net';
import { AppError } from '../errors/index.ts';
import { ipv6Groups } from '../lib/ipv6.ts';
import { sendError } from './error-handler.ts';

export interface AuthFailureLimits {
  /** Failed authentications an address may make at once. */
  readonly burst: number;
  /** How many more it earns back each second. */
  readonly perSecond: number;
  /** Addresses remembered at most; the least recently failing are forgotten first. */
  readonly maxAddresses?: number;
  /** Milliseconds since the epoch; tests move it. */
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Slows down an address that keeps presenting bad credentials (a key being guessed, a client with
 * a revoked key in a retry loop): each 401 answered to it takes a token from its bucket, which
 * refills at `perSecond` up to `burst`; an empty bucket makes its next requests 429 `rate_limited`
 * with `Retry-After`, answered before any credential lookup, so a flood of bad keys costs neither
 * hashing nor database reads. Other addresses are not affected. IPv6 addresses count per /64, the
 * block one client usually holds. State is per process and bounded (`maxAddresses`).
 *
 * Loopback addresses are not limited: a reverse proxy on the same host makes every client look
 * like 127.0.0.1 (the server does not trust `X-Forwarded-For`), and limiting it would limit
 * everyone; such a proxy limits by the real address itself.
 */
export class AuthFailureLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxAddresses: number;

  constructor(private readonly limits: AuthFailureLimits) {
    this.now = limits.now ?? Date.now;
    this.maxAddresses = limits.maxAddresses ?? 10_000;
  }

  /** Milliseconds until `address` may authenticate again; 0 when it may now. */
  retryAfterMs(address: string): number {
    if (isLoopback(address)) return 0;
    const bucket = this.refilled(addressKey(address));
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.ceil(((1 - bucket.tokens) / this.limits.perSecond) * 1000);
  }

  /** One failed authentication from `address`. */
  recordFailure(address: string): void {
    if (isLoopback(address)) return;
    const key = addressKey(address);
    const bucket = this.refilled(key) ?? { tokens: this.limits.burst, at: this.now() };
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    // Re-inserted last: the Map's order is then least recently failing first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
  }

  private refilled(key: string): Bucket | undefined {
    const bucket = this.buckets.get(key);
    if (!bucket) return undefined;
    const now = this.now();
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limits.perSecond);
    bucket.at = now;
    if (bucket.tokens >= this.limits.burst) {
      this.buckets.delete(key);
      return undefined;
    }
    return bucket;
  }
}

/** The local host: a reverse proxy on it makes every client look like it, so no per-address limit applies. */
export const isLoopback = (address: string) => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/** Who an address is for a per-address limit: itself, or its /64 for IPv6. */
export function addressKey(address: string): string {
  if (!isIPv6(address) || address.startsWith('::ffff:')) return address;
  // One /64: the first four groups.
  return `${ipv6Groups(address).slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/** Answers 429 to an address whose bucket is empty, and counts every 401 it is answered. */
export function registerAuthFailureLimiter(app: FastifyInstance, limiter: AuthFailureLimiter, onLimited: () => void = () => {}): void {
  app.addHook('onRequest', (request, reply, done) => {
    const wait = limiter.retryAfterMs(request.ip);
    if (wait === 0) return done();
    onLimited();
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    sendError(reply, new AppError('rate_limited', `Too many failed authentications from this address; try again in ${seconds} s.`, { headers: { 'retry-after': String(seconds) } }));
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode === 401) limiter.recordFailure(request.ip);
    done();
  });
}
