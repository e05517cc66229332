import { AppError } from '../../errors/index.ts';
import { addressKey, isLoopback } from '../../http/auth-failure-limiter.ts';
import { TokenBuckets, type BucketLimit } from '../../rate-limits/index.ts';

/** How many applications the public sign-up form takes an hour (0: no limit). */
export interface ApplicationLimits {
  /** From one client address (IPv6 per /64). */
  readonly perAddressPerHour: number;
  /** To one program, from everyone together: what a flood from many addresses meets. */
  readonly perProgramPerHour: number;
}

const HOUR_S = 3600;

/**
 * The sign-up form's rate limits: a token bucket per client address and one per program, each
 * holding an hour's allowance at once (a partner who mistypes can resend at once) and earning it
 * back over the hour. An empty bucket answers 429 `rate_limited` with `Retry-After`. State is per
 * process, bounded, and owned by the routes that use it, like the failed-authentication limiter.
 *
 * Loopback addresses skip the per-address limit, for the reason `AuthFailureLimiter` gives (a
 * proxy on the host makes every client look like 127.0.0.1); the per-program limit still holds.
 */
export class ApplicationLimiter {
  private readonly buckets = new TokenBuckets(20_000);
  private readonly perAddress: BucketLimit | undefined;
  private readonly perProgram: BucketLimit | undefined;

  constructor(limits: ApplicationLimits, private readonly now: () => number) {
    this.perAddress = hourly(limits.perAddressPerHour);
    this.perProgram = hourly(limits.perProgramPerHour);
  }

  /** Counts one application from `address`; throws 429 when it has sent its allowance. */
  takeAddress(address: string): void {
    if (this.perAddress === undefined || isLoopback(address)) return;
    refuseAfter(this.buckets.take(`address:${addressKey(address)}`, this.perAddress, this.now()), 'Too many applications from this address');
  }

  /** Counts one application to the program; throws 429 when it has had its allowance. */
  takeProgram(workspaceId: string, programId: number): void {
    if (this.perProgram === undefined) return;
    refuseAfter(this.buckets.take(`program:${workspaceId}:${programId}`, this.perProgram, this.now()), 'Too many applications to this program');
  }
}

function hourly(perHour: number): BucketLimit | undefined {
  return perHour > 0 ? { burst: perHour, perSecond: perHour / HOUR_S } : undefined;
}

function refuseAfter(waitMs: number, what: string): void {
  if (waitMs === 0) return;
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  throw new AppError('rate_limited', `${what}; try again in ${seconds} s.`, { headers: { 'retry-after': String(seconds) } });
}
