import type { KeyAdmission, KeyPrincipal } from '../auth/index.ts';
import { AppError } from '../errors/index.ts';
import type { KeyKind, KindLimits } from './rate-limit-settings.ts';
import { TokenBuckets, type BucketLimit } from './token-buckets.ts';
import type { WorkspaceLimitsCache } from './workspace-limits-cache.ts';

/**
 * Rate limits per key: each write key and each API key has its own token bucket, with the limit
 * its workspace sets for that kind of key (or the server's default). A request over the limit is
 * refused before the route does any work, with 429 `rate_limited` and `Retry-After`.
 *
 * A request counts once whatever it carries: a Segment batch of 500 events is one request. The
 * size limits (32 KB a message, 500 KB a batch) bound what one request holds, and counting events
 * would refuse for good any batch larger than the burst. The state is per process: behind a load
 * balancer spreading one key over N processes, the key may make N times its limit.
 */
export class KeyRateLimiter implements KeyAdmission {
  private readonly buckets: Record<KeyKind, TokenBuckets> = { write_key: new TokenBuckets(), api_key: new TokenBuckets() };

  constructor(
    private readonly limits: WorkspaceLimitsCache,
    private readonly now: () => number,
    /** Called for every refused request, with the kind of key (metrics). */
    private readonly onLimited: (kind: KeyKind) => void = () => {},
  ) {}

  admit(principal: KeyPrincipal): void | Promise<void> {
    const limits = this.limits.get(principal.workspaceId);
    if (limits instanceof Promise) return limits.then((loaded) => this.take(principal, loaded));
    this.take(principal, limits);
  }

  private take(principal: KeyPrincipal, limits: KindLimits): void {
    const limit = limits[principal.kind];
    if (limit === undefined) return;
    const waitMs = this.buckets[principal.kind].take(principal.keyId, limit, this.now());
    if (waitMs === 0) return;
    this.onLimited(principal.kind);
    throw rateLimited(principal.kind, limit, waitMs);
  }
}

/**
 * The refusal. `Retry-After` is whole seconds, rounded up (at least 1), which every Segment SDK
 * honours. The `RateLimit-*` fields of the IETF draft (draft-ietf-httpapi-ratelimit-headers, in
 * the form that sends `Limit`, `Remaining` and `Reset` apart) say the same for clients that read
 * them; they go on refusals only, so an accepted request on the hot path carries no extra headers
 * (GitHub and Segment's Public API send theirs on every answer).
 */
function rateLimited(kind: KeyKind, limit: BucketLimit, waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const what = kind === 'write_key' ? 'write key' : 'API key';
  return new AppError('rate_limited', `This ${what} made more than ${limit.perSecond} requests a second (bursts of ${limit.burst}); try again in ${seconds} s.`, {
    data: { key_kind: kind, retry_after_seconds: seconds, limit: { per_second: limit.perSecond, burst: limit.burst } },
    headers: {
      'retry-after': String(seconds),
      'ratelimit-limit': String(limit.burst),
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(seconds),
      // A browser SDK (analytics.js) reads Retry-After across origins only when exposed.
      'access-control-expose-headers': 'Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset',
    },
  });
}
