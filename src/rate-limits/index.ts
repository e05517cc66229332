import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { KeyRateLimiter } from './key-rate-limiter.ts';
import { registerRateLimitRoutes } from './rate-limit-routes.ts';
import { bucketLimit, type DefaultLimits, type KeyKind } from './rate-limit-settings.ts';
import { WorkspaceLimitsCache } from './workspace-limits-cache.ts';

export { KEY_KINDS, type KeyKind, type RateLimitsResource } from './rate-limit-settings.ts';
export { TokenBuckets, type BucketLimit } from './token-buckets.ts';

/**
 * The rate limits of one process: the server's defaults, each workspace's limits (cached), and the
 * limiter the authenticator asks before it lets a key's request through.
 */
export class RateLimits {
  readonly defaults: DefaultLimits;
  readonly cache: WorkspaceLimitsCache;
  readonly limiter: KeyRateLimiter;

  constructor(
    db: Db,
    config: Config,
    readonly now: () => number,
    onLimited: (kind: KeyKind) => void,
  ) {
    this.defaults = {
      write_key: bucketLimit(config.rateLimitWriteKeyPerSecond, config.rateLimitWriteKeyBurst),
      api_key: bucketLimit(config.rateLimitApiKeyPerSecond, config.rateLimitApiKeyBurst),
    };
    // The credential cache's staleness, but never a query per request when it is turned off.
    this.cache = new WorkspaceLimitsCache(db, this.defaults, Math.max(config.credentialCacheMs, 1000), now);
    this.limiter = new KeyRateLimiter(this.cache, now, onLimited);
  }
}

/** What the rate-limit routes need. */
export interface RateLimitsDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly rateLimits: RateLimits;
}

export function registerRateLimitsApi(app: FastifyInstance, deps: RateLimitsDeps): void {
  const { db, auth, rateLimits } = deps;
  registerRateLimitRoutes(app, { db, auth, defaults: rateLimits.defaults, cache: rateLimits.cache, now: rateLimits.now });
}
